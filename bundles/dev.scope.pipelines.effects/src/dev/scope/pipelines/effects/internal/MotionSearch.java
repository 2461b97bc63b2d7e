package dev.scope.pipelines.effects.internal;

import java.util.Arrays;

import dev.scope.pipeline.api.PixelOps;

/**
 * Block motion search for an in-between frame, coarse to fine on a {@link LumaPyramid}. For every
 * 16x16 block of the new frame it finds the motion {@code m} (full-resolution pixels, prev to
 * cur) for which {@code prev} at {@code p - a} best matches {@code cur} at {@code p + b}, where
 * {@code a = floor(m / 2)} and {@code b = m - a}: the block is matched from where it stands in
 * the new frame, halfway, so every pixel of that frame gets a vector (no holes, no overlaps).
 *
 * <p>The cost of a motion is the sum of absolute luma differences over a window plus a penalty
 * times {@code |mx| + |my|}, which keeps flat and ambiguous areas still:
 *
 * <ol>
 * <li>quarter resolution, per 32x32 macroblock (its 8x8 quarter pixels and {@value #MARGIN}
 * more on each side, for context): every motion
 * {@code |mx|, |my| <= radius} quarter pixels, penalty {@value #QUARTER_PENALTY};</li>
 * <li>half resolution, per block (8x8): {@code 2 m + d} from the block's macroblock,
 * {@code d} in {-1, 0, 1}^2, penalty {@value #HALF_PENALTY};</li>
 * <li>full resolution, per block (16x16, every other row): {@code 2 m + d} again, penalty
 * {@value #FULL_PENALTY};</li>
 * <li>{@value #PROPAGATIONS} rounds in which each block takes the motion of its left, right,
 * upper or lower neighbour (of the round before), or one of the {@value #GLOBALS} most frequent
 * motions other than zero after step 3 (more frequent first, then lower {@code (my, mx)}), if
 * that costs it strictly less: good motion spreads into blocks the coarse levels misled
 * (repetitive texture, the edges of moving objects).</li>
 * </ol>
 *
 * Each step tries {@code d = 0} (at the first, {@code m = 0}) first, then the others row by row,
 * and moves only for a strictly lower cost. Only window pixels inside the picture count; reads
 * outside it take the nearest edge pixel. The result does not depend on how the work is split.
 */
final class MotionSearch {

    static final int BLOCK = 16;
    static final int MACROBLOCK = 2 * BLOCK;
    /** The largest quarter-resolution radius: motion of 32 full pixels and a little more. */
    static final int MAX_RADIUS = 8;
    static final int QUARTER_PENALTY = 8;
    static final int HALF_PENALTY = 4;
    static final int FULL_PENALTY = 4;
    /** Full resolution costs count every other row of a block. */
    static final int FULL_ROW_STEP = 2;
    static final int PROPAGATIONS = 2;
    static final int GLOBALS = 2;
    /** Quarter pixels the coarse window reaches beyond its macroblock on each side. */
    static final int MARGIN = 2;
    static final int QUARTER_PAD = MAX_RADIUS / 2 + 1;
    static final int HALF_PAD = MAX_RADIUS + 2;
    static final int FULL_PAD = 2 * HALF_PAD;
    /** The number of values of one component of a motion: -LIMIT..LIMIT. */
    static final int LIMIT = 4 * MAX_RADIUS + 3;
    static final int RANGE = 2 * LIMIT + 1;
    /** The refinements {@code d} in the order they are tried. */
    static final int[] REFINE = {0, 0, -1, -1, 0, -1, 1, -1, -1, 0, 1, 0, -1, 1, 0, 1, 1, 1};
    /** The neighbours a block may take its motion from, in the order they are tried. */
    static final int[] NEIGHBOURS = {-1, 0, 1, 0, 0, -1, 0, 1};

    final int blocksX;
    final int blocksY;
    private final int macroX;
    private final int macroY;
    private final int[] macro;
    /** The motion {@code (mx, my)} of block {@code (bx, by)} at {@code 2 * (by * blocksX + bx)}. */
    private int[] vectors;
    private int[] costs;
    private int[] spareVectors;
    private int[] spareCosts;
    private final int[] globals = new int[2 * GLOBALS];
    private int globalCount;
    private final int[] histogram = new int[RANGE * RANGE];

