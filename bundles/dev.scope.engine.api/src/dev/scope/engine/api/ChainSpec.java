package dev.scope.engine.api;

import java.util.List;
import java.util.Objects;

import dev.scope.pipeline.api.Backend;

/**
 * A chain: {@code source -> pre... -> main -> post... -> sink}.
 *
 * @param pre preprocessors in order (each must have usage {@code preprocessor})
 * @param main the main pipeline
 * @param post postprocessors in order (each must have usage {@code postprocessor})
 * @param mode the input mode, {@code "text"} or {@code "video"}; {@code null} for the main
 *        pipeline's default mode. Pre- and postprocessors need video mode.
 * @param backend where every stage runs, forced: {@link Backend#JAVA}, or {@link Backend#OPENCL}
 *        for every stage that supports it when a device is in use; {@code null} (the normal case):
 *        the engine decides per stage, by what the stage supports and what it measures
 * @param deadlineMillis how long one call of a stage may take before the stage is marked failed
 *        and bypassed (its thread abandoned); 0 for the engine's default
 *        ({@value #DEFAULT_DEADLINE_MILLIS} ms, or the framework property {@value #DEADLINE_PROPERTY})
 * @since 3.0
 */
public record ChainSpec(List<StageSpec> pre, StageSpec main, List<StageSpec> post, String mode, Backend backend,
        long deadlineMillis) {

    /** The default deadline of a stage's call: ten seconds (a first OpenCL build takes about 0.6 s). */
    public static final long DEFAULT_DEADLINE_MILLIS = 10_000;

    /** The framework property that sets the engine's default deadline, in milliseconds. */
    public static final String DEADLINE_PROPERTY = "scope.stage.deadline.ms";

    /** Copies the lists and checks the deadline. */
    public ChainSpec {
        pre = List.copyOf(pre);
        post = List.copyOf(post);
        Objects.requireNonNull(main, "main");
        if (deadlineMillis < 0) {
            throw new BadInputException("a stage deadline of " + deadlineMillis + " ms is not valid; expected 0"
                    + " (the default) or more");
        }
    }

    /**
     * @param pre preprocessors in order
     * @param main the main pipeline
     * @param post postprocessors in order
     * @param mode the input mode, or {@code null} for the main pipeline's default
     * @return a chain whose stages the engine places, with the default deadline
     */
    public static ChainSpec of(List<StageSpec> pre, StageSpec main, List<StageSpec> post, String mode) {
        return new ChainSpec(pre, main, post, mode, null, 0);
    }

    /** @return all stages in chain order */
    public List<StageSpec> stages() {
        return java.util.stream.Stream.of(pre, List.of(main), post).flatMap(List::stream).toList();
    }
}
