package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Params;
import dev.scope.pipelines.effects.internal.ColorGradePipeline.Grade;

import org.junit.jupiter.api.Test;

class ColorGradeTest {

    private static final double[] LUMA = {0.299, 0.587, 0.114};

    /**
     * The reference, per pixel in doubles: rotate the colour about the grey axis (Rodrigues'
     * formula in vector form), move it from its luma by the saturation, then brightness and
     * contrast around mid grey; round and clamp.
     */
    static int[][][] reference(Frame in, double brightness, double contrast, double saturation, double hue) {
        int[][][] c = Patterns.channels(in);
        int[][][] out = new int[3][in.height()][in.width()];
        double theta = Math.toRadians(hue);
        double n = 1 / Math.sqrt(3);
        for (int y = 0; y < in.height(); y++) {
            for (int x = 0; x < in.width(); x++) {
                double[] v = {c[0][y][x], c[1][y][x], c[2][y][x]};
                double dot = n * (v[0] + v[1] + v[2]);
                double[] cross = {n * (v[2] - v[1]), n * (v[0] - v[2]), n * (v[1] - v[0])};
                double[] rotated = new double[3];
                for (int i = 0; i < 3; i++) {
                    rotated[i] = v[i] * Math.cos(theta) + cross[i] * Math.sin(theta) + n * dot * (1 - Math.cos(theta));
                }
                double luma = LUMA[0] * rotated[0] + LUMA[1] * rotated[1] + LUMA[2] * rotated[2];
                for (int i = 0; i < 3; i++) {
                    double saturated = luma + saturation * (rotated[i] - luma);
                    double graded = contrast * (saturated + 255 * brightness - 127.5) + 127.5;
                    out[i][y][x] = Patterns.clamp((int) Math.floor(graded + 0.5));
                }
            }
        }
        return out;
    }

    private static Frame grade(ColorGradePipeline p, Frame in, double brightness, double contrast, double saturation,
            double hue) {
        Params params = Patterns.params("brightness", brightness, "contrast", contrast, "saturation", saturation,
                "hue", hue);
        return p.call(List.of(in), params).frames().get(0);
    }

    @Test
    void matchesTheReferenceWithinOneLevel() {
        ColorGradePipeline p = new ColorGradePipeline();
        double[][] settings = {
            {0, 1, 1, 0}, {0.2, 1, 1, 0}, {-0.3, 1.5, 1, 0}, {0, 0, 1, 0}, {0, 3, 1, 0}, {0, 1, 0, 0},
            {0, 1, 2.5, 0}, {0, 1, 1, 90}, {0, 1, 1, -150}, {0.1, 1.2, 1.4, 33}, {1, 3, 3, 180}, {-1, 0.5, 0, -180},
        };
        for (double[] s : settings) {
            for (int[] size : Patterns.SIZES) {
                Frame in = Patterns.colourful(size[0], size[1], 0, 0);
                Frame out = grade(p, in, s[0], s[1], s[2], s[3]);
                Patterns.assertLevels(reference(in, s[0], s[1], s[2], s[3]), out, 1,
                        java.util.Arrays.toString(s) + " " + size[0] + "x" + size[1]);
                if (!Grade.of(s[0], s[1], s[2], s[3]).isIdentity()) {
                    Patterns.assertOpaque(out); // the identity is a plain copy
                }
            }
        }
    }

    @Test
    void defaultsAreTheIdentity() {
        Frame in = Patterns.colourful(123, 45, 0, 0);
        Frame out = new ColorGradePipeline().call(List.of(in), Params.empty()).frames().get(0);
        assertEquals(0, Patterns.maxDiff(in, out));
        Grade identity = Grade.of(0, 1, 1, 0);
        assertEquals(true, identity.isIdentity());
        int[] pixels = new int[256 * 256];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = Patterns.hash(i, 7) & 0xFFFFFF;
        }
        int[] graded = pixels.clone();
        identity.apply(graded, 0, graded.length);
        for (int i = 0; i < pixels.length; i++) {
            assertEquals(pixels[i] | Pixels.OPAQUE, graded[i], "the fixed-point map itself is exact too");
        }
    }

    @Test
    void saturationZeroIsGrey() {
        ColorGradePipeline p = new ColorGradePipeline();
        Frame in = Patterns.colourful(64, 48, 0, 0);
        for (double hue : new double[] {0, 75, -180}) {
            Frame out = grade(p, in, 0.1, 1.3, 0, hue);
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    int r = Patterns.at(out, x, y, 0);
                    assertEquals(r, Patterns.at(out, x, y, 1));
                    assertEquals(r, Patterns.at(out, x, y, 2));
                }
            }
        }
    }

    @Test
    void hueIsPeriodic() {
        assertArrayEquals(Grade.of(0.1, 1.1, 1.2, 0).m(), Grade.of(0.1, 1.1, 1.2, 360).m());
        assertArrayEquals(Grade.of(0, 1, 1, 0).m(), Grade.of(0, 1, 1, -360).m());
        assertArrayEquals(Grade.of(0, 1, 1, 180).m(), Grade.of(0, 1, 1, -180).m());
        ColorGradePipeline p = new ColorGradePipeline();
        Frame in = Patterns.colourful(50, 40, 0, 0);
        assertEquals(0, Patterns.maxDiff(grade(p, in, 0, 1, 1, 0), grade(p, in, 0, 1, 1, 360)));
        assertEquals(0, Patterns.maxDiff(grade(p, in, 0.2, 0.8, 1.5, 180), grade(p, in, 0.2, 0.8, 1.5, -180)));
        assertNotEquals(0, Patterns.maxDiff(in, grade(p, in, 0, 1, 1, 120)));
    }

    @Test
    void hueTurnsRedTowardGreen() {
        Frame red = Patterns.frame(2, 2, (x, y) -> 0xFF0000);
        Frame out = grade(new ColorGradePipeline(), red, 0, 1, 1, 120);
        assertEquals(0x00FF00, out.rgb(1, 1));
    }

    @Test
    void brightnessAndContrastMoveGreys() {
        ColorGradePipeline p = new ColorGradePipeline();
        Frame grey = Patterns.frame(3, 3, (x, y) -> 0x404040);
        assertEquals(0x737373, grade(p, grey, 0.2, 1, 1, 0).rgb(0, 0), "64 + 51");
        assertEquals(0x808080, grade(p, grey, 0, 0, 1, 0).rgb(0, 0), "no contrast: mid grey (127.5 rounds up)");
        assertEquals(0x010101, grade(p, grey, 0, 2, 1, 0).rgb(0, 0), "2 * (64 - 127.5) + 127.5 = 0.5");
        assertEquals(0xFFFFFF, grade(p, grey, 1, 1, 1, 0).rgb(0, 0), "clamped");
    }
}
