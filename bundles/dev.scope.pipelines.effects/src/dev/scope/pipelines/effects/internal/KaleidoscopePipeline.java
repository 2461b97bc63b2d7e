package dev.scope.pipelines.effects.internal;

import java.nio.ByteOrder;
import java.util.function.Supplier;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
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
 *
 * <p>The per-pixel work is in float: that halves the memory of the angle table and doubles the
 * lanes of every vector, and positions are within 1e-3 pixels of the exact ones (a sample may
 * come from the other neighbour where the exact position is that close to a half). The OpenCL
 * kernel does the same float operations in the same order on the same table (uploaded once per
 * size) and matrices, without fused multiply-adds, and multiplies by the reciprocal of the wedge
 * instead of dividing (OpenCL's float division need not be correctly rounded): so it samples
 * exactly the pixels the Java path samples.
 */
final class KaleidoscopePipeline extends FrameEffect {

    /**
     * {@code fold}: {@code p} holds turn, the reciprocal of the wedge, the centre's x and y, then
     * the matrices of wedges {@code first..}; {@code edge} is the ordinal of {@link Edge}.
     */
    static final String SOURCE = """
            #pragma OPENCL FP_CONTRACT OFF

            /* KaleidoscopePipeline.edge without branches, which vectorizes: every mode is computed and one
               selected; the float quotient is off by at most one, which the two corrections take back */
            int edge(int v, int size, int mode) {
                int period = mode == 0 ? size : 2 * size;
                int m = v - period * (int) floor((float) v / (float) period);
                m = m < 0 ? m + period : m >= period ? m - period : m;
                int mirrored = m < size ? m : period - 1 - m;
                return mode == 2 ? clamp(v, 0, size - 1) : mode == 0 ? m : mirrored;
            }

            __kernel void fold(__global const uint* src, __global uint* dst, __global const float* angles,
                               int width, int height, int first, __constant float* p, int mode) {
                int x = get_global_id(0);
                int y = get_global_id(1);
                int i = y * width + x;
                float cx = p[2];
                float cy = p[3];
                int m = 4 + 4 * ((int) floor((angles[i] - p[0]) * p[1]) - first);
                float dx = x - cx;
                float dy = y - cy;
                int sx = edge((int) floor(cx + p[m] * dx + p[m + 1] * dy + 0.5f), width, mode);
                int sy = edge((int) floor(cy + p[m + 2] * dx + p[m + 3] * dy + 0.5f), height, mode);
                dst[i] = src[sy * width + sx] | 0xFF000000u;
            }
            """;

    /** The settings of one frame. */
    record Settings(int segments, double rotationDegrees, double zoom, boolean mirror, Edge edge) {
    }

    private static final int TILE = 32;

    private long frame;
    private int width;
    private int height;
    private float[] angles = new float[0];
    private int angleWidth;
    private int angleHeight;
    private int[] src = new int[0];
    private int[] dst = new int[0];
    private Bands tileRows;

    /** A kaleidoscope on the Java path only. */
    KaleidoscopePipeline() {
        this(() -> null);
    }

    KaleidoscopePipeline(Supplier<Gpu> gpu) {
        super(gpu, true, SOURCE, "");
    }

    /** Turns the pattern by {@code spin} degrees every call; {@code init_cache} starts again. */
    @Override
    Effect effect(Params params) {
        if (params.getBoolean("init_cache", false)) {
            frame = 0;
        }
        double degrees = params.getDouble("rotation", 0) + params.getDouble("spin", 0) * frame++;
        Settings s = new Settings(params.getInt("segments", 6), degrees % 360, params.getDouble("zoom", 1),
                params.getBoolean("mirror", true), params.getEnum("edge", Edge.class, Edge.MIRROR));
        return new Effect(in -> render(in, s), (device, in, out) -> render(device, in, out, s));
    }

    /**
     * The wedges of one frame in float: its turn, the reciprocal of its wedge angle, and the
     * matrices of wedges {@code first..}.
     */
    private record Fold(float turn, float perWedge, int first, float[] matrices) {

        static Fold of(Settings s) {
            int segments = s.segments();
            double wedge = 2 * Math.PI / segments;
            double turn = Math.toRadians(s.rotationDegrees());
            // wedge k's matrix at 4 * (k - first), for every k that (atan2 - turn) / wedge can give
            double reach = Math.PI + Math.abs(turn);
            int first = (int) Math.floor(-reach / wedge) - 1;
            int last = (int) Math.ceil(reach / wedge) + 1;
            double[] m = KaleidoscopePipeline.matrices(segments, wedge, turn, s.mirror(), 1 / s.zoom(), first, last);
            float[] f = new float[m.length];
            for (int i = 0; i < m.length; i++) {
                f[i] = (float) m[i];
            }
            return new Fold((float) turn, (float) (1 / wedge), first, f);
        }
    }

    private void render(DeviceKernels device, DeviceFrame in, DeviceFrame out, Settings s) {
        int w = in.width();
        int h = in.height();
        Fold fold = Fold.of(s);
        float[] p = new float[4 + fold.matrices().length];
        p[0] = fold.turn();
        p[1] = fold.perWedge();
        p[2] = (w - 1) / 2f;
        p[3] = (h - 1) / 2f;
        System.arraycopy(fold.matrices(), 0, p, 4, fold.matrices().length);
        DeviceFrame table = device.table("angles", w, h, () -> angleFrame(w, h));
        device.kernel("fold").launch(w, h).arg(in).arg(out).arg(table).arg(w).arg(h).arg(fold.first()).arg(p)
                .arg(s.edge().ordinal()).run();
    }

    /** @return a host frame whose bytes are the angle table, floats in native order */
    private Frame angleFrame(int w, int h) {
        Frame table = Frame.allocateUninitialized(w, h);
        table.pixels().order(ByteOrder.nativeOrder()).asFloatBuffer().put(0, angles(w, h), 0, w * h);
        return table;
    }

    Frame render(Frame in, Settings s) {
        int w = in.width();
        int h = in.height();
        resize(w, h);
        Pixels.read(in, src);
        float cx = (w - 1) / 2f;
        float cy = (h - 1) / 2f;
        Fold fold = Fold.of(s);
        float perWedge = fold.perWedge();
        float turn = fold.turn();
        int first = fold.first();
        float[] matrices = fold.matrices();
        float[] a = angles(w, h);
        int[] source = src;
        int[] out = dst;
        Edge edge = s.edge();
        // tiles keep the (rotated) source reads of neighbouring pixels in cache
        tileRows.run((band, from, to) -> {
            for (int y0 = from * TILE; y0 < Math.min(to * TILE, h); y0 += TILE) {
                for (int x0 = 0; x0 < w; x0 += TILE) {
                    for (int y = y0; y < Math.min(y0 + TILE, h); y++) {
                        float dy = y - cy;
                        int row = y * w;
                        for (int x = x0; x < Math.min(x0 + TILE, w); x++) {
                            int m = 4 * ((int) Math.floor((a[row + x] - turn) * perWedge) - first);
                            float dx = x - cx;
                            int sx = edge((int) Math.floor(cx + matrices[m] * dx + matrices[m + 1] * dy + 0.5f), w, edge);
                            int sy = edge((int) Math.floor(cy + matrices[m + 2] * dx + matrices[m + 3] * dy + 0.5f), h, edge);
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
        tileRows = new Bands((h + TILE - 1) / TILE, TILE * w);
    }

    /** @return the polar angle of every pixel about the centre, in float, computed once per size */
    private float[] angles(int w, int h) {
        if (w == angleWidth && h == angleHeight) {
            return angles;
        }
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        float[] a = new float[w * h];
        new Bands(h, w).run((band, from, to) -> {
            for (int y = from; y < to; y++) {
                for (int x = 0; x < w; x++) {
                    a[y * w + x] = (float) Math.atan2(y - cy, x - cx);
                }
            }
        });
        angles = a;
        angleWidth = w;
        angleHeight = h;
        return a;
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
