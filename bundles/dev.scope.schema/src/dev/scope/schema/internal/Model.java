package dev.scope.schema.internal;

import java.util.List;
import java.util.Map;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.PipelineConfig;

/**
 * Everything introspection learns about a config class. Immutable.
 *
 * @param type the config class
 * @param config its class-level metadata
 * @param usage the usage spellings, in declaration order
 * @param modes the supported modes, in declaration order
 * @param defaultMode the mode marked default, else the first
 * @param modeDefaults mode -> its non-null overrides, only for modes that override something
 * @param bindings the parameters, base-class fields first
 */
public record Model(Class<? extends BasePipelineConfig> type, PipelineConfig config, List<String> usage,
        List<String> modes, String defaultMode, Map<String, Map<String, Object>> modeDefaults, List<Binding> bindings) {
}
