package dev.scope.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.Param;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.pipeline.api.Ui;

class ConfigSchemaTest {

    @Test
    void everyKindOfParameterGetsItsWidget() {
        ConfigSchema s = ConfigSchema.check(PosterizeConfig.class);
        assertEquals("posterize", s.id());
        assertEquals(List.of("levels", "dither", "gamma", "palette", "seed", "table_bits"), s.keys("configuration"));
        assertEquals(List.of("keep_luma", "caption"), s.keys("input"));
        assertEquals(UiField.SLIDER, s.field("levels").widget());
        assertEquals(UiField.DROPDOWN, s.field("dither").widget());
        assertEquals(UiField.NUMBER, s.field("gamma").widget());
        assertEquals(UiField.DROPDOWN, s.field("palette").widget());
        assertEquals(UiField.TOGGLE, s.field("keep_luma").widget());
        assertEquals(UiField.TEXT, s.field("caption").widget());
        assertEquals(UiField.NUMBER, s.field("seed").widget()); // nullable: the first non-null variant
        assertTrue(s.field("table_bits").loadParam());
        assertFalse(s.field("levels").loadParam());
        assertEquals("Levels", s.field("levels").label());
        assertEquals("How to hide the steps between levels", s.field("dither").label());
        assertEquals(1, s.field("levels").order());
        AssertionError hidden = assertThrows(AssertionError.class, () -> s.field("custom_levels"));
        assertTrue(hidden.getMessage().startsWith("posterize: the UI shows no parameter 'custom_levels'"),
                hidden.getMessage());
    }

    @Test
    void theSchemaIsTheOneTheWorkbenchServes() {
        Map<String, Object> schema = ConfigSchema.check(PosterizeConfig.class).schema();
        assertEquals(List.of("video"), schema.get("supported_modes"));
        assertEquals(List.of("postprocessor"), schema.get("usage"));
        @SuppressWarnings("unchecked")
        Map<String, Object> props = (Map<String, Object>) ((Map<String, Object>) schema.get("config_schema"))
                .get("properties");
        @SuppressWarnings("unchecked")
        Map<String, Object> levels = (Map<String, Object>) props.get("levels");
        assertEquals(4, levels.get("default"));
        assertEquals(Map.of("category", "configuration", "is_load_param", false, "label", "Levels", "order", 1),
                levels.get("ui"));
    }

    @Test
    void unorderedFieldsSortAfterOrderedOnesByKey() {
        ConfigSchema s = ConfigSchema.check(Unordered.class);
        assertEquals(List.of("b", "a", "c"), s.keys("configuration"));
        assertEquals(999, s.field("a").order());
        assertEquals("A", s.field("a").label()); // no label, no description: the key title-cased
    }

    @PipelineConfig(id = "unordered")
    public static class Unordered extends BasePipelineConfig {
        @Param
        @Ui
        public int c = 0;
        @Param
        @Ui
        public int a = 0;
        @Param
        @Ui(order = 5)
        public int b = 0;
    }

    @PipelineConfig(id = "bad-category")
    public static class BadCategory extends BasePipelineConfig {
        @Param
        @Ui(category = "settings")
        public boolean on = false;
    }

    @Test
    void anUnknownCategoryFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> ConfigSchema.check(BadCategory.class));
        assertEquals("bad-category (BadCategory): on: ui.category is 'settings'; the UI knows configuration and input",
                e.getMessage());
    }

    @PipelineConfig(id = "bad-modes", modes = @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true))
    public static class BadModes extends BasePipelineConfig {
        @Param
        @Ui(modes = ModeDefaults.TEXT)
        public boolean on = false;
    }

    @Test
    void aFieldShownInAModeThePipelineLacksFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> ConfigSchema.check(BadModes.class));
        assertEquals("bad-modes (BadModes): on: ui.modes lists 'text', which is not a mode of this pipeline (video)",
                e.getMessage());
    }

    @PipelineConfig(id = "shown-list")
    public static class ShownList extends BasePipelineConfig {
        @Param
        @Ui
        public List<Integer> steps = List.of(1, 2);

        @Param
        @Ui(component = "denoising_steps")
        public List<Integer> schedule = List.of(1000, 750);

        @Param
        @Ui(component = "sliders")
        public int level = 0;
    }

    @Test
    void aShownFieldWithoutAWidgetOrWithAnUnknownComponentFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> ConfigSchema.check(ShownList.class));
        assertEquals("shown-list (ShownList): steps: the UI has no widget for type array (it renders enums and"
                + " strings with choices, strings, numbers and booleans); remove its @Ui; level: ui.component is"
                + " 'sliders'; the UI knows audio, cache, denoising_steps, image, lora, noise, quantization,"
                + " resolution, vace", e.getMessage());
    }

    @PipelineConfig(id = "resolution")
    public static class Resolution extends BasePipelineConfig {
        @Param(description = "Output height in pixels", min = 1)
        @Ui(component = "resolution", order = 1)
        public int height = 512;

        @Param(description = "Output width in pixels", min = 1)
        @Ui(component = "resolution", order = 1)
        public int width = 512;
    }

    @Test
    void aComponentRendersTheFieldsItNames() {
        ConfigSchema s = ConfigSchema.check(Resolution.class);
        assertEquals("resolution", s.field("width").widget());
        assertEquals("resolution", s.field("height").widget());
        assertEquals(List.of("height", "width"), s.keys("configuration"));
    }

    @PipelineConfig(id = "bad-mode-default",
            modes = @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true, inputSize = 0))
    public static class BadModeDefault extends BasePipelineConfig {
    }

    @Test
    void aModesDefaultsMustPassValidation() {
        AssertionError e = assertThrows(AssertionError.class, () -> ConfigSchema.check(BadModeDefault.class));
        assertTrue(e.getMessage().startsWith("bad-mode-default (BadModeDefault): a video mode's default fails"
                + " validation: bad-mode-default: input_size"), e.getMessage());
    }

    public static class NoMetadata extends BasePipelineConfig {
    }

    @Test
    void aClassWithoutASchemaFails() {
        AssertionError e = assertThrows(AssertionError.class, () -> ConfigSchema.check(NoMetadata.class));
        assertTrue(e.getMessage().startsWith("NoMetadata: the schema cannot be generated: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void theHarnessChecksItsPipelinesSchema() {
        try (PipelineHarness<PosterizeConfig> h = PipelineHarness.of(new PosterizeFactory())) {
            assertEquals("posterize", h.checkSchema().id());
        }
    }
}
