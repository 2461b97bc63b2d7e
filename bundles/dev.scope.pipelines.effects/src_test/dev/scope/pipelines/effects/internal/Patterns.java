package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.IntBinaryOperator;

import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;

/** Generated test pictures and plain per-pixel access for the effect tests. Stateless. */
final class Patterns {

    /** Sizes every effect must handle, from a single pixel up. */
    static final List<int[]> SIZES = List.of(new int[] {1, 1}, new int[] {1, 7}, new int[] {7, 1},
            new int[] {2, 2}, new int[] {17, 13}, new int[] {64, 48}, new int[] {131, 67}, new int[] {200, 180});

    private Patterns() {
    }

    /**
     * @return a new frame whose pixel (x, y) is {@code rgb.applyAsInt(x, y)} ({@code 0xRRGGBB}), its
     *         padding bytes {@code 0x5A} (so that a test sees which effects set them)
     */
    static Frame frame(FrameAllocator frames, int width, int height, IntBinaryOperator rgb) {
        int[] p = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int v = rgb.applyAsInt(x, y);
                p[y * width + x] = (v >> 16 & 0xFF) | (v & 0xFF00) | (v & 0xFF) << 16 | 0x5A00_0000;
            }
        }
        return frames.of(width, height, p);
    }

    /** @return the packed pixels of a frame (see {@link Frame}) */
    static int[] pixels(Frame f) {
        int[] p = new int[f.width() * f.height()];
        f.read(p);
        return p;
    }

    /**
     * A test-pattern-like picture, shifted by {@code (dx, dy)}: colour gradients, bars, a disc
     * and hashed noise, so that it has flat areas, sharp edges and texture.
     */
    static Frame colourful(FrameAllocator frames, int width, int height, int dx, int dy) {
        return frame(frames, width, height, (x0, y0) -> {
            int x = x0 - dx;
            int y = y0 - dy;
            int r = Math.floorMod(x * 255 / Math.max(1, width - 1), 256);
            int g = Math.floorMod(y * 255 / Math.max(1, height - 1), 256);
            int b = Math.floorMod(x / 7 + y / 5, 2) == 0 ? 230 : 25;
            int cx = x - width / 2;
            int cy = y - height / 3;
            if (cx * cx + cy * cy < width * height / 16) {
                r = 250;
                g = 240;
                b = 10;
            }
            int noise = hash(x, y) & 31;
            return clamp(r + noise - 16) << 16 | clamp(g + (noise >> 1) - 8) << 8 | clamp(b - noise + 16);
        });
    }

    static int hash(int x, int y) {
        int h = x * 0x9E3779B1 ^ y * 0x85EBCA77;
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        return h ^ h >>> 12;
    }

    static int clamp(int v) {
        return v < 0 ? 0 : Math.min(v, 255);
    }

    /** @return channel {@code c} (0 red, 1 green, 2 blue) of pixel (x, y) */
    static int at(Frame f, int x, int y, int c) {
        int[] row = new int[f.width()];
        f.readRows(y, 1, row, 0);
        return row[x] >>> 8 * c & 0xFF;
    }

    /** @return the frame's levels as {@code [c][y][x]} */
    static int[][][] channels(Frame f) {
        int w = f.width();
        int h = f.height();
        int[] p = pixels(f);
        int[][][] out = new int[3][h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    out[c][y][x] = p[y * w + x] >>> 8 * c & 0xFF;
                }
            }
        }
        return out;
    }

    /**
     * @return the BT.601 luma of every pixel as {@code [y][x]}, as the {@code gray} pipeline
     *         defines it: weights 19595, 38470 and 7471 over 2^16, rounded
     */
    static int[][] luma(Frame f) {
        int[][][] c = channels(f);
        int h = f.height();
        int w = f.width();
        int[][] y = new int[h][w];
        for (int j = 0; j < h; j++) {
            for (int i = 0; i < w; i++) {
                y[j][i] = (19595 * c[0][j][i] + 38470 * c[1][j][i] + 7471 * c[2][j][i] + 32768) / 65536;
            }
        }
        return y;
    }

    /** @return the largest difference of a level between two frames of one size */
    static int maxDiff(Frame a, Frame b) {
        assertEquals(a.width(), b.width());
        assertEquals(a.height(), b.height());
        int[] p = pixels(a);
        int[] q = pixels(b);
        int max = 0;
        for (int i = 0; i < p.length; i++) {
            for (int shift = 0; shift < 24; shift += 8) {
                max = Math.max(max, Math.abs((p[i] >>> shift & 0xFF) - (q[i] >>> shift & 0xFF)));
            }
        }
        return max;
    }

    /** Asserts that every level of {@code actual} is within {@code tolerance} of {@code expected[c][y][x]}. */
    static void assertLevels(int[][][] expected, Frame actual, int tolerance, String what) {
        int[][][] a = channels(actual);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < actual.height(); y++) {
                for (int x = 0; x < actual.width(); x++) {
                    int d = Math.abs(a[c][y][x] - expected[c][y][x]);
                    if (d > tolerance) {
                        throw new AssertionError(what + ": channel " + c + " at (" + x + ", " + y + ") is "
                                + a[c][y][x] + ", reference " + expected[c][y][x] + " (tolerance " + tolerance + ")");
                    }
                }
            }
        }
    }

    /** Asserts every padding byte is 0xFF, as the effects write them. */
    static void assertOpaque(Frame f) {
        int[] p = pixels(f);
        for (int i = 0; i < p.length; i++) {
            assertTrue(p[i] >>> 24 == 0xFF, "padding byte of pixel " + i);
        }
    }

    /** A plain separable gaussian of a plane, from the definition, in doubles, edges clamped. */
    static double[][] gaussian(double[][] plane, double sigma) {
        int h = plane.length;
        int w = plane[0].length;
        int r = (int) Math.ceil(3 * sigma);
        double[] g = new double[2 * r + 1];
        double sum = 0;
        for (int k = -r; k <= r; k++) {
            g[k + r] = Math.exp(-k * k / (2 * sigma * sigma));
            sum += g[k + r];
        }
        for (int k = 0; k < g.length; k++) {
            g[k] /= sum;
        }
        double[][] across = new double[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 0;
                for (int k = -r; k <= r; k++) {
                    v += g[k + r] * plane[y][Math.min(Math.max(x + k, 0), w - 1)];
                }
                across[y][x] = v;
            }
        }
        double[][] out = new double[h][w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 0;
                for (int k = -r; k <= r; k++) {
                    v += g[k + r] * across[Math.min(Math.max(y + k, 0), h - 1)][x];
                }
                out[y][x] = v;
            }
        }
        return out;
    }

    static double[][] toDouble(int[][] plane) {
        double[][] d = new double[plane.length][];
        for (int y = 0; y < plane.length; y++) {
            d[y] = java.util.Arrays.stream(plane[y]).asDoubleStream().toArray();
        }
        return d;
    }
}
