package dev.scope.pipelines.basic.internal;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.PipelineConfig;

/** Scope's passthrough: video in, the same video out, in batches of four. */
@PipelineConfig(id = "passthrough", name = "Passthrough",
        description = "Passes input video through unchanged",
        supportsPrompts = false,
        modes = @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true, inputSize = 4))
public class PassthroughConfig extends BasePipelineConfig {
}
