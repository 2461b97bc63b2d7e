package dev.scope.examples.colorgenerator;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.Param;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.pipeline.api.Ui;

@PipelineConfig(id = "color-generator", name = "Color Generator",
        description = "Generates solid color frames",
        configDescription = "Configuration for the Color Generator pipeline.",
        supportsPrompts = false, // no prompts needed
        modes = @ModeDefaults(value = ModeDefaults.TEXT, isDefault = true)) // no video input
public class ColorGeneratorConfig extends BasePipelineConfig {

    // RGB values 0-255, shown as sliders
    @Param(description = "Red component", min = 0, max = 255)
    @Ui(order = 1, label = "Red")
    public int colorR = 128;

    @Param(description = "Green component", min = 0, max = 255)
    @Ui(order = 2, label = "Green")
    public int colorG = 128;

    @Param(description = "Blue component", min = 0, max = 255)
    @Ui(order = 3, label = "Blue")
    public int colorB = 128;
}
