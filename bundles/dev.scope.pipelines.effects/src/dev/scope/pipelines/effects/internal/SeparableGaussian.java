package dev.scope.pipelines.effects.internal;

import java.util.Arrays;

import dev.scope.pipeline.api.PixelOps;

/**
 * Gaussian filtering of planes of 8-bit values, edges clamped, in two passes of integer math:
 * horizontal to 8 fractional bits, then vertical, which hands each finished row to a
 * {@link Store} at {@link #SCALE_BITS} fractional bits. Every plane may have its own kernel.
 *
 * <p>Holds the scratch memory for one picture size; the work is split into bands of rows
 * ({@link PixelOps#inBands}). Not thread-safe: one {@link #run} at a time.
 */
final class SeparableGaussian {

    /** Fractional bits of the values handed to {@link Store#store}. */
    static final int SCALE_BITS = 2 * Gaussian.BITS - 6;

    /** Fills one row of every plane. */
    @FunctionalInterface
    interface Loader {
        /** Writes row {@code y} of plane {@code p} to {@code rows[p][offset + x]}, {@code x < width}. */
        void load(int band, int y, int[][] rows, int offset);
    }

    /** Takes one filtered row of every plane. */
    @FunctionalInterface
    interface Store {
        /**
         * @param acc plane {@code p} of row {@code y} at {@code acc[p * width + x]}, in units of
         *        {@code 2^-SCALE_BITS}
         */
        void store(int band, int y, int[] acc);
    }

    private final int width;
    private final int height;
    private final int planes;
    private final int[] tmp;
    private int[][] acc = new int[0][];
    private int[][][] rows = new int[0][][];

    SeparableGaussian(int width, int height, int planes) {
        this.width = width;
        this.height = height;
        this.planes = planes;
        this.tmp = new int[Math.multiplyExact(width * planes, height)];
    }

    boolean fits(int width, int height, int planes) {
        return this.width == width && this.height == height && this.planes == planes;
    }

    /**
     * Filters plane {@code p} with {@code kernels[p]}: loads every row, filters, then stores every
     * row, each from the band that owns it.
     *
     * @param pixels runs the bands
     */
    void run(Gaussian[] kernels, Loader loader, Store store, PixelOps pixels) {
        if (kernels.length != planes) {
            throw new IllegalArgumentException(kernels.length + " kernels for " + planes + " planes");
        }
        int pad = 0;
        for (Gaussian g : kernels) {
            pad = Math.max(pad, g.radius());
        }
        int offset = pad;
        int count = pixels.bands(height, width * planes);
        if (acc.length != count) {
            acc = new int[count][planes * width];
            rows = new int[count][][];
        }
        pixels.inBands(height, width * planes, (band, from, to) -> {
            int[][] padded = rows(band, width + 2 * offset);
            for (int y = from; y < to; y++) {
                loader.load(band, y, padded, offset);
                for (int p = 0; p < planes; p++) {
                    int[] row = padded[p];
                    Arrays.fill(row, 0, offset, row[offset]);
                    Arrays.fill(row, offset + width, offset + width + offset, row[offset + width - 1]);
                    horizontal(kernels[p], row, offset, (y * planes + p) * width);
                }
            }
        });
        pixels.inBands(height, width * planes, (band, from, to) -> {
            int[] a = acc[band];
            for (int y = from; y < to; y++) {
                for (int p = 0; p < planes; p++) {
                    vertical(kernels[p], y, p, a);
                }
                store.store(band, y, a);
            }
        });
    }

    private int[][] rows(int band, int length) {
        int[][] r = rows[band];
        if (r == null || r[0].length < length) {
            r = new int[planes][length];
            rows[band] = r;
        }
        return r;
    }

    /** One row: {@code tmp[o + x] = sum_k w(k) in[offset + x + k]}, rounded to 8 fractional bits. */
    private void horizontal(Gaussian g, int[] in, int offset, int o) {
        int[] t = tmp;
        int n = width;
        int w0 = g.weight(0);
        for (int x = 0; x < n; x++) {
            t[o + x] = w0 * in[offset + x];
        }
        for (int k = 1; k <= g.radius(); k++) {
            int wk = g.weight(k);
            int left = offset - k;
            int right = offset + k;
            for (int x = 0; x < n; x++) {
                t[o + x] += wk * (in[left + x] + in[right + x]);
            }
        }
        int round = 1 << (Gaussian.BITS - 9);
        for (int x = 0; x < n; x++) {
            t[o + x] = (t[o + x] + round) >> (Gaussian.BITS - 8);
        }
    }

    private void vertical(Gaussian g, int y, int p, int[] a) {
        int[] t = tmp;
        int n = width;
        int o = p * width;
        int centre = (y * planes + p) * width;
        int w0 = g.weight(0);
        for (int x = 0; x < n; x++) {
            a[o + x] = w0 * t[centre + x];
        }
        int last = height - 1;
        for (int k = 1; k <= g.radius(); k++) {
            int wk = g.weight(k);
            int up = (Math.max(y - k, 0) * planes + p) * width;
            int down = (Math.min(y + k, last) * planes + p) * width;
            for (int x = 0; x < n; x++) {
                a[o + x] += wk * (t[up + x] + t[down + x]);
            }
        }
    }
}
