package dev.scope.pipelines.basic.internal;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.pipeline.api.Usage;

/** Scope's {@code gray}: BT.601 luma as a preprocessor. */
@PipelineConfig(id = "gray", name = "Grayscale",
        description = "Converts video to grayscale (BT.601 luma)",
        supportsPrompts = false,
        usage = Usage.PREPROCESSOR,
        modes = @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true))
public class GrayConfig extends BasePipelineConfig {
}
