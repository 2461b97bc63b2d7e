package dev.scope.engine.api;

/**
 * What a user gave is wrong: a file that is missing, unreadable, damaged, not a video or not a
 * plugin; a value past a limit; a chain that cannot run as specified. The message is one line in
 * plain words that names the input and says what is expected, so it can be shown as is. The
 * command line exits with 2 for it; a server answers with a 4xx status.
 *
 * <p>Failures while doing the work (a full disk, a codec that breaks, a plugin that throws) are
 * other exceptions.
 *
 * @since 2.0
 */
public class BadInputException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what is expected, one line */
    public BadInputException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong and what is expected, one line
     * @param cause the underlying failure, for debug logs
     */
    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
