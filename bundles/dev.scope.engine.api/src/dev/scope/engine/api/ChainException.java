package dev.scope.engine.api;

/** A chain that cannot run as specified; the message says what to change. */
public final class ChainException extends BadInputException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and what is expected */
    public ChainException(String message) {
        super(message);
    }
}
