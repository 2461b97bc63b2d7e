package dev.scope.server;

/** A server that could not start; the message is one line saying why and what to do. */
public final class ServeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the server did not start. */
    public enum Kind {
        /** The port is taken on that address. */
        ADDRESS_IN_USE,
        /** The host cannot be resolved, or is not an address of this machine. */
        BAD_ADDRESS,
        /** A non-loopback address was asked for without a token. */
        TOKEN_REQUIRED,
        /**
         * A non-loopback address was asked for over plain HTTP, without {@link ServeOptions#insecure()}.
         *
         * @since 1.1
         */
        TLS_REQUIRED,
        /**
         * The TLS keystore is missing or unreadable, is not a PKCS12 keystore, or holds no private key.
         *
         * @since 1.1
         */
        BAD_KEYSTORE,
        /**
         * The password does not open the TLS keystore or its key.
         *
         * @since 1.1
         */
        KEYSTORE_PASSWORD,
        /** Anything else. */
        FAILED
    }

    private final Kind kind;

    /**
     * @param kind why
     * @param message one line
     * @param cause the underlying failure, or {@code null}
     */
    public ServeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = java.util.Objects.requireNonNull(kind, "kind");
    }

    /** @return why the server did not start */
    public Kind kind() {
        return kind;
    }

    /** @return whether the caller asked for something wrong (every kind but ADDRESS_IN_USE and FAILED) */
    public boolean badInput() {
        return kind != Kind.ADDRESS_IN_USE && kind != Kind.FAILED;
    }
}
