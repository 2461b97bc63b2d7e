package dev.scope.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.scope.pipeline.api.BasePipelineConfig;

/** The schema of a config with every kind of parameter, against JSON written by hand from the spec. */
class SchemaShapeTest {

    /** Written from SCOPE-REFERENCE §2-§3 and pydantic's rules, not captured from the output. */
    private static final String EXPECTED = """
            {
              "id": "effects",
              "name": "Effects",
              "description": "Every parameter kind",
              "version": "2.1.0",
              "supported_modes": ["text", "video"],
              "default_mode": "video",
              "supports_prompts": true,
              "default_temporal_interpolation_method": "slerp",
              "default_temporal_interpolation_steps": 0,
              "default_spatial_interpolation_method": "linear",
              "docs_url": "https://example.org/effects",
              "estimated_vram_gb": 2.5,
              "requires_models": false,
              "supports_lora": true,
              "supports_vace": false,
              "supports_cache_management": false,
              "supports_kv_cache_bias": false,
              "supports_quantization": false,
              "min_dimension": 1,
              "recommended_quantization_vram_threshold": null,
              "modified": false,
              "produces_video": true,
              "produces_audio": false,
              "usage": ["preprocessor", "postprocessor"],
              "inputs": ["video"],
              "outputs": ["video"],
              "config_schema": {
                "$defs": {
                  "BlendMode": {"enum": ["normal", "screen", "multiply"], "title": "BlendMode", "type": "string"}
                },
                "additionalProperties": false,
                "description": "Effects settings.",
                "properties": {
                  "height": {"default": 512, "description": "Output height in pixels", "minimum": 1,
                    "title": "Height", "type": "integer",
                    "ui": {"category": "configuration", "component": "resolution", "is_load_param": true, "order": 0}},
                  "blend_mode": {"$ref": "#/$defs/BlendMode", "default": "screen",
                    "description": "How layers are blended", "title": "Blend Mode",
                    "ui": {"category": "configuration", "is_load_param": false, "label": "Blend", "order": 2}},
                  "mirror": {"default": false, "description": "Mirror the image", "title": "Mirror",
                    "type": "boolean",
                    "ui": {"category": "input", "is_load_param": false, "modes": ["video"], "order": 3}},
                  "palette": {"default": "warm", "description": "Palette name", "enum": ["warm", "cool", "mono"],
                    "title": "Palette", "type": "string",
                    "ui": {"category": "configuration", "is_load_param": false, "order": 4}},
                  "gamma": {"anyOf": [{"maximum": 4.0, "minimum": 0.1, "type": "number"}, {"type": "null"}],
                    "default": null, "description": "Optional gamma", "title": "Gamma",
                    "ui": {"category": "configuration", "is_load_param": false, "modulatable": true,
                      "modulatable_max": 2.0, "modulatable_min": 0.5}},
                  "taps": {"default": [1, 2, 1], "items": {"type": "integer"}, "title": "Taps", "type": "array"},
                  "seed_offset": {"default": 7, "minimum": 0, "title": "Seed Offset Value", "type": "integer"},
                  "strength": {"default": 0.1, "maximum": 1.0, "minimum": 0.0, "title": "Strength", "type": "number"},
                  "fallback_mode": {"anyOf": [{"$ref": "#/$defs/BlendMode"}, {"type": "null"}],
                    "default": "normal", "title": "Fallback Mode"}
                },
                "title": "EffectsConfig",
                "type": "object"
              },
              "mode_defaults": {
                "video": {"height": 320, "width": 576, "denoising_steps": [1000, 750], "noise_scale": 0.7,
                  "noise_controller": true}
              }
            }
            """;

    private static final List<String> HIDDEN_BASE = List.of("width", "manage_cache", "base_seed",
            "denoising_steps", "lora_merge_strategy", "noise_scale", "noise_controller", "input_size", "ref_images",
            "vace_context_scale");

    private final ConfigModel model = ConfigModel.of(EffectsConfig.class);

