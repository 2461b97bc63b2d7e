package dev.scope.schema.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.schema.ParamSpec;

/** Writes Scope's {@code get_schema_with_metadata()} tree for a {@link Model}. Stateless. */
public final class SchemaWriter {

    private SchemaWriter() {
    }

    /** @return a new tree owned by the caller, keys in Scope's order */
    public static Map<String, Object> write(Model model) {
        PipelineConfig c = model.config();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", c.id());
        out.put("name", c.name().isEmpty() ? c.id() : c.name());
        out.put("description", c.description());
        out.put("version", c.version());
        out.put("supported_modes", new ArrayList<>(model.modes()));
        out.put("default_mode", model.defaultMode());
        out.put("supports_prompts", c.supportsPrompts());
        out.put("default_temporal_interpolation_method", c.defaultTemporalInterpolationMethod());
        out.put("default_temporal_interpolation_steps", c.defaultTemporalInterpolationSteps());
        out.put("default_spatial_interpolation_method", c.defaultSpatialInterpolationMethod());
        out.put("docs_url", c.docsUrl().isEmpty() ? null : c.docsUrl());
        out.put("estimated_vram_gb", c.estimatedVramGb() < 0 ? null : c.estimatedVramGb());
        out.put("requires_models", c.requiresModels());
        out.put("supports_lora", c.supportsLora());
        out.put("supports_vace", c.supportsVace());
        out.put("supports_cache_management", c.supportsCacheManagement());
        out.put("supports_kv_cache_bias", c.supportsKvCacheBias());
        out.put("supports_quantization", c.supportsQuantization());
        out.put("min_dimension", c.minDimension());
        out.put("recommended_quantization_vram_threshold",
                c.recommendedQuantizationVramThreshold() < 0 ? null : c.recommendedQuantizationVramThreshold());
        out.put("modified", c.modified());
        out.put("produces_video", c.producesVideo());
        out.put("produces_audio", c.producesAudio());
        out.put("usage", new ArrayList<>(model.usage()));
        out.put("inputs", new ArrayList<>(List.of(c.inputs())));
        out.put("outputs", new ArrayList<>(List.of(c.outputs())));
        out.put("config_schema", configSchema(model));
        if (!model.modeDefaults().isEmpty()) {
            out.put("mode_defaults", copy(model.modeDefaults()));
        }
        return out;
    }

    private static Map<String, Object> configSchema(Model model) {
        Map<String, Object> defs = new TreeMap<>();
        Map<String, Object> properties = new LinkedHashMap<>();
        for (Binding b : model.bindings()) {
            properties.put(b.key(), property(b));
            if (b.enumType() != null) {
                Map<String, Object> def = new LinkedHashMap<>();
                def.put("enum", new ArrayList<>(b.spec().choices()));
                def.put("title", b.enumType().getSimpleName());
                def.put("type", "string");
                defs.put(b.enumType().getSimpleName(), def);
            }
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        if (!defs.isEmpty()) {
            schema.put("$defs", new LinkedHashMap<>(defs));
        }
        schema.put("additionalProperties", false);
        String description = model.config().configDescription();
        if (!description.isEmpty()) {
            schema.put("description", description);
        }
        schema.put("properties", properties);
        schema.put("title", model.type().getSimpleName());
        schema.put("type", "object");
        return schema;
    }

    /** One property; pydantic sorts its keys and puts the constraints of {@code X | None} on X. */
    private static Map<String, Object> property(Binding b) {
        ParamSpec s = b.spec();
        Map<String, Object> inner = inner(b);
        Map<String, Object> p = new TreeMap<>();
        if (s.nullable()) {
            Map<String, Object> none = new LinkedHashMap<>();
            none.put("type", "null");
            p.put("anyOf", new ArrayList<>(List.of(inner, none)));
        } else {
            p.putAll(inner);
        }
        p.put("default", copy(s.defaultValue()));
        if (s.description() != null) {
            p.put("description", s.description());
        }
        p.put("title", s.title());
        if (s.ui() != null) {
            p.put("ui", copy(s.ui()));
        }
        return new LinkedHashMap<>(p);
    }

    private static Map<String, Object> inner(Binding b) {
        ParamSpec s = b.spec();
        Map<String, Object> t = new TreeMap<>();
        switch (b.kind()) {
            case ENUM -> t.put("$ref", "#/$defs/" + b.enumType().getSimpleName());
            case LIST -> {
                Map<String, Object> items = new LinkedHashMap<>();
                items.put("type", b.itemKind().schemaType());
                t.put("items", items);
                t.put("type", "array");
            }
            case STRING -> {
                if (!s.choices().isEmpty()) {
                    t.put("enum", new ArrayList<>(s.choices()));
                }
                t.put("type", "string");
            }
            default -> {
                if (s.maximum() != null) {
                    t.put("maximum", bound(b.kind(), s.maximum()));
                }
                if (s.minimum() != null) {
                    t.put("minimum", bound(b.kind(), s.minimum()));
                }
                t.put("type", b.kind().schemaType());
            }
        }
        return new LinkedHashMap<>(t);
    }

    /** Integer-typed bounds are written as integers (like Python's {@code ge=0}), others as floats. */
    private static Object bound(Kind kind, double value) {
        return kind.integral() && value == Math.rint(value) ? (Object) (long) value : (Object) value;
    }

    /** @return a deep copy with mutable maps and lists, so the caller owns the whole tree */
    @SuppressWarnings("unchecked")
    public static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> out.put(k, copy(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }
}
