package dev.scope.schema;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.Param;
import dev.scope.pipeline.api.PipelineConfig;

/** Seed 000, "Creating a Text-Only Pipeline": the ColorGeneratorConfig, in Java. */
@PipelineConfig(id = "color-generator", name = "Color Generator",
        description = "Generates solid color frames",
        configDescription = "Configuration for the Color Generator pipeline.",
        supportsPrompts = false,
        modes = @ModeDefaults(value = ModeDefaults.TEXT, isDefault = true))
public class ColorGeneratorConfig extends BasePipelineConfig {

    /** Red, 0..255. */
    @Param(min = 0, max = 255, description = "Red component")
    public int colorR = 128;

    /** Green, 0..255. */
    @Param(min = 0, max = 255, description = "Green component")
    public int colorG = 128;

    /** Blue, 0..255. */
    @Param(min = 0, max = 255, description = "Blue component")
    public int colorB = 128;
}
