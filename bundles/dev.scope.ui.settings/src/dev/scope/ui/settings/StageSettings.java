package dev.scope.ui.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One chain stage as the settings form shows it: a section titled {@code title} with the fields
 * of the pipeline's schema, holding {@code values}.
 *
 * @param title the section's title (the pipeline's name, or "Preprocessor: Edges")
 * @param pipelineId the pipeline's id
 * @param schema the pipeline's entry of {@code PipelineRegistry.schemas()} ({@code config_schema},
 *        {@code supports_prompts}, {@code usage}, ...), a JSON-like tree
 * @param values the stage's current values by key (load and runtime parameters, {@code prompts});
 *        a key left out shows its schema default
 * @param loading whether the stage is loading: every field is disabled
 */
public record StageSettings(String title, String pipelineId, Map<String, Object> schema, Map<String, Object> values,
        boolean loading) {

    /** Checks the parts and takes unmodifiable copies of the maps ({@code null} values are kept). */
    public StageSettings {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(pipelineId, "pipelineId");
        schema = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(schema, "schema")));
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values == null ? Map.of() : values));
    }
}
