package dev.scope.media.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.stream.Stream;

import dev.scope.engine.api.BadInputException;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.TimedFrame;
import dev.scope.media.TestPattern;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@code testsrc:WxH@fps} through the service. */
class TestPatternSourceTest extends MediaFixtures {

    @Test
    void specGivesSizeRateAndPatternFrames() throws IOException {
        try (FrameSource source = media.openSource("testsrc:320x240@30", false)) {
            assertEquals("testsrc 320x240@30", source.description());
            assertTrue(source.endless());
            assertEquals(320, source.width());
            assertEquals(240, source.height());
            assertEquals(30, source.frameRate());
            TestPattern pattern = new TestPattern(320, 240);
            for (int n = 0; n < 3; n++) {
                TimedFrame f = source.next();
                assertEquals(Math.round(n * 1e6 / 30), f.ptsMicros(), "pts of frame " + n);
                assertArrayEquals(pattern.pixels(n), pixels(f.frame()), "pixels of frame " + n);
                assertTrue(f.frame().writable(), "a new frame of the caller's");
                f.frame().release();
            }
        }
    }

    /**
     * The pattern as its documentation defines it, pixel by pixel: the rainbow scrolled 4 pixels a
     * frame (wrapping), brighter at the top; eight grey steps below; the bordered white square.
     */
    @Test
    void patternPixelsFollowTheirDefinition() {
        for (int[] size : new int[][] {{64, 48}, {97, 31}}) {
            int w = size[0];
            int h = size[1];
            TestPattern pattern = new TestPattern(w, h);
            for (long n : new long[] {0, 1, 23, 1000}) {
                dev.scope.pipeline.api.Frame f = frame(pattern, n);
                int[] packed = pattern.pixels(n);
                int side = Math.max(4, Math.min(w, h) / 6);
                int x0 = bounce(n * 5, w - side);
                int y0 = bounce(n * 3, h - side);
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int expected;
                        if (x >= x0 && x < x0 + side && y >= y0 && y < y0 + side) {
                            boolean border = x - x0 < 2 || y - y0 < 2 || x0 + side - 1 - x < 2 || y0 + side - 1 - y < 2;
                            expected = border ? 0 : 0xFFFFFF;
                        } else if (y < h * 2 / 3) {
                            expected = rainbow((int) ((x + n * 4) % w), y, h * 2 / 3, w);
                        } else {
                            int level = Math.min(7, x * 8 / w) * 255 / 7;
                            expected = level * 0x010101;
                        }
                        assertEquals(expected, f.rgb(x, y), w + "x" + h + " frame " + n + " at (" + x + ", " + y + ")");
                        assertEquals(0xFF, packed[y * w + x] >>> 24, "padding byte");
                    }
                }
                f.release();
            }
        }
    }

    private static int rainbow(int x, int y, int rows, int width) {
        int hue = x * 1536 / width;
        int f = hue & 0xFF;
        int[] rgb = switch (hue >> 8) {
            case 0 -> new int[] {255, f, 0};
            case 1 -> new int[] {255 - f, 255, 0};
            case 2 -> new int[] {0, 255, f};
            case 3 -> new int[] {0, 255 - f, 255};
            case 4 -> new int[] {f, 0, 255};
            default -> new int[] {255, 0, 255 - f};
        };
        int value = 96 + 159 * (rows - 1 - y) / Math.max(1, rows - 1);
        return (rgb[0] * value / 255) << 16 | (rgb[1] * value / 255) << 8 | (rgb[2] * value / 255);
    }

    private static int bounce(long t, int range) {
        long m = Math.floorMod(t, 2L * range);
        return (int) (m <= range ? m : 2L * range - m);
    }

    @Test
    void fractionalRateAndNoEnd() throws IOException {
        FrameSource source = media.openSource(" testsrc:64x48@29.97 ", false);
        assertEquals(29.97, source.frameRate());
        assertEquals("testsrc 64x48@29.97", source.description());
        TimedFrame last = null;
        for (int n = 0; n < 600; n++) {
            last = source.next();
            assertNotNull(last, "frame " + n);
            last.frame().release();
        }
        assertEquals(Math.round(599 * 1e6 / 29.97), last.ptsMicros());
        source.close();
        assertNull(source.next(), "a closed source ends");
    }

    @TestFactory
    Stream<DynamicTest> badSpecsNameTheSpecAndTheForm() {
        return Stream.of("testsrc", "testsrc:", "testsrc:320x240", "testsrc:320x240@", "testsrc:abc", "testsrc:axb@30",
                "testsrc:320*240@30", "testsrc:320x240@-5", "testsrc:1e3x10@30")
                .map(spec -> DynamicTest.dynamicTest(spec, () -> {
                    BadInputException e = assertThrows(BadInputException.class, () -> media.openSource(spec, false));
                    assertEquals("bad test source '" + spec + "': expected testsrc:WIDTHxHEIGHT@FPS (16 to 8192 pixels"
                            + " on each side, 0.1 to 1000 frames a second), e.g. testsrc:1280x720@30", e.getMessage());
                }));
    }

    @TestFactory
    Stream<DynamicTest> sizesAndRatesPastTheLimitNameTheLimit() {
        return Stream.of(
                new String[] {"testsrc:0x0@30", "0x0 is past the limit: 16 to 8192 pixels on each side"},
                new String[] {"testsrc:8x8@30", "8x8 is past the limit: 16 to 8192 pixels on each side"},
                new String[] {"testsrc:8193x16@30", "8193x16 is past the limit: 16 to 8192 pixels on each side"},
                new String[] {"testsrc:16x99999@30", "16x99999 is past the limit: 16 to 8192 pixels on each side"},
                new String[] {"testsrc:640x360@0", "a frame rate of 0 is past the limit: 0.1 to 1000 frames a second"},
                new String[] {"testsrc:640x360@0.05", "a frame rate of 0.05 is past the limit: 0.1 to 1000 frames a second"},
                new String[] {"testsrc:640x360@5000", "a frame rate of 5000 is past the limit: 0.1 to 1000 frames a second"})
                .map(c -> DynamicTest.dynamicTest(c[0], () -> {
                    BadInputException e = assertThrows(BadInputException.class, () -> media.openSource(c[0], false));
                    assertEquals("bad test source '" + c[0] + "': " + c[1], e.getMessage());
                }));
    }

    @Test
    void theLimitsThemselvesOpen() throws IOException {
        try (FrameSource wide = media.openSource("testsrc:8192x16@0.1", false);
                FrameSource tall = media.openSource("testsrc:16x8192@1000", false)) {
            assertEquals(8192, wide.width());
            assertEquals(0.1, wide.frameRate());
            assertEquals(8192, tall.height());
            TimedFrame f = tall.next();
            assertEquals(8192, f.frame().height());
            f.frame().release();
        }
    }
}
