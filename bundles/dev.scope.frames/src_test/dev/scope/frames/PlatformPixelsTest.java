package dev.scope.frames;

import static dev.scope.frames.TestFrames.opaque;
import static dev.scope.frames.TestFrames.pixels;
import static dev.scope.frames.TestFrames.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;

import dev.scope.frames.TestFrames.ArrayFrame;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.PixelMap;
import dev.scope.pipeline.api.PixelOps;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The pixel helpers on the Java path, against a plain per-pixel reference of their definitions, on
 * random frames of odd sizes (a row, a column, and sizes large enough to be split into bands).
 */
class PlatformPixelsTest {

    /** Width x height: one pixel, a row, a column, odd sizes, past the band threshold, past the point-op one. */
    private static final int[][] SIZES = {{1, 1}, {1, 7}, {7, 1}, {3, 5}, {17, 9}, {640, 1}, {1, 480}, {183, 181},
            {1031, 1025}};

    private final FramePool pool = new FramePool();
    private final PlatformPixels pixels = new PlatformPixels(pool, null);

    @AfterEach
    void everyResultWasReleased() {
        assertEquals(0, pool.stats().framesInUse());
    }

    /** {@code round(gain * v + offset)} clamped to 0..255, per channel; the padding set. */
    private static int[] affineReference(int[] in, double gain, double offset) {
        return perChannel(in, v -> (int) Math.max(0, Math.min(255, Math.round(gain * v + offset))));
    }

    private static int[] perChannel(int[] in, IntUnaryOperator level) {
        int[] out = new int[in.length];
        for (int i = 0; i < in.length; i++) {
            int p = in[i];
            int r = level.applyAsInt(p & 0xFF);
            int g = level.applyAsInt(p >>> 8 & 0xFF);
            int b = level.applyAsInt(p >>> 16 & 0xFF);
            out[i] = Math.max(0, Math.min(255, r)) | Math.max(0, Math.min(255, g)) << 8
                    | Math.max(0, Math.min(255, b)) << 16 | Frame.OPAQUE;
        }
        return out;
    }

    /** Runs {@code op} on a random frame of every size and checks it against {@code expected} within {@code levels}. */
    private void check(String what, int levels, java.util.function.Function<Frame, Frame> op,
            java.util.function.Function<int[], int[]> expected) {
        long seed = 100;
        for (int[] s : SIZES) {
            int[] px = random(s[0] * s[1], seed++);
            Frame in = pool.of(s[0], s[1], px);
            Frame view = FrameAccess.borrow(in);
            Frame out = op.apply(view);
            try {
                assertNotSame(in, out);
                assertEquals(s[0], out.width());
                assertEquals(s[1], out.height());
                assertEquals(Frame.Residency.HOST, out.residency());
                assertTrue(out.writable(), "a new frame, owned by the caller");
                assertArrayEquals(opaque(px), pixels(in), "the input is unchanged");
                int[] want = expected.apply(pixels(in));
                int[] got = pixels(out);
                for (int i = 0; i < want.length; i++) {
                    if (got[i] >>> 24 != 0xFF) {
                        fail(what + " at " + s[0] + "x" + s[1] + ": pixel " + i + " has padding " + (got[i] >>> 24));
                    }
                    for (int shift = 0; shift < 24; shift += 8) {
                        int g = got[i] >>> shift & 0xFF;
                        int w = want[i] >>> shift & 0xFF;
                        if (Math.abs(g - w) > levels) {
                            fail(what + " at " + s[0] + "x" + s[1] + ": pixel " + i + " channel " + shift / 8 + " is " + g
                                    + ", expected " + w + (levels > 0 ? " within " + levels : "") + " (input "
                                    + (pixels(in)[i] >>> shift & 0xFF) + ")");
                        }
                    }
                }
            } finally {
                FrameAccess.endLoan(view);
                out.release();
                in.release();
            }
        }
    }

