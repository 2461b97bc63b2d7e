package dev.scope.pipelines.effects.internal;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.Param;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.pipeline.api.Ui;
import dev.scope.pipeline.api.Usage;

/** A gaussian blur, before or after the main pipeline. */
@PipelineConfig(id = "blur", name = "Gaussian Blur",
        description = "Softens the picture with a gaussian blur",
        supportsPrompts = false,
        usage = {Usage.PREPROCESSOR, Usage.POSTPROCESSOR},
        modes = @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true))
public class BlurConfig extends BasePipelineConfig {

    @Param(description = "Standard deviation of the gaussian in pixels (the blur reaches 3 sigma)",
            min = 0.5, max = 20)
    @Ui(order = 1, label = "Sigma")
    public double sigma = 2.0;
}
