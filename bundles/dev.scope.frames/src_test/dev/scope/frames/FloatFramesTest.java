package dev.scope.frames;

import static dev.scope.frames.TestFrames.pixels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import dev.scope.pipeline.api.FloatFrame;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine's one conversion of float frames: round(clamp(v, 0, 1) * 255), red in the low byte. */
class FloatFramesTest {

    private final FramePool pool = new FramePool();

    @AfterEach
    void nothingIsLeftInUse() {
        assertEquals(0, pool.stats().framesInUse());
    }

    /** The red level of a 1x1 frame of {@code v, 0, 0}. */
    private int red(float v) {
        Frame f = FloatFrames.toFrame(new FloatFrame(1, 1, new float[] {v, 0, 0}), pool);
        try {
            return f.rgb(0, 0) >>> 16;
        } finally {
            f.release();
        }
    }

    /** The documented level, in exact decimal arithmetic: the float's value times 255, rounded half up. */
    private static int exact(float v) {
        float c = v < 0 ? 0 : v > 1 ? 1 : v;
        return new BigDecimal(c).multiply(BigDecimal.valueOf(255)).setScale(0, RoundingMode.HALF_UP).intValueExact();
    }

    @Test
    void levelsAreRoundedToTheNearestAndClamped() {
        assertEquals(0, red(0f));
        assertEquals(255, red(1f));
        assertEquals(128, red(0.5f), "127.5 rounds up");
        assertEquals(127, red(0.498f), "126.99 rounds to 127");
        assertEquals(1, red(0.5f / 255), "0.5 rounds up");
        assertEquals(0, red(0.49f / 255));
        assertEquals(0, red(-3f), "clamped below");
        assertEquals(0, red(-Float.MAX_VALUE));
        assertEquals(255, red(2f), "clamped above");
        assertEquals(255, red(Float.MAX_VALUE));
        assertEquals(0, red(Float.MIN_VALUE));
        assertEquals(0, red(-0f));
    }

    /** Floats just below a half level: the product must not be rounded to float before the level is. */
    @Test
    void valuesJustBelowAHalfLevelRoundDown() {
        float v = 0.50392157f; // 128.49999994... levels
        assertEquals(128, exact(v));
        assertEquals(128, red(v));
        for (int k = 0; k < 255; k++) {
            float half = (k + 0.5f) / 255f;
            for (float f = Math.nextDown(Math.nextDown(half)); f <= Math.nextUp(Math.nextUp(half)); f = Math.nextUp(f)) {
                assertEquals(exact(f), red(f), "level of " + f);
            }
        }
    }

    @Test
    void randomValuesMatchTheExactRule() {
        SplittableRandom r = new SplittableRandom(14);
        int w = 33;
        int h = 7;
        float[] rgb = new float[w * h * 3];
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = (float) (r.nextDouble() * 1.2 - 0.1);
        }
        Frame f = FloatFrames.toFrame(new FloatFrame(w, h, rgb), pool);
        int[] px = pixels(f);
        for (int i = 0; i < w * h; i++) {
            int expected = exact(rgb[3 * i]) | exact(rgb[3 * i + 1]) << 8 | exact(rgb[3 * i + 2]) << 16 | Frame.OPAQUE;
            assertEquals(expected, px[i], "pixel " + i);
        }
        f.release();
    }

    @Test
    void channelsAreRedGreenBlueInRowMajorOrder() {
        // 2x2: (0,0) red, (1,0) green, (0,1) blue, (1,1) one level of each
        float l = 1f / 255;
        FloatFrame ff = new FloatFrame(2, 2, new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1, l, 2 * l, 3 * l});
        Frame f = FloatFrames.toFrame(ff, pool);
        assertEquals(2, f.width());
        assertEquals(2, f.height());
        assertTrue(f.writable(), "a new frame, owned by the caller");
        assertArrayEquals(new int[] {0xFF0000FF, 0xFF00FF00, 0xFFFF0000, 0xFF030201}, pixels(f),
                "red in the low byte, the padding set");
        assertEquals(0x010203, f.rgb(1, 1));
        f.release();
    }

    @Test
    void aNonFiniteValueIsNamedAndNothingIsLeftAllocated() {
        float[] rgb = new float[3 * 3 * 2];
        rgb[(1 * 3 + 2) * 3 + 1] = Float.NaN; // pixel (2, 1), green
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FloatFrames.toFrame(new FloatFrame(3, 2, rgb), pool));
        assertEquals("non-finite value NaN at pixel (2, 1) channel 1", e.getMessage());
        rgb[(1 * 3 + 2) * 3 + 1] = 0;
        rgb[2] = Float.NEGATIVE_INFINITY;
        assertEquals("non-finite value -Infinity at pixel (0, 0) channel 2", assertThrows(IllegalArgumentException.class,
                () -> FloatFrames.toFrame(new FloatFrame(3, 2, rgb), pool)).getMessage());
        assertEquals(1, pool.stats().buffersCreated(), "the frames were made and given back");
    }
}
