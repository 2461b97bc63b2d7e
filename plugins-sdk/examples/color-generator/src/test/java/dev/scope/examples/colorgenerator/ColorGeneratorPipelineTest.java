package dev.scope.examples.colorgenerator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.scope.harness.ConfigSchema;
import dev.scope.harness.Image;
import dev.scope.harness.PipelineHarness;
import dev.scope.harness.UiField;

class ColorGeneratorPipelineTest {

    @Test
    void makesSolidFramesOfTheSetColourAndSize() {
        try (PipelineHarness<ColorGeneratorConfig> generator = PipelineHarness.of(new ColorGeneratorFactory())) {
            assertEquals("text", generator.mode());
            generator.set("color_r", 255).set("color_g", 64).set("color_b", 0).set("width", 320).set("height", 240);
            Image.assertClose(Image.solid(320, 240, 255, 64, 0), generator.call().frame(), 0);
        }
    }

    @Test
    void makesMidGrayAt512By512ByDefault() {
        try (PipelineHarness<ColorGeneratorConfig> generator = PipelineHarness.of(new ColorGeneratorFactory())) {
            Image.assertClose(Image.solid(512, 512, 128, 128, 128), generator.call().frame(), 0);
        }
    }

    @Test
    void aChangedColourReachesTheNextFrame() {
        try (PipelineHarness<ColorGeneratorConfig> generator = PipelineHarness.of(new ColorGeneratorFactory())) {
            generator.set("width", 4).set("height", 2);
            Image.assertClose(Image.solid(4, 2, 128, 128, 128), generator.call().frame(), 0);
            generator.set("color_b", 7);
            Image.assertClose(Image.solid(4, 2, 128, 128, 7), generator.call().frame(), 0);
            generator.set("width", 3);
            Image.assertClose(Image.solid(3, 2, 128, 128, 7), generator.call().frame(), 0);
        }
    }

    @Test
    void levelsOutside0To255AreRefused() {
        try (PipelineHarness<ColorGeneratorConfig> generator = PipelineHarness.of(new ColorGeneratorFactory())) {
            assertThrows(IllegalArgumentException.class, () -> generator.set("color_r", 256));
            assertThrows(IllegalArgumentException.class, () -> generator.set("color_g", -1));
            assertThrows(IllegalArgumentException.class, () -> generator.video()); // text mode only
        }
    }

    @Test
    void theSchemaShowsThreeColourSliders() {
        ConfigSchema schema = ConfigSchema.check(ColorGeneratorConfig.class);
        assertEquals(List.of("text"), schema.schema().get("supported_modes"));
        assertEquals(List.of("color_r", "color_g", "color_b"), schema.keys("configuration"));
        assertEquals(List.of("Red", "Green", "Blue"), schema.fields().stream().map(UiField::label).toList());
        schema.fields().forEach(f -> assertEquals(UiField.SLIDER, f.widget(), f.key()));
    }
}
