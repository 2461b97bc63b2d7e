package dev.scope.examples.invert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.scope.harness.ConfigSchema;
import dev.scope.harness.Image;
import dev.scope.harness.PipelineHarness;
import dev.scope.harness.UiField;

class InvertPipelineTest {

    private static final Image GRADIENT = Image.gradient(256, 256); // every level of red and green

    @Test
    void invertsEveryPixelAtFullIntensity() {
        try (PipelineHarness<InvertConfig> invert = PipelineHarness.of(new InvertFactory())) {
            Image out = invert.call(GRADIENT).frame(); // intensity 1, the default
            Image.assertClose(GRADIENT.mapLevels(v -> 255 - v), out, 0);
        }
    }

    @Test
    void isTheIdentityAtZero() {
        try (PipelineHarness<InvertConfig> invert = PipelineHarness.of(new InvertFactory())) {
            invert.set("intensity", 0.0);
            Image.assertClose(GRADIENT, invert.call(GRADIENT).frame(), 0);
        }
    }

    @Test
    void isHalfwayAtOneHalf() {
        try (PipelineHarness<InvertConfig> invert = PipelineHarness.of(new InvertFactory())) {
            invert.set("intensity", 0.5);
            Image out = invert.call(GRADIENT).frame();
            // in * 0.5 + (255 - in) * 0.5 is 127.5 for every level: 127 or 128
            for (int y = 0; y < 256; y += 5) {
                for (int x = 0; x < 256; x++) {
                    for (int level : List.of(out.red(x, y), out.green(x, y), out.blue(x, y))) {
                        if (Math.abs(level - 127.5) > 1) {
                            throw new AssertionError("(" + x + ", " + y + "): level " + level + " is not halfway");
                        }
                    }
                }
            }
        }
    }

    @Test
    void blendsWithinOneLevelAtAnyIntensity() {
        try (PipelineHarness<InvertConfig> invert = PipelineHarness.of(new InvertFactory())) {
            for (double k : new double[] {0.1, 0.25, 0.8}) {
                invert.set("intensity", k);
                Image expected = GRADIENT.mapLevels(v -> (int) Math.round(v * (1 - k) + (255 - v) * k));
                Image.assertClose(expected, invert.call(GRADIENT).frame(), 1);
            }
        }
    }

    @Test
    void aChangedIntensityReachesTheNextFrame() {
        Image frame = Image.solid(1920, 1080, 200, 100, 0); // large: worked in bands over the cores
        try (PipelineHarness<InvertConfig> invert = PipelineHarness.of(new InvertFactory())) {
            Image.assertClose(Image.solid(1920, 1080, 55, 155, 255), invert.call(frame).frame(), 0);
            invert.set("intensity", 0.0);
            Image.assertClose(frame, invert.call(frame).frame(), 0);
        }
    }

    @Test
    void intensityOutsideZeroToOneIsRefused() {
        try (PipelineHarness<InvertConfig> invert = PipelineHarness.of(new InvertFactory())) {
            assertThrows(IllegalArgumentException.class, () -> invert.set("intensity", 1.5));
            assertThrows(IllegalArgumentException.class, () -> invert.set("intensity", "half"));
        }
    }

    @Test
    void theSchemaShowsAnIntensitySlider() {
        ConfigSchema schema = ConfigSchema.check(InvertConfig.class);
        assertEquals(List.of("video"), schema.schema().get("supported_modes"));
        assertEquals(false, schema.schema().get("supports_prompts"));
        assertEquals(List.of("intensity"), schema.keys("configuration"));
        UiField intensity = schema.field("intensity");
        assertEquals(UiField.SLIDER, intensity.widget());
        assertEquals("Intensity", intensity.label());
        assertEquals(false, intensity.loadParam());
    }
}
