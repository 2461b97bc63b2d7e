package dev.scope.examples.invert;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.Param;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.pipeline.api.Ui;

@PipelineConfig(id = "invert", name = "Invert Colors",
        description = "Inverts the colors of input video frames",
        supportsPrompts = false,
        modes = @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true))
public class InvertConfig extends BasePipelineConfig {

    // a slider in the Settings panel
    @Param(description = "How strongly to invert the colors (0 = original, 1 = fully inverted)",
            min = 0.0, max = 1.0)
    @Ui(order = 1, label = "Intensity")
    public double intensity = 1.0;
}
