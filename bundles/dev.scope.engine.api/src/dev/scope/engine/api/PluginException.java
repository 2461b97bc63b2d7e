package dev.scope.engine.api;

/**
 * A plugin operation that failed; the message is one line that says what and what is expected.
 * Its {@link #kind()} tells a bad request from a failure: the command line exits with 2 for
 * every kind but {@link Kind#FAILED}, a server maps the kinds to its status codes.
 */
public final class PluginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a plugin operation did not happen. */
    public enum Kind {
        /** The file is not a usable plugin: missing, unreadable, not a JAR, not a bundle, unresolvable. */
        INVALID,
        /** No plugin of that name is installed. */
        NOT_INSTALLED,
        /** The name is a bundle of the workbench itself, which plugins cannot replace or remove. */
        BUILT_IN,
        /** The operation failed while doing its work (the state directory, the framework). */
        FAILED
    }

    private final Kind kind;

    /**
     * @param kind why it did not happen
     * @param message what failed, one line
     * @since 2.0
     */
    public PluginException(Kind kind, String message) {
        this(kind, message, null);
    }

    /**
     * @param kind why it did not happen
     * @param message what failed, one line
     * @param cause the underlying failure, or {@code null}
     * @since 2.0
     */
    public PluginException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
    }

    /** @return why the operation did not happen */
    public Kind kind() {
        return kind;
    }

    /** @return whether the request itself was wrong (every kind but {@link Kind#FAILED}) */
    public boolean badInput() {
        return kind != Kind.FAILED;
    }
}
