package dev.scope.engine.api;

import java.util.List;
import java.util.Objects;

/**
 * A chain: {@code source -> pre... -> main -> post... -> sink}.
 *
 * @param pre preprocessors in order (each must have usage {@code preprocessor})
 * @param main the main pipeline
 * @param post postprocessors in order (each must have usage {@code postprocessor})
 * @param mode the input mode, {@code "text"} or {@code "video"}; {@code null} for the main
 *        pipeline's default mode. Pre- and postprocessors need video mode.
 */
public record ChainSpec(List<StageSpec> pre, StageSpec main, List<StageSpec> post, String mode) {

    /** Copies the lists. */
    public ChainSpec {
        pre = List.copyOf(pre);
        post = List.copyOf(post);
        Objects.requireNonNull(main, "main");
    }

    /** @return all stages in chain order */
    public List<StageSpec> stages() {
        return java.util.stream.Stream.of(pre, List.of(main), post).flatMap(List::stream).toList();
    }
}
