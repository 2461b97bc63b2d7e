package dev.scope.pipelines.effects.internal;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.Param;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.pipeline.api.Ui;
import dev.scope.pipeline.api.Usage;

/** Brightness, contrast, saturation and hue; the identity at the defaults. */
@PipelineConfig(id = "color-grade", name = "Color Grade",
        description = "Adjusts brightness, contrast, saturation and hue",
        supportsPrompts = false,
        usage = Usage.POSTPROCESSOR,
        modes = @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true))
public class ColorGradeConfig extends BasePipelineConfig {

    @Param(description = "Added to every channel, as a fraction of full scale", min = -1, max = 1)
    @Ui(order = 1, label = "Brightness")
    public double brightness = 0.0;

    @Param(description = "Contrast around mid grey (0 = flat grey, 1 = unchanged)", min = 0, max = 3)
    @Ui(order = 2, label = "Contrast")
    public double contrast = 1.0;

    @Param(description = "Colour saturation around BT.601 luma (0 = grey, 1 = unchanged)", min = 0, max = 3)
    @Ui(order = 3, label = "Saturation")
    public double saturation = 1.0;

    @Param(description = "Hue rotation in degrees (positive turns red toward green)", min = -180, max = 180)
    @Ui(order = 4, label = "Hue")
    public double hue = 0.0;
}
