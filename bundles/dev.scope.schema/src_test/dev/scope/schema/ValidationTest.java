package dev.scope.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** {@link ConfigModel#validate}: every kind of error with its message, and normalization. */
class ValidationTest {

    private final ConfigModel invert = ConfigModel.of(InvertConfig.class);
    private final ConfigModel color = ConfigModel.of(ColorGeneratorConfig.class);
    private final ConfigModel effects = ConfigModel.of(EffectsConfig.class);

    private static InvalidParameterException reject(ConfigModel model, String key, Object value) {
        Map<String, Object> values = new HashMap<>();
        values.put(key, value);
        return assertThrows(InvalidParameterException.class, () -> model.validate(values));
    }

    private static void assertRejected(String message, ConfigModel model, String key, Object value) {
        assertEquals(message, reject(model, key, value).getMessage());
    }

    private static Object valid(ConfigModel model, String key, Object value) {
        Map<String, Object> values = new HashMap<>();
        values.put(key, value);
        return model.validate(values).get(key);
    }

    @Test
    void outOfRange() {
        InvalidParameterException e = reject(invert, "intensity", 1.5);
        assertEquals("invert: intensity = 1.5 is out of range; allowed: 0.0 to 1.0", e.getMessage());
        assertEquals("intensity", e.parameter());
        assertEquals(1.5, e.value());
        assertEquals("0.0 to 1.0", e.allowed());
        assertRejected("invert: intensity = -0.01 is out of range; allowed: 0.0 to 1.0", invert, "intensity", -0.01);
        assertRejected("color-generator: color_r = 256 is out of range; allowed: 0 to 255", color, "color_r", 256);
        assertRejected("color-generator: color_r = -1 is out of range; allowed: 0 to 255", color, "color_r", -1L);
        assertRejected("color-generator: base_seed = -1 is out of range; allowed: at least 0", color, "base_seed", -1);
        assertRejected("effects: gamma = 4.5 is out of range; allowed: 0.1 to 4.0", effects, "gamma", 4.5f);
    }

    @Test
    void boundsAreInclusive() {
        assertEquals(0.0, valid(invert, "intensity", 0));
        assertEquals(1.0, valid(invert, "intensity", 1.0));
        assertEquals(255, valid(color, "color_r", 255));
        assertEquals(0.1, valid(effects, "gamma", 0.1));
        assertEquals(4.0, valid(effects, "gamma", 4));
    }

    @Test
    void integerFieldsRejectValuesBeyondTheirJavaType() {
        assertRejected("invert: height = 3000000000 is out of range; allowed: 1 to 2147483647", invert, "height",
                3_000_000_000L);
        assertEquals(Long.MAX_VALUE, valid(effects, "seed_offset", Long.MAX_VALUE));
        assertRejected("effects: seed_offset = 9223372036854775808 is out of range; allowed: 0 to 9223372036854775807",
                effects, "seed_offset", BigInteger.ONE.shiftLeft(63));
    }

    @Test
    void unknownParameterListsVisibleOnesFirst() {
        InvalidParameterException e = reject(invert, "foo", 1);
        assertEquals("invert: unknown parameter 'foo'; known parameters: intensity, height, width, manage_cache, "
                + "base_seed, denoising_steps, lora_merge_strategy, noise_scale, noise_controller, input_size, "
                + "ref_images, vace_context_scale", e.getMessage());
        assertEquals("foo", e.parameter());
        assertEquals(1, e.value());
        InvalidParameterException byFieldName = reject(color, "colorR", 1);
        assertEquals("height, width, manage_cache, base_seed, denoising_steps, lora_merge_strategy, noise_scale, "
                + "noise_controller, input_size, ref_images, vace_context_scale, color_r, color_g, color_b",
                byFieldName.allowed(), "Java field names are not parameter names");
    }

    @Test
    void wrongType() {
        assertRejected("color-generator: color_r = \"abc\" is not an integer; allowed: integer 0 to 255", color,
                "color_r", "abc");
        assertRejected("color-generator: color_r = 2.5 is not an integer; allowed: integer 0 to 255", color,
                "color_r", 2.5);
        assertRejected("color-generator: color_r = true is not an integer; allowed: integer 0 to 255", color,
                "color_r", true);
        assertRejected("invert: intensity = \"high\" is not a number; allowed: number 0.0 to 1.0", invert,
                "intensity", "high");
        assertRejected("invert: intensity = NaN is not a number; allowed: number 0.0 to 1.0", invert, "intensity",
                Double.NaN);
        assertRejected("invert: manage_cache = \"yes\" is not a boolean; allowed: true or false", invert,
                "manage_cache", "yes");
        assertRejected("effects: palette = 3 is not a string; allowed: one of warm, cool, mono", effects, "palette", 3);
        assertRejected("effects: taps = 3 is not a list; allowed: list of integer", effects, "taps", 3);
        assertRejected("effects: taps[1] = \"x\" is not an integer; allowed: list of integer", effects, "taps",
                List.of(1, "x"));
        assertRejected("invert: ref_images[0] = 5 is not a string; allowed: list of string or null", invert,
                "ref_images", List.of(5));
        InvalidParameterException item = reject(effects, "taps", Arrays.asList(1, null));
        assertEquals("effects: taps[1] = null is not an integer; allowed: list of integer", item.getMessage());
        assertEquals("taps", item.parameter());
        assertNull(item.value());
    }

    @Test
    void notAmongTheChoices() {
        assertRejected("effects: palette = \"hot\" is not one of the choices; allowed: one of warm, cool, mono",
                effects, "palette", "hot");
        assertRejected("effects: blend_mode = \"Screens\" is not one of the choices; allowed: one of normal, screen, "
                + "multiply", effects, "blend_mode", "Screens");
        assertRejected("effects: blend_mode = 1 is not one of the choices; allowed: one of normal, screen, multiply",
                effects, "blend_mode", 1);
        assertRejected("invert: lora_merge_strategy = \"x\" is not one of the choices; allowed: one of "
                + "permanent_merge, runtime_peft or null", invert, "lora_merge_strategy", "x");
    }

    @Test
    void nullOnlyWhereNullable() {
        InvalidParameterException e = reject(invert, "intensity", null);
        assertEquals("invert: intensity = null is not allowed; allowed: number 0.0 to 1.0", e.getMessage());
        assertNull(e.value());
        assertRejected("effects: blend_mode = null is not allowed; allowed: one of normal, screen, multiply", effects,
                "blend_mode", null);
        assertNull(valid(effects, "gamma", null));
        assertNull(valid(effects, "fallback_mode", null));
        assertNull(valid(invert, "noise_scale", null));
        assertNull(valid(invert, "input_size", null), "nullable = true with a non-null default");
    }

    @Test
    void normalizesToTheFieldsTypes() {
        assertEquals(Double.valueOf(3.0), assertInstanceOf(Double.class, valid(effects, "gamma", 3)));
        assertEquals(Integer.valueOf(2), assertInstanceOf(Integer.class, valid(color, "color_r", 2.0)));
        assertEquals(Integer.valueOf(7), assertInstanceOf(Integer.class, valid(color, "color_g", 7L)));
        assertEquals(Integer.valueOf(9), assertInstanceOf(Integer.class, valid(color, "color_b", (short) 9)));
        assertEquals(Long.valueOf(5), assertInstanceOf(Long.class, valid(effects, "seed_offset", 5)));
        assertEquals(Double.valueOf(0.3), assertInstanceOf(Double.class, valid(effects, "strength", 0.3f)));
        assertEquals("multiply", valid(effects, "blend_mode", EffectsConfig.BlendMode.MULTIPLY));
        assertEquals("screen", valid(effects, "blend_mode", "screen"));
        assertEquals(Boolean.TRUE, valid(effects, "mirror", true));
        Object taps = valid(effects, "taps", List.of(1L, 2.0, (short) 3));
        assertEquals(List.of(1, 2, 3), taps);
        assertInstanceOf(Integer.class, ((List<?>) taps).get(1));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) taps).clear());
        assertEquals(List.of(1000, 500), valid(invert, "denoising_steps", List.of(1000, 500)));
    }

    @Test
    void keepsTheGivenOrderAndIsUnmodifiable() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("intensity", 0);
        values.put("width", 64);
        values.put("base_seed", 1L);
        values.put("noise_scale", null);
        Map<String, Object> result = invert.validate(values);
        assertEquals(List.of("intensity", "width", "base_seed", "noise_scale"), new ArrayList<>(result.keySet()));
        assertEquals(List.of(0.0, 64, 1), Arrays.asList(result.get("intensity"), result.get("width"),
                result.get("base_seed")));
        assertThrows(UnsupportedOperationException.class, () -> result.put("width", 1));
    }

    @Test
    void parsesCommandLineText() {
        assertEquals(200, color.parseValue("color_r", "200"));
        assertEquals(7, color.parseValue("color_r", " 7 "));
        assertEquals(2, color.parseValue("color_r", "2.0"));
        assertEquals(0.25, invert.parseValue("intensity", "0.25"));
        assertEquals(Double.valueOf(1.0), invert.parseValue("intensity", "1"));
        assertEquals(Double.valueOf(0.5), invert.parseValue("intensity", "5e-1"));
        assertEquals(Long.valueOf(12), effects.parseValue("seed_offset", "12"));
        assertEquals(Boolean.TRUE, invert.parseValue("manage_cache", "true"));
        assertEquals(Boolean.FALSE, invert.parseValue("manage_cache", " false "));
        assertEquals("screen", effects.parseValue("blend_mode", "screen"));
        assertEquals("screen", effects.parseValue("blend_mode", "SCREEN"), "enum values match in any case");
        assertEquals("cool", effects.parseValue("palette", "cool"));
        assertEquals("cool", effects.parseValue("palette", "Cool"), "string choices match in any case");
        assertEquals("permanent_merge", invert.parseValue("lora_merge_strategy", "permanent_merge"));
        assertNull(effects.parseValue("gamma", "null"));
        assertNull(invert.parseValue("denoising_steps", "null"));
        assertNull(effects.parseValue("fallback_mode", "null"));
    }

    @Test
    void jsonValuesFollowTheSameRule() {
        assertEquals(Map.of("blend_mode", "multiply"), effects.validate(Map.of("blend_mode", "Multiply")));
        assertEquals(Map.of("palette", "mono"), effects.validate(Map.of("palette", "MONO")));
        assertRejected("effects: blend_mode = \"mult\" is not one of the choices; allowed: one of normal, screen,"
                + " multiply", effects, "blend_mode", "mult");
        assertRejected("invert: manage_cache = \"true\" is not a boolean; allowed: true or false", invert,
                "manage_cache", "true");
    }

    @Test
    void parsesLists() {
        assertEquals(List.of(3, 5, 7), effects.parseValue("taps", "3, 5,7"));
        assertEquals(List.of(1, 2), effects.parseValue("taps", "[1, 2.0]"));
        assertEquals(List.of(), effects.parseValue("taps", ""));
        assertEquals(List.of(), effects.parseValue("taps", "[]"));
        assertEquals(List.of("a.png", "b c.png"), invert.parseValue("ref_images", "a.png, b c.png"));
        assertEquals(List.of("x,y"), invert.parseValue("ref_images", "[\"x,y\"]"));
    }

    @Test
    void parseErrorsNameTheText() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> color.parseValue("color_r", "abc"));
        assertEquals("color-generator: color_r = \"abc\" is not an integer; allowed: integer 0 to 255",
                e.getMessage());
        assertEquals("abc", e.value());
        assertParseError("color-generator: color_r = 1.5 is not an integer; allowed: integer 0 to 255", color,
                "color_r", "1.5");
        assertParseError("color-generator: color_r = 300 is out of range; allowed: 0 to 255", color, "color_r", "300");
        assertParseError("invert: intensity = \"NaN\" is not a number; allowed: number 0.0 to 1.0", invert,
                "intensity", "NaN");
        assertParseError("invert: intensity = null is not allowed; allowed: number 0.0 to 1.0", invert, "intensity",
                "null");
        for (String notBoolean : List.of("maybe", "yes", "no", "1", "0", "on", "off", "TRUE", "False")) {
            assertParseError("invert: manage_cache = \"" + notBoolean + "\" is not a boolean; allowed: true or false",
                    invert, "manage_cache", notBoolean);
        }
        assertParseError("effects: blend_mode = \"screens\" is not one of the choices; allowed: one of normal, screen, "
                + "multiply", effects, "blend_mode", "screens");
        assertParseError("effects: taps[1] = \"x\" is not an integer; allowed: list of integer", effects, "taps",
                "1,x");
        assertParseError("effects: taps = \"[1,\" is not a list; allowed: list of integer", effects, "taps", "[1,");
        assertParseError("invert: unknown parameter 'intensty'; known parameters: intensity, height, width, "
                + "manage_cache, base_seed, denoising_steps, lora_merge_strategy, noise_scale, noise_controller, "
                + "input_size, ref_images, vace_context_scale", invert, "intensty", "1");
    }

    @Test
    void nullTextIsAStringForNonNullableStrings() {
        assertParseError("effects: palette = \"null\" is not one of the choices; allowed: one of warm, cool, mono",
                effects, "palette", "null");
    }

    private static void assertParseError(String message, ConfigModel model, String key, String text) {
        assertEquals(message, assertThrows(InvalidParameterException.class, () -> model.parseValue(key, text))
                .getMessage());
    }

    @Test
    void promptsAreNormalizedToScopesShapeAndLeftOutOfTheConfig() {
        Object prompts = valid(effects, "prompts", List.of("a forest", Map.of("text", "neon rain", "weight", 2)));
        assertEquals(List.of(Map.of("text", "a forest", "weight", 1.0), Map.of("text", "neon rain", "weight", 2.0)),
                prompts);
        assertEquals(List.of("a forest", "neon rain"), ConfigModel.promptTexts(prompts));
        assertEquals(List.of(), valid(effects, "prompts", null));
        assertEquals(List.of(Map.of("text", "one, two", "weight", 1.0)), effects.parseValue("prompts", "one, two"));
        assertEquals(List.of(Map.of("text", "a", "weight", 0.5)),
                effects.parseValue("prompts", "[{\"text\": \"a\", \"weight\": 0.5}]"));
        Map<String, Object> values = new HashMap<>();
        values.put("prompts", List.of("x"));
        assertEquals(EffectsConfig.class, effects.instantiate(values).getClass(), "the config has no prompts field");
    }

    @Test
    void badPromptsAndPromptsForAPipelineWithoutThemAreRefused() {
        String allowed = "; expected a list of {\"text\": string, \"weight\": number >= 0} (or of strings)";
        assertRejected("effects: parameter 'prompts[0]' got no text" + allowed, effects, "prompts",
                List.of(Map.of("weight", 1)));
        assertRejected("effects: parameter 'prompts[1]' got the weight NaN" + allowed, effects, "prompts",
                List.of("a", Map.of("text", "b", "weight", Double.NaN)));
        assertRejected("effects: parameter 'prompts[0]' got a key 'strength'" + allowed, effects, "prompts",
                List.of(Map.of("text", "b", "strength", 1)));
        assertRejected("effects: parameter 'prompts' got a Integer" + allowed, effects, "prompts", 3);
        assertRejected("invert: takes no prompts (its supports_prompts is false)", invert, "prompts", List.of("x"));
    }
}
