package dev.scope.harness;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@link PipelineHarness#call} produced, copied out of the pipeline's
 * {@link dev.scope.pipeline.api.Output}: its frames as {@link Image}s (float frames converted to
 * 8-bit as the engine converts them, rounding) and its extra outputs. The frames themselves are
 * already released. Immutable.
 *
 * @param frames the output frames in time order; empty when the pipeline produced nothing
 * @param extras the extra outputs ({@link dev.scope.pipeline.api.Output#with}), in insertion order
 */
public record Outputs(List<Image> frames, Map<String, Object> extras) {

    /** Copies both collections. */
    public Outputs {
        frames = List.copyOf(frames);
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    /**
     * @return the one output frame
     * @throws AssertionError when the call produced no frame or more than one
     */
    public Image frame() {
        if (frames.size() != 1) {
            throw new AssertionError("expected one output frame, got " + frames.size());
        }
        return frames.get(0);
    }

    /** @return whether the call produced no frame (Scope's empty output) */
    public boolean idle() {
        return frames.isEmpty();
    }
}
