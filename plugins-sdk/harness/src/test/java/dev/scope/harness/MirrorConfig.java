package dev.scope.harness;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.PipelineConfig;

@PipelineConfig(id = "mirror", name = "Mirror", description = "Mirrors frames left to right",
        supportsPrompts = false,
        modes = @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true))
public class MirrorConfig extends BasePipelineConfig {
}