    @Test
    @SuppressWarnings("unchecked")
    void schemaIsExactlyAsSpecified() {
        Map<String, Object> schema = model.schemaWithMetadata();
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) schema.get("config_schema"))
                .get("properties");
        List<String> order = new ArrayList<>(List.of("height"));
        order.addAll(HIDDEN_BASE);
        order.addAll(List.of("blend_mode", "mirror", "palette", "gamma", "taps", "seed_offset", "strength",
                "fallback_mode"));
        assertEquals(order, new ArrayList<>(properties.keySet()), "re-declared height keeps its base position");
        // the unchanged base fields are checked against Scope's own output in GoldenSchemaTest
        HIDDEN_BASE.forEach(properties::remove);

        // compact text compares key order and integer-versus-float spelling as well as values
        assertEquals(Json.write(Json.read(EXPECTED)), Json.write(schema));
    }

    @Test
    void schemaEntryAppendsPluginName() {
        Map<String, Object> entry = model.schemaEntry(null);
        List<String> keys = new ArrayList<>(entry.keySet());
        assertEquals("plugin_name", keys.get(keys.size() - 1));
        assertTrue(entry.containsKey("plugin_name"));
        assertNull(entry.get("plugin_name"));
        assertEquals("mode_defaults", keys.get(keys.size() - 2));
    }

    @Test
    void schemaTreesAreFreshAndMutable() {
        Map<String, Object> first = model.schemaWithMetadata();
        first.put("id", "changed");
        ((List<?>) first.get("usage")).clear();
        Map<String, Object> second = model.schemaWithMetadata();
        assertEquals("effects", second.get("id"));
        assertEquals(List.of("preprocessor", "postprocessor"), second.get("usage"));
    }

    @Test
    void accessorsDescribeTheClass() {
        assertSame(EffectsConfig.class, model.type());
        assertEquals("effects", model.id());
        assertEquals("Effects", model.name());
        assertEquals("Every parameter kind", model.description());
        assertEquals("2.1.0", model.version());
        assertEquals(List.of("preprocessor", "postprocessor"), model.usage());
        assertEquals(List.of("text", "video"), model.supportedModes());
        assertEquals("video", model.defaultMode());
        assertTrue(model.supportsPrompts());
        assertEquals(List.of("height"), model.loadParamNames());
        assertEquals(19, model.params().size());
    }

    @Test
    void paramSpecsCarryTypesAndDefaults() {
        ParamSpec blend = model.param("blend_mode").orElseThrow();
        assertEquals(new ParamSpec("blend_mode", "blendMode", "enum", null, false, "screen", null, null,
                List.of("normal", "screen", "multiply"), "How layers are blended", "Blend Mode",
                Map.of("category", "configuration", "is_load_param", false, "label", "Blend", "order", 2)), blend);
        assertTrue(blend.visible());
        assertFalse(blend.loadParam());

        ParamSpec taps = model.param("taps").orElseThrow();
        assertEquals("array", taps.type());
        assertEquals("integer", taps.itemType());
        assertNull(taps.description());
        assertFalse(taps.visible());
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) taps.defaultValue()).clear());

        ParamSpec seed = model.param("seed_offset").orElseThrow();
        assertEquals("seedShift", seed.fieldName());
        assertEquals(7L, seed.defaultValue());
        assertEquals(0.0, seed.minimum());
        assertNull(seed.maximum());

        assertTrue(model.param("gamma").orElseThrow().nullable());
        assertTrue(model.param("fallback_mode").orElseThrow().nullable());
        assertFalse(model.param("palette").orElseThrow().nullable());
        assertTrue(model.param("height").orElseThrow().loadParam());
        assertTrue(model.param("seedShift").isEmpty(), "looked up by schema name only");
    }

    @Test
    void defaultsAreNormalizedAndOrdered() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("height", 512);
        expected.put("width", 512);
        expected.put("manage_cache", true);
        expected.put("base_seed", 42);
        expected.put("denoising_steps", null);
        expected.put("lora_merge_strategy", null);
        expected.put("noise_scale", null);
        expected.put("noise_controller", null);
        expected.put("input_size", 1);
        expected.put("ref_images", null);
        expected.put("vace_context_scale", 1.0);
        expected.put("blend_mode", "screen");
        expected.put("mirror", false);
        expected.put("palette", "warm");
        expected.put("gamma", null);
        expected.put("taps", List.of(1, 2, 1));
        expected.put("seed_offset", 7L);
        expected.put("strength", 0.1);
        expected.put("fallback_mode", "normal");
        assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(model.defaults().entrySet()));
    }

    @Test
    void instantiateWritesOverridesIntoFields() {
        EffectsConfig config = model.instantiate(Map.of("height", 256, "blend_mode", "multiply", "gamma", 2,
                "taps", List.of(3, 4), "strength", 0.25, "seed_offset", 9, "mirror", true));
        assertEquals(256, config.height);
        assertEquals(256, ((BasePipelineConfig) config).height, "the hidden base field is written too");
        assertEquals(EffectsConfig.BlendMode.MULTIPLY, config.blendMode);
        assertEquals(2.0, config.gamma);
        assertEquals(List.of(3, 4), config.taps);
        assertEquals(0.25f, config.strength);
        assertEquals(9L, config.seedShift);
        assertTrue(config.mirror);
        assertEquals(512, config.width, "defaults stay");
        assertEquals("warm", config.palette);
        assertEquals(EffectsConfig.BlendMode.NORMAL, config.fallbackMode);
    }

    @Test
    void instantiateWithoutOverridesGivesDefaultsAndNewObjects() {
        InvertConfig a = ConfigModel.of(InvertConfig.class).instantiate(Map.of());
        InvertConfig b = ConfigModel.of(InvertConfig.class).instantiate(Map.of("intensity", 0));
        assertEquals(1.0, a.intensity);
        assertEquals(0.0, b.intensity);
        assertFalse(a == b);
    }

    @Test
    void instantiateRejectsInvalidOverrides() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> model.instantiate(Map.of("height", 0)));
        assertEquals("effects: height = 0 is out of range; allowed: at least 1", e.getMessage());
    }
}
