package dev.scope.engine.api;

/** A plugin operation that failed; the message says what and what is expected. */
public final class PluginException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed */
    public PluginException(String message) {
        super(message);
    }

    /**
     * @param message what failed
     * @param cause the underlying failure
     */
    public PluginException(String message, Throwable cause) {
        super(message, cause);
    }
}