    MotionSearch(int width, int height) {
        blocksX = (width + BLOCK - 1) / BLOCK;
        blocksY = (height + BLOCK - 1) / BLOCK;
        macroX = (width + MACROBLOCK - 1) / MACROBLOCK;
        macroY = (height + MACROBLOCK - 1) / MACROBLOCK;
        macro = new int[2 * macroX * macroY];
        vectors = new int[2 * blocksX * blocksY];
        spareVectors = new int[vectors.length];
        costs = new int[blocksX * blocksY];
        spareCosts = new int[costs.length];
    }

    /** @return the quarter-resolution radius that follows motion up to {@code range} pixels per axis */
    static int radius(int range) {
        return Math.min(MAX_RADIUS, Math.max(1, (range + 3) / 4));
    }

    /** @return the motions, {@code (mx, my)} of block {@code (bx, by)} at {@code 2 * (by * blocksX + bx)} */
    int[] vectors() {
        return vectors;
    }

    void clear() {
        Arrays.fill(vectors, 0);
    }

    /** Searches the motions from {@code prev} to {@code cur}, in bands of blocks run by {@code pixels}. */
    void search(LumaPyramid prev, LumaPyramid cur, int radius, PixelOps pixels) {
        if (radius < 1 || radius > MAX_RADIUS) {
            throw new IllegalArgumentException("radius must be 1.." + MAX_RADIUS + ", was " + radius);
        }
        pixels.inBands(macroY, macroX * MACROBLOCK * MACROBLOCK, (band, from, to) -> {
            for (int y = from; y < to; y++) {
                for (int x = 0; x < macroX; x++) {
                    coarse(prev.quarter, cur.quarter, radius, x, y);
                }
            }
        });
        pixels.inBands(blocksY, blocksX * BLOCK * BLOCK * 4, (band, from, to) -> {
            int[] m = new int[2];
            for (int by = from; by < to; by++) {
                for (int bx = 0; bx < blocksX; bx++) {
                    int k = 2 * (by / 2 * macroX + bx / 2);
                    m[0] = macro[k];
                    m[1] = macro[k + 1];
                    refine(prev.half, cur.half, 8 * bx, 8 * by, 8, 1, HALF_PENALTY, m);
                    int i = by * blocksX + bx;
                    costs[i] = refine(prev.full, cur.full, BLOCK * bx, BLOCK * by, BLOCK, FULL_ROW_STEP,
                            FULL_PENALTY, m);
                    vectors[2 * i] = m[0];
                    vectors[2 * i + 1] = m[1];
                }
            }
        });
        findGlobals();
        for (int round = 0; round < PROPAGATIONS; round++) {
            pixels.inBands(blocksY, blocksX * BLOCK * BLOCK * 4, (band, from, to) -> {
                for (int by = from; by < to; by++) {
                    for (int bx = 0; bx < blocksX; bx++) {
                        propagate(prev.full, cur.full, bx, by);
                    }
                }
            });
            int[] v = vectors;
            vectors = spareVectors;
            spareVectors = v;
            int[] c = costs;
            costs = spareCosts;
            spareCosts = c;
        }
    }

