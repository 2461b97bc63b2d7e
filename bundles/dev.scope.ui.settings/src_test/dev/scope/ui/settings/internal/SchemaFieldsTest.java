package dev.scope.ui.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.scope.ui.settings.SettingsForm;
import dev.scope.ui.settings.internal.SchemaFields.SchemaField;

/** Which fields a panel shows, in which order, with which labels: SCOPE-REFERENCE.md §4 without widgets. */
class SchemaFieldsTest {

    private static List<String> keys(Map<String, Object> schema, String category, String mode) {
        return SchemaFields.groups(schema, category, mode).stream()
                .map(g -> String.join("+", g.stream().map(SchemaField::key).toList())).toList();
    }

    @Test
    void goldenInvertShowsIntensityOnlyInTheSettingsPanel() {
        Map<String, Object> invert = Fixtures.schema("invert");
        assertEquals(List.of("intensity"), keys(invert, SettingsForm.CONFIGURATION, "video"));
        assertEquals(List.of(), keys(invert, SettingsForm.INPUT, "video"));
        SchemaField intensity = SchemaFields.fields(invert).get(0);
        assertEquals("Intensity", intensity.label());
        assertEquals("How strongly to invert the colors (0 = original, 1 = fully inverted)", intensity.description());
        assertFalse(intensity.loadParam());
        assertFalse(SchemaFields.supportsPrompts(invert));
        assertTrue(SchemaFields.isMain(invert));
    }

    @Test
    void goldenColorGeneratorHasNoFieldWithUi() {
        Map<String, Object> colors = Fixtures.schema("color-generator");
        assertEquals(List.of(), SchemaFields.fields(colors), "no property of the golden file has ui");
        assertEquals(List.of(), keys(colors, SettingsForm.CONFIGURATION, "text"));
    }

    @Test
    void orderCategoryModesAndComponentGroups() {
        Map<String, Object> sink = Fixtures.schema("kitchen-sink");
        assertEquals(List.of("segments", "strength", "mode", "style", "line_art", "seed", "title_text", "width+height",
                "denoise_steps", "noise_scale", "lost_ref", "gain"), keys(sink, SettingsForm.CONFIGURATION, "video"),
                "ui.order, then 999 (gain); resolution once, at its first field; text-only left out in video mode");
        assertEquals(List.of("segments", "strength", "mode", "style", "line_art", "seed", "title_text", "width+height",
                "denoise_steps", "text_only", "lost_ref", "gain"), keys(sink, SettingsForm.CONFIGURATION, "text"));
        assertEquals(List.of("color", "speed"), keys(sink, SettingsForm.INPUT, "video"));
    }

    @Test
    void labelsComeFromUiLabelThenDescriptionThenTheKey() {
        Map<String, SchemaField> fields = byKey(SchemaFields.fields(Fixtures.schema("kitchen-sink")));
        assertEquals("Strength", fields.get("strength").label(), "ui.label");
        assertEquals("Output gain", fields.get("gain").label(), "the description when there is no ui.label");
        assertEquals("Title Text", fields.get("title_text").label(), "the key in title case without either");
        assertEquals("Color R", SchemaFields.titleCase("color_r"));
    }

    @Test
    void nullableAnyOfAndRefsAreResolved() {
        Map<String, SchemaField> fields = byKey(SchemaFields.fields(Fixtures.schema("kitchen-sink")));
        SchemaField noise = fields.get("noise_scale");
        assertTrue(noise.nullable());
        assertEquals("number", noise.schema().get("type"));
        assertEquals(1.0, ((Number) noise.schema().get("maximum")).doubleValue());
        assertEquals("Amount of noise (video mode only)", noise.description(), "the property's own keys are kept");
        SchemaField mode = fields.get("mode");
        assertEquals(List.of("sobel", "lineart"), mode.schema().get("enum"), "$ref into $defs");
        assertEquals("sobel", mode.defaultValue());
        assertFalse(mode.nullable());
        assertEquals("#/$defs/Missing", fields.get("lost_ref").schema().get("$ref"), "an unresolvable $ref stays");
        SchemaField style = fields.get("style");
        assertTrue(style.nullable());
        assertEquals(List.of("pencil", "ink"), style.schema().get("enum"));
    }

    @Test
    void typeListsAndAllOfAreResolved() {
        SchemaResolver.Resolved list = SchemaResolver.resolve(Map.of("type", List.of("integer", "null"), "minimum", 1),
                Map.of());
        assertEquals("integer", list.schema().get("type"));
        assertTrue(list.nullable());
        SchemaResolver.Resolved allOf = SchemaResolver.resolve(Map.of("allOf", List.of(Map.of("$ref", "#/$defs/E")),
                "default", "a"), Map.of("E", Map.of("enum", List.of("a", "b"), "type", "string")));
        assertEquals(List.of("a", "b"), allOf.schema().get("enum"));
        assertEquals("a", allOf.schema().get("default"));
        assertFalse(allOf.nullable());
    }

    @Test
    void anUnknownCategoryShowsInTheSettingsPanel() {
        Map<String, Object> entry = Map.of("config_schema", Map.of("properties", Map.of("x", Map.of("type", "boolean",
                "ui", Map.of("category", "advanced")))));
        assertEquals(List.of("x"), keys(entry, SettingsForm.CONFIGURATION, "video"));
        assertEquals(List.of(), keys(entry, SettingsForm.INPUT, "video"));
    }

    @Test
    void mnemonicsAreDistinct() {
        Mnemonics m = new Mnemonics();
        assertEquals("&Strength", m.assign("Strength"));
        assertEquals("S&egments", m.assign("Segments"), "S is taken: the next free letter");
        assertEquals("&Line art", m.assign("Line art"));
        assertEquals("&Line && art", new Mnemonics().assign("Line & art"), "an & in a label is escaped");
    }

    private static Map<String, SchemaField> byKey(List<SchemaField> fields) {
        return fields.stream().collect(java.util.stream.Collectors.toMap(SchemaField::key, f -> f));
    }
}
