package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import dev.scope.frames.FrameAccess;
import dev.scope.frames.PlatformPixels;
import dev.scope.frames.StandaloneContext;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;
import dev.scope.pipelines.effects.internal.InterpolateConfig.Method;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InterpolateTest {

    private final TestFrames frames = new TestFrames();

    @AfterEach
    void everyFrameReleased() {
        frames.close();
    }

    /**
     * The reference in-between frame, from the definition in {@link MotionSearch} and
     * {@link InterpolatePipeline}: brute-force costs of every candidate on plain clamped planes.
     */
    static int[][][] reference(Frame prev, Frame cur, boolean moving, int radius) {
        int w = prev.width();
        int h = prev.height();
        int[][][] lp = pyramid(Patterns.luma(prev));
        int[][][] lc = pyramid(Patterns.luma(cur));
        int[][][] a = Patterns.channels(prev);
        int[][][] b = Patterns.channels(cur);
        int blocksX = (w + 15) / 16;
        int blocksY = (h + 15) / 16;
        int[][][] motion = new int[blocksY][blocksX][];
        for (int by = 0; by < blocksY; by++) {
            for (int bx = 0; bx < blocksX; bx++) {
                motion[by][bx] = new int[] {0, 0};
                if (moving) {
                    List<int[]> first = new java.util.ArrayList<>();
                    first.add(new int[] {0, 0});
                    for (int my = -radius; my <= radius; my++) {
                        for (int mx = -radius; mx <= radius; mx++) {
                            if (mx != 0 || my != 0) {
                                first.add(new int[] {mx, my});
                            }
                        }
                    }
                    int[] m = best(lp[2], lc[2], 8 * (bx / 2) - 2, 8 * (by / 2) - 2, 12, 1, first, 8);
                    m = best(lp[1], lc[1], 8 * bx, 8 * by, 8, 1, around(m), 4);
                    motion[by][bx] = best(lp[0], lc[0], 16 * bx, 16 * by, 16, 2, around(m), 4);
                }
            }
        }
        List<int[]> globals = globals(motion);
        for (int round = 0; moving && round < 2; round++) {
            int[][][] next = new int[blocksY][blocksX][];
            for (int by = 0; by < blocksY; by++) {
                for (int bx = 0; bx < blocksX; bx++) {
                    List<int[]> candidates = new java.util.ArrayList<>();
                    candidates.add(motion[by][bx]);
                    int[][] neighbours = {{bx - 1, by}, {bx + 1, by}, {bx, by - 1}, {bx, by + 1}};
                    for (int[] n : neighbours) {
                        if (n[0] >= 0 && n[1] >= 0 && n[0] < blocksX && n[1] < blocksY) {
                            candidates.add(motion[n[1]][n[0]]);
                        }
                    }
                    candidates.addAll(globals);
                    next[by][bx] = best(lp[0], lc[0], 16 * bx, 16 * by, 16, 2, candidates, 4);
                }
            }
            motion = next;
        }
        int[][][] out = new int[3][h][w];
        for (int by = 0; by < blocksY; by++) {
            for (int bx = 0; bx < blocksX; bx++) {
                int[] m = motion[by][bx];
                int backX = Math.floorDiv(m[0], 2);
                int backY = Math.floorDiv(m[1], 2);
                for (int y = by * 16; y < Math.min(h, by * 16 + 16); y++) {
                    for (int x = bx * 16; x < Math.min(w, bx * 16 + 16); x++) {
                        for (int c = 0; c < 3; c++) {
                            int p = a[c][clamp(y - backY, h)][clamp(x - backX, w)];
                            int q = b[c][clamp(y + m[1] - backY, h)][clamp(x + m[0] - backX, w)];
                            out[c][y][x] = (p + q + 1) / 2;
                        }
                    }
                }
            }
        }
        return out;
    }

    /** @return the two most frequent motions other than zero, more frequent first, then lower (my, mx) */
    static List<int[]> globals(int[][][] motion) {
        java.util.Map<List<Integer>, Integer> counts = new java.util.HashMap<>();
        for (int[][] row : motion) {
            for (int[] m : row) {
                if (m[0] != 0 || m[1] != 0) {
                    counts.merge(List.of(m[1], m[0]), 1, Integer::sum);
                }
            }
        }
        return counts.entrySet().stream()
                .sorted(java.util.Comparator.<java.util.Map.Entry<List<Integer>, Integer>>comparingInt(e -> -e.getValue())
                        .thenComparingInt(e -> e.getKey().get(0)).thenComparingInt(e -> e.getKey().get(1)))
                .limit(2).map(e -> new int[] {e.getKey().get(1), e.getKey().get(0)}).toList();
    }

    /** @return full, half and quarter resolution: each level the rounded 2x2 means of the one above */
    static int[][][] pyramid(int[][] luma) {
        int[][] half = half(luma);
        return new int[][][] {luma, half, half(half)};
    }

    static int[][] half(int[][] y) {
        int h = y.length;
        int w = y[0].length;
        int[][] s = new int[(h + 1) / 2][(w + 1) / 2];
        for (int j = 0; j < s.length; j++) {
            for (int i = 0; i < s[0].length; i++) {
                int x0 = 2 * i;
                int x1 = clamp(2 * i + 1, w);
                int y0 = 2 * j;
                int y1 = clamp(2 * j + 1, h);
                s[j][i] = (y[y0][x0] + y[y0][x1] + y[y1][x0] + y[y1][x1] + 2) / 4;
            }
        }
        return s;
    }

    /** @return {@code 2 m + d} for d = (0, 0) first, then the rest of {-1, 0, 1}^2 row by row */
    static List<int[]> around(int[] m) {
        List<int[]> list = new java.util.ArrayList<>();
        list.add(new int[] {2 * m[0], 2 * m[1]});
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                if (dx != 0 || dy != 0) {
                    list.add(new int[] {2 * m[0] + dx, 2 * m[1] + dy});
                }
            }
        }
        return list;
    }

    /**
     * @return the first motion of least cost over the window at (x0, y0) (clipped to the plane;
     *         every {@code rowStep}th row from its first): SAD of prev at p - floor(m / 2) and cur
     *         at p + m - floor(m / 2), plus penalty * |m|
     */
    static int[] best(int[][] p, int[][] c, int x0, int y0, int size, int rowStep, List<int[]> candidates,
            int penalty) {
        int h = p.length;
        int w = p[0].length;
        long bestCost = Long.MAX_VALUE;
        int[] best = null;
        for (int[] m : candidates) {
            int backX = Math.floorDiv(m[0], 2);
            int backY = Math.floorDiv(m[1], 2);
            long cost = (long) penalty * (Math.abs(m[0]) + Math.abs(m[1]));
            for (int y = Math.max(0, y0); y < Math.min(h, y0 + size); y += rowStep) {
                for (int x = Math.max(0, x0); x < Math.min(w, x0 + size); x++) {
                    cost += Math.abs(p[clamp(y - backY, h)][clamp(x - backX, w)]
                            - c[clamp(y + m[1] - backY, h)][clamp(x + m[0] - backX, w)]);
                }
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = m;
            }
        }
        return best;
    }

    static int clamp(int v, int size) {
        return Math.min(Math.max(v, 0), size - 1);
    }

    static InterpolateConfig config(String method, int range) {
        InterpolateConfig c = Stage.video(new InterpolateConfig());
        c.method = Method.valueOf(method.toUpperCase(java.util.Locale.ROOT));
        c.searchRange = range;
        return c;
    }

    private Stage<InterpolateConfig> stage() {
        return new Stage<>(new InterpolatePipeline(), frames);
    }

    /** Exact: the same integer arithmetic, candidate order and tie rule. */
    @Test
    void matchesTheReferenceExactly() throws Exception {
        int[][] motions = {{0, 0}, {3, -2}, {8, 5}, {-11, 7}, {17, -13}};
        for (int[] size : Patterns.SIZES) {
            for (int[] m : motions) {
                Frame prev = frames.colourful(size[0], size[1], 0, 0);
                Frame cur = frames.colourful(size[0], size[1], m[0], m[1]);
                for (int range : new int[] {4, 16, 32}) {
                    for (String method : new String[] {"motion", "blend"}) {
                        try (Stage<InterpolateConfig> p = stage()) {
                            InterpolateConfig params = config(method, range);
                            p.call(params, prev);
                            List<Frame> out = p.call(params, cur);
                            assertEquals(2, out.size());
                            String what = method + " " + range + " " + size[0] + "x" + size[1] + " moving " + m[0]
                                    + "," + m[1];
                            Patterns.assertLevels(reference(prev, cur, method.equals("motion"),
                                    MotionSearch.radius(range)), out.get(0), 0, what);
                            Patterns.assertOpaque(out.get(0));
                            assertSame(p.lastLent().get(0), p.lastOutput().frames().get(1),
                                    what + ": the input follows, itself");
                        }
                    }
                }
                frames.releaseAll();
            }
        }
    }

    @Test
    void translatingSquareIsInsertedHalfway() throws Exception {
        int w = 256;
        int h = 192;
        Frame prev = square(w, h, 60, 50);
        Frame cur = square(w, h, 70, 56);
        Stage<InterpolateConfig> p = stage();
        InterpolateConfig motion = config("motion", 16);
        p.call(motion, prev);
        Frame mid = p.call(motion, cur).get(0);
        assertEquals(0, Patterns.maxDiff(square(w, h, 65, 53), mid), "exactly the square moved by (5, 3)");
        assertTrue(Patterns.maxDiff(prev, mid) > 0 && Patterns.maxDiff(cur, mid) > 0);
        p.close();

        // a blend is half of each: a ghost at both places, its centre of brightness halfway
        Stage<InterpolateConfig> blend = stage();
        InterpolateConfig blended = config("blend", 16);
        blend.call(blended, prev);
        int[][][] ghost = Patterns.channels(blend.call(blended, cur).get(0));
        int[][][] a = Patterns.channels(prev);
        int[][][] b = Patterns.channels(cur);
        blend.close();
        double sum = 0;
        double sx = 0;
        double sy = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = ghost[0][y][x] - 40;
                assertEquals((a[0][y][x] + b[0][y][x] + 1) / 2, v + 40);
                sum += v;
                sx += v * x;
                sy += v * y;
            }
        }
        assertEquals(65 + 19.5, sx / sum, 0.01);
        assertEquals(53 + 19.5, sy / sum, 0.01);
    }

    private Frame square(int w, int h, int x0, int y0) {
        return frames.frame(w, h, (x, y) -> x >= x0 && x < x0 + 40 && y >= y0 && y < y0 + 40 ? 0xF0F0F0 : 0x282828);
    }

    @Test
    void doublesTheFrameCountAndFollowsAMovingPattern() throws Exception {
        int w = 160;
        int h = 120;
        Stage<InterpolateConfig> p = stage();
        InterpolateConfig motion = config("motion", 16);
        List<Frame> first = p.call(motion, frames.colourful(w, h, 0, 0));
        assertEquals(1, first.size(), "the first input only");
        int count = first.size();
        Frame before = first.get(0);
        for (int n = 1; n <= 6; n++) {
            Frame in = frames.colourful(w, h, 6 * n, 2 * n);
            List<Frame> out = p.call(motion, in);
            assertEquals(2, out.size());
            count += out.size();
            Frame mid = out.get(0);
            assertEquals(0, Patterns.maxDiff(in, out.get(1)));
            assertTrue(Patterns.maxDiff(before, mid) > 0 && Patterns.maxDiff(in, mid) > 0, "not a copy, frame " + n);
            // the true in-between picture, moved by (3, 1) from the one before
            Frame truth = frames.colourful(w, h, 6 * n - 3, 2 * n - 1);
            double error = meanDiff(truth, mid);
            assertTrue(error < meanDiff(truth, before) / 3 && error < meanDiff(truth, in) / 3,
                    "frame " + n + ": " + error + " from the truth, neighbours " + meanDiff(truth, before) + ", "
                            + meanDiff(truth, in));
            before = in;
        }
        assertEquals(13, count, "2n - 1 frames for n inputs");
        assertEquals(1, p.restart().call(motion, frames.colourful(w, h, 0, 0)).size(), "init_cache starts again");
        InterpolateConfig blend = config("blend", 16);
        assertEquals(2, p.call(blend, frames.colourful(w, h, 1, 0)).size());
        assertEquals(1, p.call(blend, frames.colourful(w / 2, h, 1, 0)).size(), "a new size starts again");
        List<Frame> two = p.call(motion, frames.colourful(w / 2, h, 2, 0), frames.colourful(w / 2, h, 3, 0));
        assertEquals(4, two.size(), "two inputs in one call");
        p.close();
    }

    @Test
    void takesBatchesOfInputSizeAndGivesTwoFramesForEachInput() throws Exception {
        Stage<InterpolateConfig> p = stage();
        assertEquals(4, p.prepare(config("motion", 16)).inputSize(), "video mode's default");
        InterpolateConfig twelve = config("motion", 16);
        twelve.inputSize = 12;
        assertEquals(12, p.prepare(twelve).inputSize());
        InterpolateConfig one = config("motion", 16);
        one.inputSize = 1;
        assertEquals(2, p.prepare(one).inputSize(), "the first input needs the next");
        List<Frame> batch = List.of(frames.colourful(64, 48, 0, 0), frames.colourful(64, 48, 2, 0),
                frames.colourful(64, 48, 4, 0), frames.colourful(64, 48, 6, 0));
        for (String method : new String[] {"motion", "blend"}) {
            InterpolateConfig params = config(method, 16);
            List<Frame> out = p.restart().call(params, batch);
            assertEquals(8, out.size(), method + ": lead, f0, i01, f1, i12, f2, i23, f3");
            for (int i = 0; i < 4; i++) {
                assertSame(p.lastLent().get(i), p.lastOutput().frames().get(2 * i + 1), method + " input " + i);
            }
            for (int i = 0; i < 8; i += 2) {
                Frame inserted = out.get(i);
                assertTrue(Patterns.maxDiff(inserted, out.get(i + 1)) > 0
                        && (i == 0 || Patterns.maxDiff(inserted, out.get(i - 1)) > 0),
                        method + ": inserted frame " + i + " is a copy of a neighbour");
            }
            assertEquals(8, p.call(params, batch).size());
        }
        p.close();
    }

    /** The previous frame is kept by a reference of the pipeline's own: no copy, released on close. */
    @Test
    void keepsThePreviousFrameByAReferenceUntilTheNextOrClose() throws Exception {
        Stage<InterpolateConfig> p = stage();
        InterpolateConfig motion = config("motion", 16);
        Frame first = frames.colourful(64, 48, 0, 0);
        long made = frames.pool.stats().buffersCreated() + frames.pool.stats().buffersReused();
        assertEquals(1, p.call(motion, first).size());
        assertEquals(made, frames.pool.stats().buffersCreated() + frames.pool.stats().buffersReused(),
                "the first input makes no frame: it goes on and is kept, neither copied");
        frames.releaseAll(); // the test's handles of the input and of the output
        assertEquals(1, frames.inUse(), "the pipeline still holds the first frame");
        Frame second = frames.colourful(64, 48, 2, 1);
        assertEquals(2, p.call(motion, second).size());
        frames.releaseAll();
        assertEquals(1, frames.inUse(), "the first frame was released when the second replaced it");
        p.close();
        assertEquals(0, frames.inUse(), "close released the second");
    }

    /** A call that fails half way releases what it made, and none of its inputs. */
    @Test
    void aFailedCallReleasesWhatItMade() throws Exception {
        List<Frame> batch = List.of(frames.colourful(64, 48, 0, 0), frames.colourful(64, 48, 2, 0),
                frames.colourful(64, 48, 4, 0), frames.colourful(64, 48, 6, 0));
        int[] allocations = {0};
        FrameAllocator failing = new FrameAllocator() {
            @Override
            public Frame allocate(int width, int height) {
                return allocateUninitialized(width, height);
            }

            @Override
            public Frame allocateUninitialized(int width, int height) {
                if (++allocations[0] == 3) {
                    throw new IllegalStateException("the third frame fails");
                }
                return frames.pool.allocateUninitialized(width, height);
            }

            @Override
            public Frame copyOf(Frame source) {
                throw new UnsupportedOperationException();
            }
        };
        StandaloneContext context = new StandaloneContext(true, true, 64, 48, 30, Map.of(), List.of(), failing,
                new PlatformPixels(failing, null), Map.of());
        InterpolatePipeline pipeline = new InterpolatePipeline();
        InterpolateConfig params = config("motion", 16);
        pipeline.configure(params);
        List<Frame> lent = batch.stream().map(FrameAccess::borrow).toList();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> pipeline.call(lent, params, context));
        assertEquals("the third frame fails", e.getMessage());
        lent.forEach(FrameAccess::endLoan);
        assertEquals(4, frames.inUse(), "the two frames made were released; the inputs are the test's");
        pipeline.close();
        frames.releaseAll();
        assertEquals(0, frames.inUse());
    }

    /** The lead frame continues the motion backwards: the picture half an interval before the first. */
    @Test
    void theLeadFrameIsTheFirstMovedBackHalfway() throws Exception {
        int w = 160;
        int h = 120;
        Frame first = frames.colourful(w, h, 0, 0);
        Frame next = frames.colourful(w, h, 6, 2);
        Stage<InterpolateConfig> p = stage();
        List<Frame> out = p.call(config("motion", 16), first, next);
        assertEquals(4, out.size());
        p.close();
        Frame truth = frames.colourful(w, h, -3, -1);
        double error = meanDiff(truth, out.get(0));
        assertTrue(error < meanDiff(truth, first) / 3, error + " from the truth, the first frame "
                + meanDiff(truth, first));
        // exactly: every block takes the motion of the in-between frame's block
        int[] motion = new int[2 * ((w + 15) / 16) * ((h + 15) / 16)];
        for (int i = 0; i < motion.length; i += 2) {
            motion[i] = 6;
            motion[i + 1] = 2;
        }
        int[] pixels = Patterns.pixels(first);
        int[] shifted = new int[w * h];
        InterpolatePipeline.warp(pixels, pixels, shifted, w, h, motion, (w + 15) / 16, InterpolatePipeline.LEAD, 0, h);
        Frame back = frames.frame(w, h, (x, y) -> rgb(pixels[Math.min(y + 1, h - 1) * w + Math.min(x + 3, w - 1)]));
        assertEquals(0, Patterns.maxDiff(back, frames.of(w, h, shifted)),
                "a motion of (6, 2) moves the first frame back by (3, 1), edges clamped");

        // a blend continues the cross-fade: (3 first - next) / 2 per channel, rounded up, clamped
        Stage<InterpolateConfig> blend = stage();
        List<Frame> blended = blend.call(config("blend", 16), first, next);
        blend.close();
        int[][][] a = Patterns.channels(first);
        int[][][] b = Patterns.channels(next);
        int[][][] lead = Patterns.channels(blended.get(0));
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    int v = (3 * a[c][y][x] - b[c][y][x] + 1) / 2;
                    assertEquals(Math.min(255, Math.max(0, v)), lead[c][y][x]);
                }
            }
        }
        Patterns.assertOpaque(blended.get(0));
    }

    /** @return a packed pixel as {@code 0xRRGGBB} */
    private static int rgb(int packed) {
        return (packed & 0xFF) << 16 | (packed >>> 8 & 0xFF) << 8 | (packed >>> 16 & 0xFF);
    }

    private static double meanDiff(Frame a, Frame b) {
        int[][][] p = Patterns.channels(a);
        int[][][] q = Patterns.channels(b);
        long sum = 0;
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < a.height(); y++) {
                for (int x = 0; x < a.width(); x++) {
                    sum += Math.abs(p[c][y][x] - q[c][y][x]);
                }
            }
        }
        return sum / (3.0 * a.width() * a.height());
    }
}
