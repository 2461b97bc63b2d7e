package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.scope.frames.FrameAccess;
import dev.scope.frames.StandaloneContext;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipelines.effects.internal.ColorGradePipeline.Grade;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ColorGradeTest {

    private final TestFrames frames = new TestFrames();

    @AfterEach
    void everyFrameReleased() {
        frames.close();
    }

    static ColorGradeConfig grade(double brightness, double contrast, double saturation, double hue) {
        ColorGradeConfig c = Stage.video(new ColorGradeConfig());
        c.brightness = brightness;
        c.contrast = contrast;
        c.saturation = saturation;
        c.hue = hue;
        return c;
    }

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

    private static Frame grade(Stage<ColorGradeConfig> p, Frame in, double brightness, double contrast,
            double saturation, double hue) throws Exception {
        List<Frame> out = p.call(grade(brightness, contrast, saturation, hue), in);
        assertEquals(1, out.size());
        return out.get(0);
    }

    private Stage<ColorGradeConfig> stage() {
        return new Stage<>(new ColorGradePipeline(), frames);
    }

    @Test
    void matchesTheReferenceWithinOneLevel() throws Exception {
        Stage<ColorGradeConfig> p = stage();
        double[][] settings = {
            {0, 1, 1, 0}, {0.2, 1, 1, 0}, {-0.3, 1.5, 1, 0}, {0, 0, 1, 0}, {0, 3, 1, 0}, {0, 1, 0, 0},
            {0, 1, 2.5, 0}, {0, 1, 1, 90}, {0, 1, 1, -150}, {0.1, 1.2, 1.4, 33}, {1, 3, 3, 180}, {-1, 0.5, 0, -180},
        };
        for (double[] s : settings) {
            for (int[] size : Patterns.SIZES) {
                Frame in = frames.colourful(size[0], size[1], 0, 0);
                Frame out = grade(p, in, s[0], s[1], s[2], s[3]);
                Patterns.assertLevels(reference(in, s[0], s[1], s[2], s[3]), out, 1,
                        java.util.Arrays.toString(s) + " " + size[0] + "x" + size[1]);
                if (!Grade.of(s[0], s[1], s[2], s[3]).isIdentity()) {
                    Patterns.assertOpaque(out); // the identity hands the input on
                }
            }
        }
        p.close();
    }

    /** {@code FrameEffect.isIdentity}: at the defaults the inputs go on as they are, and no frame is made. */
    @Test
    void defaultsAreTheIdentity() throws Exception {
        Frame in = frames.colourful(123, 45, 0, 0);
        Frame other = frames.colourful(123, 45, 5, 5);
        ColorGradePipeline pipeline = new ColorGradePipeline();
        ColorGradeConfig defaults = Stage.video(new ColorGradeConfig());
        pipeline.configure(defaults);
        assertTrue(pipeline.isIdentity(defaults));
        List<Frame> lent = List.of(FrameAccess.borrow(in), FrameAccess.borrow(other));
        long allocated = frames.pool.stats().buffersCreated() + frames.pool.stats().buffersReused();
        Output out = pipeline.call(lent, defaults, StandaloneContext.video(frames.pool, 123, 45));
        assertEquals(2, out.size());
        assertSame(lent.get(0), out.frames().get(0), "the input itself");
        assertSame(lent.get(1), out.frames().get(1), "the input itself");
        assertEquals(allocated, frames.pool.stats().buffersCreated() + frames.pool.stats().buffersReused(),
                "no frame made");
        pipeline.configure(grade(0, 1.01, 1, 0));
        List<Frame> graded = pipeline.call(lent, grade(0, 1.01, 1, 0), StandaloneContext.video(frames.pool, 123, 45))
                .frames();
        graded.forEach(frames::own);
        Frame contrasted = graded.get(0);
        assertTrue(contrasted != lent.get(0) && Patterns.maxDiff(in, contrasted) > 0,
                "a little contrast is no identity");
        lent.forEach(FrameAccess::endLoan);

        Grade identity = Grade.of(0, 1, 1, 0);
        assertEquals(true, identity.isIdentity());
        int[] pixels = new int[256 * 256];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = Patterns.hash(i, 7) & 0xFFFFFF;
        }
        int[] mapped = pixels.clone();
        identity.apply(mapped, 0, mapped.length);
        for (int i = 0; i < pixels.length; i++) {
            assertEquals(pixels[i] | Frame.OPAQUE, mapped[i], "the fixed-point map itself is exact too");
        }
    }

    @Test
    void saturationZeroIsGrey() throws Exception {
        Stage<ColorGradeConfig> p = stage();
        Frame in = frames.colourful(64, 48, 0, 0);
        for (double hue : new double[] {0, 75, -180}) {
            int[][][] out = Patterns.channels(grade(p, in, 0.1, 1.3, 0, hue));
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    assertEquals(out[0][y][x], out[1][y][x]);
                    assertEquals(out[0][y][x], out[2][y][x]);
                }
            }
        }
        p.close();
    }

    @Test
    void hueIsPeriodic() throws Exception {
        assertArrayEquals(Grade.of(0.1, 1.1, 1.2, 0).m(), Grade.of(0.1, 1.1, 1.2, 360).m());
        assertArrayEquals(Grade.of(0, 1, 1, 0).m(), Grade.of(0, 1, 1, -360).m());
        assertArrayEquals(Grade.of(0, 1, 1, 180).m(), Grade.of(0, 1, 1, -180).m());
        Stage<ColorGradeConfig> p = stage();
        Frame in = frames.colourful(50, 40, 0, 0);
        assertEquals(0, Patterns.maxDiff(grade(p, in, 0, 1, 1, 0), grade(p, in, 0, 1, 1, 360)));
        assertEquals(0, Patterns.maxDiff(grade(p, in, 0.2, 0.8, 1.5, 180), grade(p, in, 0.2, 0.8, 1.5, -180)));
        assertNotEquals(0, Patterns.maxDiff(in, grade(p, in, 0, 1, 1, 120)));
        p.close();
    }

    @Test
    void hueTurnsRedTowardGreen() throws Exception {
        Frame red = frames.frame(2, 2, (x, y) -> 0xFF0000);
        Frame out = grade(stage(), red, 0, 1, 1, 120);
        assertEquals(0x00FF00, out.rgb(1, 1));
    }

    @Test
    void brightnessAndContrastMoveGreys() throws Exception {
        Stage<ColorGradeConfig> p = stage();
        Frame grey = frames.frame(3, 3, (x, y) -> 0x404040);
        assertEquals(0x737373, grade(p, grey, 0.2, 1, 1, 0).rgb(0, 0), "64 + 51");
        assertEquals(0x808080, grade(p, grey, 0, 0, 1, 0).rgb(0, 0), "no contrast: mid grey (127.5 rounds up)");
        assertEquals(0x010101, grade(p, grey, 0, 2, 1, 0).rgb(0, 0), "2 * (64 - 127.5) + 127.5 = 0.5");
        assertEquals(0xFFFFFF, grade(p, grey, 1, 1, 1, 0).rgb(0, 0), "clamped");
    }
}
