package dev.scope.server.client;

/** A relay message that got no answer: not connected, the connection dropped, or closed. */
public final class RelayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /**
     * @param status the HTTP status that says it best: 502 the server went away, 503 not connected
     * @param message one line
     */
    public RelayException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** @return 502 or 503 */
    public int status() {
        return status;
    }
}
