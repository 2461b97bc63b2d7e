package dev.scope.pipeline.api;

/**
 * What a pipeline needs for its next call, returned by {@link Pipeline#prepare}.
 *
 * @param inputSize the number of input frames the next call takes, at least 1. When more frames
 *        arrived since the last call the engine samples this many uniformly and skips the rest.
 */
public record Requirements(int inputSize) {

    /**
     * @throws IllegalArgumentException when {@code inputSize < 1}
     */
    public Requirements {
        if (inputSize < 1) {
            throw new IllegalArgumentException("inputSize must be at least 1, was " + inputSize);
        }
    }
}
