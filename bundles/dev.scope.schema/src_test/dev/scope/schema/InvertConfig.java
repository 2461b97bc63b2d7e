package dev.scope.schema;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.Param;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.pipeline.api.Ui;

/** Seed 000, "Adding UI Parameters": the InvertConfig with an intensity slider, in Java. */
@PipelineConfig(id = "invert", name = "Invert Colors",
        description = "Inverts the colors of input video frames",
        supportsPrompts = false,
        modes = @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true))
public class InvertConfig extends BasePipelineConfig {

    /** Blend between the original (0) and the inverted frame (1). */
    @Param(min = 0.0, max = 1.0,
            description = "How strongly to invert the colors (0 = original, 1 = fully inverted)")
    @Ui(order = 1, label = "Intensity")
    public double intensity = 1.0;
}
