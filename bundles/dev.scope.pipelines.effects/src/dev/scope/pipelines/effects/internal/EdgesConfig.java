package dev.scope.pipelines.effects.internal;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.Param;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.pipeline.api.Ui;
import dev.scope.pipeline.api.Usage;

/** Edges or line art of the picture's luma: the role of Scope's {@code scribble}. */
@PipelineConfig(id = "edges", name = "Edges",
        description = "Turns video into edges or line art (Sobel or difference of gaussians on luma)",
        supportsPrompts = false,
        usage = Usage.PREPROCESSOR,
        modes = @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true))
public class EdgesConfig extends BasePipelineConfig {

    /** How edges are found. */
    public enum Mode {
        /** Sobel gradient magnitude: every edge, as wide as the change. */
        SOBEL,
        /** Difference of gaussians (sigma 1 and 1.6), dark side only: thin pencil-like lines. */
        LINEART
    }

    @Param(description = "How edges are found: Sobel gradient or difference-of-gaussians line art")
    @Ui(order = 1, label = "Mode")
    public Mode mode = Mode.SOBEL;

    @Param(description = "Gain applied to the edge response", min = 0, max = 4)
    @Ui(order = 2, label = "Strength")
    public double strength = 1.0;

    @Param(description = "Edges weaker than this fraction of full scale are dropped", min = 0, max = 1)
    @Ui(order = 3, label = "Threshold")
    public double threshold = 0.1;

    @Param(description = "Draw black lines on white instead of white lines on black")
    @Ui(order = 4, label = "Line art")
    public boolean lineArt = false;
}