    /** Sets {@link #globals} to the most frequent motions other than zero, and their count. */
    private void findGlobals() {
        Arrays.fill(histogram, 0);
        for (int i = 0; i < vectors.length; i += 2) {
            histogram[(vectors[i + 1] + LIMIT) * RANGE + vectors[i] + LIMIT]++;
        }
        histogram[LIMIT * RANGE + LIMIT] = 0;
        globalCount = 0;
        for (int g = 0; g < GLOBALS; g++) {
            int best = -1;
            for (int i = 0; i < histogram.length; i++) {
                if (histogram[i] > 0 && (best < 0 || histogram[i] > histogram[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            histogram[best] = 0;
            globals[2 * g] = best % RANGE - LIMIT;
            globals[2 * g + 1] = best / RANGE - LIMIT;
            globalCount++;
        }
    }

    private void coarse(Plane p, Plane c, int radius, int mbx, int mby) {
        int x0 = Math.max(0, 8 * mbx - MARGIN);
        int y0 = Math.max(0, 8 * mby - MARGIN);
        int w = Math.min(8 * mbx + 8 + MARGIN, p.width) - x0;
        int h = Math.min(8 * mby + 8 + MARGIN, p.height) - y0;
        int best = cost(p, c, x0, y0, w, h, 1, 0, 0, 0, Integer.MAX_VALUE);
        int bestX = 0;
        int bestY = 0;
        for (int my = -radius; my <= radius; my++) {
            for (int mx = -radius; mx <= radius; mx++) {
                if (mx != 0 || my != 0) {
                    int cost = cost(p, c, x0, y0, w, h, 1, mx, my, QUARTER_PENALTY, best);
                    if (cost < best) {
                        best = cost;
                        bestX = mx;
                        bestY = my;
                    }
                }
            }
        }
        int k = 2 * (mby * macroX + mbx);
        macro[k] = bestX;
        macro[k + 1] = bestY;
    }

    /** Doubles {@code m} for the next level and moves it by the best {@code d}; returns its cost. */
    private static int refine(Plane p, Plane c, int x0, int y0, int size, int rowStep, int penalty, int[] m) {
        int w = Math.min(size, p.width - x0);
        int h = Math.min(size, p.height - y0);
        int cx = 2 * m[0];
        int cy = 2 * m[1];
        int best = Integer.MAX_VALUE;
        for (int i = 0; i < REFINE.length; i += 2) {
            int mx = cx + REFINE[i];
            int my = cy + REFINE[i + 1];
            int cost = cost(p, c, x0, y0, w, h, rowStep, mx, my, penalty, best);
            if (cost < best) {
                best = cost;
                m[0] = mx;
                m[1] = my;
            }
        }
        return best;
    }

    /** Block {@code (bx, by)} takes the motion of a neighbour that costs it strictly less than its own. */
    private void propagate(Plane p, Plane c, int bx, int by) {
        int x0 = BLOCK * bx;
        int y0 = BLOCK * by;
        int w = Math.min(BLOCK, p.width - x0);
        int h = Math.min(BLOCK, p.height - y0);
        int i = by * blocksX + bx;
        int mx = vectors[2 * i];
        int my = vectors[2 * i + 1];
        int best = costs[i];
        for (int j = 0; j < NEIGHBOURS.length + 2 * globalCount; j += 2) {
            int vx;
            int vy;
            if (j < NEIGHBOURS.length) {
                int nx = bx + NEIGHBOURS[j];
                int ny = by + NEIGHBOURS[j + 1];
                if (nx < 0 || ny < 0 || nx >= blocksX || ny >= blocksY) {
                    continue;
                }
                int n = 2 * (ny * blocksX + nx);
                vx = vectors[n];
                vy = vectors[n + 1];
            } else {
                vx = globals[j - NEIGHBOURS.length];
                vy = globals[j - NEIGHBOURS.length + 1];
            }
            if (vx == mx && vy == my) {
                continue;
            }
            int cost = cost(p, c, x0, y0, w, h, FULL_ROW_STEP, vx, vy, FULL_PENALTY, best);
            if (cost < best) {
                best = cost;
                mx = vx;
                my = vy;
            }
        }
        spareVectors[2 * i] = mx;
        spareVectors[2 * i + 1] = my;
        spareCosts[i] = best;
    }

    /**
     * @return the cost of motion {@code (mx, my)} over the window, or a partial cost of at least
     *         {@code limit} once it is reached
     */
    private static int cost(Plane p, Plane c, int x0, int y0, int w, int h, int rowStep, int mx, int my, int penalty,
            int limit) {
        int sum = penalty * (Math.abs(mx) + Math.abs(my));
        if (sum >= limit) {
            return sum;
        }
        int ax = Math.floorDiv(mx, 2);
        int ay = Math.floorDiv(my, 2);
        int[] a = p.values;
        int[] b = c.values;
        int ia = p.index(x0 - ax, y0 - ay);
        int ib = c.index(x0 + mx - ax, y0 + my - ay);
        int step = rowStep * p.stride;
        for (int y = 0; y < h; y += rowStep) {
            for (int x = 0; x < w; x++) {
                sum += Math.abs(a[ia + x] - b[ib + x]);
            }
            if (sum >= limit) {
                return sum;
            }
            ia += step;
            ib += step;
        }
        return sum;
    }
}
