package dev.scope.server.internal;

/**
 * A request the API refuses: answered with {@code status} and the body {@code {"detail": detail}}.
 * The detail is one line saying what was wrong and what is expected.
 */
class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    ApiException(int status, String detail) {
        super(detail);
        this.status = status;
    }

    int status() {
        return status;
    }
}
