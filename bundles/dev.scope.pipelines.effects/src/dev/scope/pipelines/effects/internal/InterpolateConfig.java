package dev.scope.pipelines.effects.internal;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.Param;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.pipeline.api.Ui;
import dev.scope.pipeline.api.Usage;

/**
 * Doubles the frame rate by inserting a frame between each two: the role of Scope's {@code rife}.
 * It takes frames in batches of {@code input_size} (4 in video mode) so that it sees every frame
 * of a main pipeline that produces batches; a stage asking for one frame would skip the rest.
 */
@PipelineConfig(id = "interpolate", name = "Frame Interpolation",
        description = "Doubles the frame rate with motion-compensated in-between frames",
        supportsPrompts = false,
        usage = Usage.POSTPROCESSOR,
        modes = @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true, inputSize = 4),
        frameRateFactor = 2.0)
public class InterpolateConfig extends BasePipelineConfig {

    /** How an in-between frame is made. */
    public enum Method {
        /** Block motion search, both neighbours moved halfway along the motion and averaged. */
        MOTION,
        /** The average of the two neighbours (a cross-fade). */
        BLEND
    }

    @Param(description = "How in-between frames are made: motion-compensated, or a plain blend")
    @Ui(order = 1, label = "Method")
    public Method method = Method.MOTION;

    @Param(description = "Largest motion between two frames that is followed, in pixels per axis "
            + "(larger costs more time)", min = 4, max = 32)
    @Ui(order = 2, label = "Search range")
    public int searchRange = 16;
}