    /** Every kind of map, some clamping, in an order where each changes what the next sees. */
    static final List<PixelMap> MAPS = List.of(
            PixelMap.matrix(new double[] {1.2, -0.1, 0.05, 0.1, 0.9, 0.2, -0.3, 0.4, 1.1}, 12.5),
            PixelMap.affine(-1, 255), PixelMap.lookup(v -> v / 64 * 85),
            PixelMap.matrix(new double[] {0.299, 0.587, 0.114, 0.299, 0.587, 0.114, 0.299, 0.587, 0.114}, 0),
            PixelMap.affine(2, -10), PixelMap.affine(0.5, 64));

    /** Fusion's promise: one pass gives exactly the levels of the maps run one after the other. */
    @Test
    void mapsInOnePassGiveTheLevelsOfOnePassAMap() {
        for (int n = 0; n <= MAPS.size(); n++) {
            List<PixelMap> maps = MAPS.subList(0, n);
            check(n + " maps", 0, in -> pixels.apply(in, maps), px -> {
                int[] out = new int[px.length];
                for (int at = 0; at < px.length; at += 4096) { // rows of at most 4096: one pass a map
                    int len = Math.min(4096, px.length - at);
                    Frame f = pool.of(len, 1, java.util.Arrays.copyOfRange(px, at, at + len));
                    for (PixelMap m : maps) {
                        Frame next = pixels.apply(f, List.of(m));
                        f.release();
                        f = next;
                    }
                    System.arraycopy(pixels(f), 0, out, at, len);
                    f.release();
                }
                return out;
            });
        }
    }

