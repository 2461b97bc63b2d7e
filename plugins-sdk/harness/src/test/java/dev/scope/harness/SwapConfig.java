package dev.scope.harness;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.PipelineConfig;

@PipelineConfig(id = "swap", name = "Swap Red and Blue", supportsPrompts = false,
        modes = @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true))
public class SwapConfig extends BasePipelineConfig {
}
