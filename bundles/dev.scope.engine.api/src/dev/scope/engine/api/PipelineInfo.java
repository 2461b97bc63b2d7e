package dev.scope.engine.api;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * One pipeline as the registry lists it.
 *
 * @param id the pipeline id
 * @param name the display name
 * @param usage {@code "preprocessor"} and/or {@code "postprocessor"}; empty for a main pipeline
 * @param modes the supported input modes ({@code "text"}, {@code "video"}), in order
 * @param defaultMode the default input mode
 * @param plugin the bundle that provides it
 * @param schema its entry in {@link PipelineRegistry#schemas()}
 * @param schemaError why its schema could not be generated, or {@code null} when it could
 */
public record PipelineInfo(String id, String name, List<String> usage, List<String> modes,
        String defaultMode, PluginRef plugin, Map<String, Object> schema, String schemaError) {

    /** Copies the lists. */
    public PipelineInfo {
        usage = List.copyOf(usage);
        modes = List.copyOf(modes);
    }

    /** @return whether the schema is valid, so the pipeline can be loaded */
    public boolean available() {
        return schemaError == null;
    }

    /** @return the plugin name as Scope reports it: {@code null} for built-in pipelines */
    public String pluginName() {
        return plugin.bundled() ? null : plugin.name();
    }

    /** @return whether the pipeline may run before the main pipeline */
    public boolean isPreprocessor() {
        return usage.contains("preprocessor");
    }

    /** @return whether the pipeline may run after the main pipeline */
    public boolean isPostprocessor() {
        return usage.contains("postprocessor");
    }

    /**
     * @return the GPU memory the pipeline says it needs, in Scope's gigabytes (2^30 bytes): its
     *         schema's {@code estimated_vram_gb}; empty when the schema gives none ({@code null})
     *         or could not be generated. {@link Engine#vramWarning} compares it with the device.
     * @since 3.1
     */
    public OptionalDouble estimatedVramGb() {
        return schema != null && schema.get("estimated_vram_gb") instanceof Number n
                ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }
}