    @Test
    void aMatrixOfBadNumbersIsRefusedWithWhatIsAllowed() {
        IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
                () -> PixelMap.matrix(new double[8], 0));
        assertEquals("a colour matrix needs 9 entries (3 rows of 3), got 8", few.getMessage());
        double[] m = new double[9];
        m[4] = Double.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PixelMap.matrix(m, 0)).getMessage()
                .contains("entry 4 is NaN; allowed: finite"));
        assertThrows(IllegalArgumentException.class, () -> PixelMap.matrix(new double[9], 1e9));
        assertTrue(PixelMap.matrix(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 0).isIdentity());
        assertTrue(PixelMap.affine(1, 0).isIdentity());
        assertTrue(PixelMap.lookup(v -> v).isIdentity());
        assertTrue(!PixelMap.affine(-1, 255).isIdentity());
    }

    @Test
    void affineThroughATableIsExactAndClamped() {
        double[][] maps = {{2, -60}, {1.5, 10}, {-3, 300}, {0.3, -20.4}, {0.5, -0.5}, {1.01, 0}, {-1, 254.6},
                {1e7, 0}, {-1e7, 255}, {1e12, -5}, {-1e300, 1e300}, {4, -510}};
        for (double[] m : maps) {
            check("affine(" + m[0] + ", " + m[1] + ")", 0, in -> pixels.affine(in, m[0], m[1]),
                    in -> affineReference(in, m[0], m[1]));
        }
    }

    @Test
    void affineInsideTheLevelsIsABlendWithinOneLevel() {
        double[][] maps = {{0.5, 64}, {0.25, 100}, {-0.5, 200}, {0, 77}, {0.9, 0}, {-0.2, 255}, {0.999, 0.2},
                {1, 0}, {-1, 255}, {0, 0}, {0, 255}};
        for (double[] m : maps) {
            check("affine(" + m[0] + ", " + m[1] + ")", 1, in -> pixels.affine(in, m[0], m[1]),
                    in -> affineReference(in, m[0], m[1]));
        }
    }

    @Test
    void identitiesAndInversionsAreExact() {
        check("affine(1, 0)", 0, in -> pixels.affine(in, 1, 0), TestFrames::opaque);
        check("affine(-1, 255)", 0, in -> pixels.affine(in, -1, 255), in -> perChannel(in, v -> 255 - v));
        check("affine(0, 0)", 0, in -> pixels.affine(in, 0, 0), in -> perChannel(in, v -> 0));
        check("affine(0, 255)", 0, in -> pixels.affine(in, 0, 255), in -> perChannel(in, v -> 255));
        check("lookup(identity)", 0, in -> pixels.lookup(in, "id", v -> v), TestFrames::opaque);
        check("map(identity)", 0, in -> pixels.map(in, p -> p), TestFrames::opaque);
    }

    @Test
    void lookupAppliesItsTableToEveryChannelClamped() {
        IntUnaryOperator curve = v -> 3 * v - 100 + v * v / 255;
        check("lookup(curve)", 0, in -> pixels.lookup(in, curve, curve), in -> perChannel(in, curve));
    }

    @Test
    void lookupBuildsOneTablePerKeyAndRebuildsWhenTheKeyChanges() {
        AtomicInteger levels = new AtomicInteger();
        int[] px = random(64, 12);
        Frame in = pool.of(8, 8, px);
        Object a = new String("params");
        Object b = new String("params"); // equal, not the same: a new parameters object
        List<Frame> outs = new ArrayList<>();
        outs.add(pixels.lookup(in, a, v -> {
            levels.incrementAndGet();
            return 255 - v;
        }));
        assertEquals(256, levels.get(), "one table of 256 levels");
        outs.add(pixels.lookup(in, a, v -> {
            levels.incrementAndGet();
            return v; // not asked: the key is the same
        }));
        assertEquals(256, levels.get(), "the same key: the table is reused");
        assertArrayEquals(perChannel(px, v -> 255 - v), pixels(outs.get(1)), "the cached table, not the new function");
        outs.add(pixels.lookup(in, b, v -> {
            levels.incrementAndGet();
            return v / 2;
        }));
        assertEquals(512, levels.get(), "keys are compared by identity");
        assertArrayEquals(perChannel(px, v -> v / 2), pixels(outs.get(2)));
        outs.add(pixels.lookup(in, a, v -> {
            levels.incrementAndGet();
            return 7;
        }));
        assertEquals(768, levels.get(), "a change of key rebuilds, also back to an earlier one");
        assertArrayEquals(perChannel(px, v -> 7), pixels(outs.get(3)));
        outs.add(pixels.lookup(in, null, v -> 300));
        outs.add(pixels.lookup(in, null, v -> 0));
        assertArrayEquals(perChannel(px, v -> 255), pixels(outs.get(5)), "null is a key too");
        PlatformPixels other = new PlatformPixels(pool, null);
        outs.add(other.lookup(in, a, v -> 1));
        assertArrayEquals(perChannel(px, v -> 1), pixels(outs.get(6)), "each instance keeps its own table");
        outs.forEach(Frame::release);
        in.release();
    }

    @Test
    void mapAppliesTheFunctionToEveryPixelAndSetsThePadding() {
        IntUnaryOperator swap = p -> (p & 0xFF) << 16 | (p & 0xFF00) | (p >>> 16 & 0xFF); // padding 0
        check("map(swap)", 0, in -> pixels.map(in, swap), in -> {
            int[] out = new int[in.length];
            for (int i = 0; i < in.length; i++) {
                out[i] = swap.applyAsInt(in[i]) | Frame.OPAQUE;
            }
            return out;
        });
        check("map(position-free xor)", 0, in -> pixels.map(in, p -> p ^ 0x00A5C3F0),
                in -> opaque(java.util.Arrays.stream(in).map(p -> p ^ 0x00A5C3F0).toArray()));
    }

    @Test
    void aFailingFunctionLeavesNoFrameBehind() {
        Frame in = pool.allocate(183, 181);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> pixels.map(in, p -> {
                    throw new IllegalArgumentException("bad pixel");
                }));
        assertTrue(e.getMessage().contains("bad pixel"), e.getMessage()); // a band's exception may come wrapped
        assertThrows(ArithmeticException.class, () -> pixels.lookup(in, "k", v -> 1 / (v - 9)));
        assertEquals(1, pool.stats().framesInUse(), "only the input is held");
        in.release();
    }

    @Test
    void inBandsCoversEveryRowExactlyOnce() {
        int[][] shapes = {{1, 1}, {1, 100_000}, {2, 1 << 15}, {13, 4096}, {7, 65_536}, {1000, 33}, {8191, 5},
                {9, 1 << 15}, {100, 1}, {4096, 4096}};
        boolean split = false;
        boolean uneven = false;
        for (int[] shape : shapes) {
            int rows = shape[0];
            int width = shape[1];
            int bands = pixels.bands(rows, width);
            assertEquals(bands, pixels.bands(rows, width), "fixed for a size");
            assertTrue(bands >= 1 && bands <= rows, rows + "x" + width + ": " + bands + " bands");
            List<int[]> calls = Collections.synchronizedList(new ArrayList<>());
            Set<Thread> threads = Collections.synchronizedSet(new HashSet<>());
            pixels.inBands(rows, width, (band, from, to) -> {
                calls.add(new int[] {band, from, to});
                threads.add(Thread.currentThread());
            });
            assertEquals(bands, calls.size(), rows + " rows: one call a band, every band done on return");
            int[] covered = new int[rows];
            Set<Integer> seen = new HashSet<>();
            calls.sort((x, y) -> Integer.compare(x[0], y[0]));
            int next = 0;
            for (int[] c : calls) {
                assertTrue(seen.add(c[0]), "band " + c[0] + " once");
                assertTrue(c[1] < c[2], "band " + c[0] + " is not empty");
                assertEquals(next, c[1], "bands are consecutive in their order");
                next = c[2];
                for (int y = c[1]; y < c[2]; y++) {
                    covered[y]++;
                }
            }
            assertEquals(rows, next);
            for (int y = 0; y < rows; y++) {
                assertEquals(1, covered[y], "row " + y + " of " + rows);
            }
            assertEquals(bands - 1, Collections.max(seen));
            if ((long) rows * width < 1 << 15) {
                assertEquals(1, bands, "a small picture is one band");
                assertEquals(Set.of(Thread.currentThread()), threads, "on the calling thread");
            }
            split |= bands > 1;
            uneven |= bands > 1 && rows % bands != 0;
        }
        assertTrue(split && uneven, "large pictures were split, some into bands of unequal height");
        assertEquals(1, pixels.bands(1, 1 << 20), "one row is one band");
    }

    @Test
    void theJavaPathLeavesAGivenGpuAloneForHostFrames() {
        PixelOps withGpu = new PlatformPixels(pool, TestFrames.refusingGpu());
        check("affine with a gpu", 1, in -> withGpu.affine(in, -1, 255), in -> perChannel(in, v -> 255 - v));
        check("affine table with a gpu", 0, in -> withGpu.affine(in, 2, -10), in -> affineReference(in, 2, -10));
        check("lookup with a gpu", 0, in -> withGpu.lookup(in, "k", v -> v / 3), in -> perChannel(in, v -> v / 3));
        check("map with a gpu", 0, in -> withGpu.map(in, p -> p), TestFrames::opaque);
    }

    @Test
    void deviceInputsWithoutAGpuAreReadBack() {
        int[] px = random(35, 13);
        ArrayFrame device = new ArrayFrame(7, 5, px, Frame.Residency.DEVICE);
        Frame a = pixels.affine(device, -1, 255);
        Frame l = pixels.lookup(device, this, v -> v ^ 1);
        Frame m = pixels.map(device, p -> p);
        assertEquals(Frame.Residency.HOST, a.residency());
        assertArrayEquals(perChannel(px, v -> 255 - v), pixels(a));
        assertArrayEquals(perChannel(px, v -> v ^ 1), pixels(l));
        assertArrayEquals(opaque(px), pixels(m));
        a.release();
        l.release();
        m.release();
    }

    @Test
    void deviceInputsWithAGpuGoToTheDevice() {
        PixelOps withGpu = new PlatformPixels(pool, TestFrames.refusingGpu());
        ArrayFrame device = new ArrayFrame(7, 5, new int[35], Frame.Residency.DEVICE);
        Frame view = FrameAccess.borrow(device);
        assertEquals("gpu.allocate", assertThrows(TestFrames.GpuCalled.class,
                () -> withGpu.affine(view, -1, 255)).getMessage());
        assertEquals("gpu.allocate", assertThrows(TestFrames.GpuCalled.class,
                () -> withGpu.affine(view, 3, -1)).getMessage());
        assertEquals("gpu.allocate", assertThrows(TestFrames.GpuCalled.class,
                () -> withGpu.lookup(view, "k", v -> v)).getMessage());
        Frame m = withGpu.map(view, p -> p);
        assertSame(Frame.Residency.HOST, m.residency(), "map runs in Java, reading the device frame back");
        m.release();
    }
}
