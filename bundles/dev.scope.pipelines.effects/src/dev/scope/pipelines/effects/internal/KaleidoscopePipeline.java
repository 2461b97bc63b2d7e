package dev.scope.pipelines.effects.internal;

import java.util.function.UnaryOperator;

import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Params;
import dev.scope.pipelines.effects.internal.KaleidoscopeConfig.Edge;

/**
 * The picture folded into wedges around its centre. An output pixel at polar angle {@code a}
 * (from the centre {@code ((w - 1) / 2, (h - 1) / 2)}) lies in wedge {@code k = floor((a - turn)
 * / wedge)}; it samples the source, nearest pixel, at the same radius divided by the zoom and at
 * the angle {@code a - k wedge}, or, in odd wedges when mirroring, at that angle reflected inside
 * the first wedge.
 *
 * <p>So each wedge is a rotation (or a reflection) of the output position: the polar angle of
 * every pixel is computed once per size, and per frame only the matrices of those rotations and
 * reflections, one per wedge (a table of cosines and sines), so the per-pixel work has no
 * trigonometry: a division for the wedge, a 2x2 matrix product, and the read.
 */
final class KaleidoscopePipeline extends FrameEffect {

    /** The settings of one frame. */
    record Settings(int segments, double rotationDegrees, double zoom, boolean mirror, Edge edge) {
    }

    private static final int TILE = 32;

    private long frame;
    private int width;
    private int height;
    private double[] angles = new double[0];
    private int[] src = new int[0];
    private int[] dst = new int[0];
    private Bands bands;
    private Bands tileRows;

    /** Turns the pattern by {@code spin} degrees every call; {@code init_cache} starts again. */
    @Override
    UnaryOperator<Frame> effect(Params params) {
        if (params.getBoolean("init_cache", false)) {
            frame = 0;
        }
        double degrees = params.getDouble("rotation", 0) + params.getDouble("spin", 0) * frame++;
        Settings s = new Settings(params.getInt("segments", 6), degrees % 360, params.getDouble("zoom", 1),
                params.getBoolean("mirror", true), params.getEnum("edge", Edge.class, Edge.MIRROR));
        return f -> render(f, s);
    }

    Frame render(Frame in, Settings s) {
        int w = in.width();
        int h = in.height();
        resize(w, h);
        Pixels.read(in, src);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        int segments = s.segments();
        double wedge = 2 * Math.PI / segments;
        double turn = Math.toRadians(s.rotationDegrees());
        // wedge k's matrix at 4 * (k - first), for every k that (atan2 - turn) / wedge can give
        double reach = Math.PI + Math.abs(turn);
        int first = (int) Math.floor(-reach / wedge) - 1;
        int last = (int) Math.ceil(reach / wedge) + 1;
        double[] matrices = matrices(segments, wedge, turn, s.mirror(), 1 / s.zoom(), first, last);
        double[] a = angles;
        int[] source = src;
        int[] out = dst;
        Edge edge = s.edge();
        // tiles keep the (rotated) source reads of neighbouring pixels in cache
        tileRows.run((band, from, to) -> {
            for (int y0 = from * TILE; y0 < Math.min(to * TILE, h); y0 += TILE) {
                for (int x0 = 0; x0 < w; x0 += TILE) {
                    for (int y = y0; y < Math.min(y0 + TILE, h); y++) {
                        double dy = y - cy;
                        int row = y * w;
                        for (int x = x0; x < Math.min(x0 + TILE, w); x++) {
                            int m = 4 * ((int) Math.floor((a[row + x] - turn) / wedge) - first);
                            double dx = x - cx;
                            int sx = edge((int) Math.floor(cx + matrices[m] * dx + matrices[m + 1] * dy + 0.5), w, edge);
                            int sy = edge((int) Math.floor(cy + matrices[m + 2] * dx + matrices[m + 3] * dy + 0.5), h, edge);
                            out[row + x] = source[sy * w + sx] | Pixels.OPAQUE;
                        }
                    }
                }
            }
        });
        return Pixels.frame(out, w, h);
    }

    /**
     * @return for each wedge {@code k} from {@code first} to {@code last}, at {@code 4 * (k - first)},
     *         the 2x2 matrix (row-major, scaled) taking an output offset from the centre to the
     *         source offset
     */
    static double[] matrices(int segments, double wedge, double turn, boolean mirror, double scale, int first,
            int last) {
        double[] m = new double[4 * (last - first + 1)];
        for (int k = first; k <= last; k++) {
            int j = 4 * (k - first);
            int turns = Math.floorMod(k, segments);
            if (mirror && (k & 1) != 0) {
                // reflection about the line at angle turn + (k + 1) wedge / 2
                double twice = Math.floorMod(k + 1, segments) * wedge + 2 * turn;
                double c = Math.cos(twice) * scale;
                double s = Math.sin(twice) * scale;
                m[j] = c;
                m[j + 1] = s;
                m[j + 2] = s;
                m[j + 3] = -c;
            } else {
                // rotation by -k wedge
                double c = Math.cos(turns * wedge) * scale;
                double s = Math.sin(turns * wedge) * scale;
                m[j] = c;
                m[j + 1] = s;
                m[j + 2] = -s;
                m[j + 3] = c;
            }
        }
        return m;
    }

    private void resize(int w, int h) {
        if (w == width && h == height) {
            return;
        }
        width = w;
        height = h;
        src = new int[w * h];
        dst = new int[w * h];
        angles = new double[w * h];
        bands = new Bands(h, w);
        tileRows = new Bands((h + TILE - 1) / TILE, TILE * w);
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        double[] a = angles;
        bands.run((band, from, to) -> {
            for (int y = from; y < to; y++) {
                for (int x = 0; x < w; x++) {
                    a[y * w + x] = Math.atan2(y - cy, x - cx);
                }
            }
        });
    }

    static int edge(int v, int size, Edge mode) {
        if (v >= 0 && v < size) {
            return v;
        }
        return switch (mode) {
            case WRAP -> Math.floorMod(v, size);
            case CLAMP -> v < 0 ? 0 : size - 1;
            case MIRROR -> {
                int period = 2 * size;
                int m = Math.floorMod(v, period);
                yield m < size ? m : period - 1 - m;
            }
        };
    }
}
