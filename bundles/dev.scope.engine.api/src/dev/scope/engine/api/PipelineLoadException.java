package dev.scope.engine.api;

/** A pipeline whose factory failed to create an instance. */
public final class PipelineLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed
     * @param cause the factory's exception
     */
    public PipelineLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
