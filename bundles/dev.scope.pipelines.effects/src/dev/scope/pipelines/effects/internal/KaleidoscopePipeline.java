package dev.scope.pipelines.effects.internal;

import java.util.List;
import java.util.Optional;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuBuffer;
import dev.scope.pipeline.api.CallContext;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameEffect;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.PixelOps;
import dev.scope.pipelines.effects.internal.KaleidoscopeConfig.Edge;

/**
 * The picture folded into wedges around its centre. An output pixel at polar angle {@code a}
 * (from the centre {@code ((w - 1) / 2, (h - 1) / 2)}) lies in wedge {@code k = floor((a - turn)
 * / wedge)}; it samples the source, nearest pixel, at the same radius divided by the zoom and at
 * the angle {@code a - k wedge}, or, in odd wedges when mirroring, at that angle reflected inside
 * the first wedge. The turn is {@code rotation + spin * n} degrees at the {@code n}-th call since
 * {@code init_cache}.
 *
 * <p>So each wedge is a rotation (or a reflection) of the output position: the polar angle of
 * every pixel is computed once per size ({@link AngleTable}, shared by every instance), and only
 * the matrices of those rotations and
 * reflections, one per wedge (a table of cosines and sines): in {@link #configure}, and again for
 * each call while the pattern spins. The per-pixel work has no trigonometry: a division for the
 * wedge, a 2x2 matrix product, and the read.
 *
 * <p>The per-pixel work is in float: that halves the memory of the angle table and doubles the
 * lanes of every vector, and positions are within 1e-3 pixels of the exact ones (a sample may
 * come from the other neighbour where the exact position is that close to a half). The OpenCL
 * kernel ({@code kaleidoscope.cl}) does the same float operations in the same order on the same
 * table (uploaded once per size) and matrices, without fused multiply-adds, and multiplies by the
 * reciprocal of the wedge instead of dividing (OpenCL's float division need not be correctly
 * rounded): so it samples exactly the pixels the Java path samples. A work item there folds
 * a block of four by four pixels: where they lie in one wedge (most blocks), their matrix is read
 * once for all sixteen, and the edge rule runs only where a sample falls outside.
 */
final class KaleidoscopePipeline implements FrameEffect<KaleidoscopeConfig> {

    private static final int TILE = 32;

    private final DeviceKernels device = new DeviceKernels(KaleidoscopePipeline.class, "kaleidoscope.cl", "");
    /** Calls since {@code init_cache}. */
    private long frame;
    /** The wedges of this call. */
    private Fold fold;
    private int width;
    private int height;
    /** The angles of the last size this instance folded. */
    private AngleTable table;
    private int[] src = new int[0];
    private int[] dst = new int[0];

    /**
     * The wedges of one turn in float: the turn, the reciprocal of the wedge angle, and the
     * matrices of wedges {@code first..}.
     *
     * @param degrees the turn in degrees, as the parameters gave it
     */
    private record Fold(double degrees, float turn, float perWedge, int first, float[] matrices) {

        static Fold of(KaleidoscopeConfig p, double degrees) {
            int segments = p.segments;
            double wedge = 2 * Math.PI / segments;
            double turn = Math.toRadians(degrees);
            // wedge k's matrix at 4 * (k - first), for every k that (atan2 - turn) / wedge can give
            double reach = Math.PI + Math.abs(turn);
            int first = (int) Math.floor(-reach / wedge) - 1;
            int last = (int) Math.ceil(reach / wedge) + 1;
            double[] m = KaleidoscopePipeline.matrices(segments, wedge, turn, p.mirror, 1 / p.zoom, first, last);
            float[] f = new float[m.length];
            for (int i = 0; i < m.length; i++) {
                f[i] = (float) m[i];
            }
            return new Fold(degrees, (float) turn, (float) (1 / wedge), first, f);
        }
    }

    @Override
    public void configure(KaleidoscopeConfig params) {
        fold = Fold.of(params, params.rotation % 360);
    }

    /** Turns the pattern by {@code spin} degrees every call; {@code init_cache} starts again. */
    @Override
    public Output call(List<Frame> video, KaleidoscopeConfig params, CallContext context) throws Exception {
        if (context.initCache()) {
            frame = 0;
        }
        double degrees = (params.rotation + params.spin * frame++) % 360;
        if (degrees != fold.degrees()) {
            fold = Fold.of(params, degrees);
        }
        return FrameEffect.super.call(video, params, context);
    }

    @Override
    public Frame apply(Frame in, KaleidoscopeConfig params, CallContext context) {
        Optional<Gpu> gpu = context.device(Gpu.class);
        if (gpu.isPresent()) {
            return device.apply(gpu.get(), in, (src, out) -> render(src, out, params.edge, context.pixels()));
        }
        return render(in, params.edge, context);
    }

    private void render(Frame in, DeviceFrame out, Edge edge, PixelOps pixels) {
        int w = in.width();
        int h = in.height();
        Fold f = fold;
        float[] p = new float[4 + f.matrices().length];
        p[0] = f.turn();
        p[1] = f.perWedge();
        p[2] = (w - 1) / 2f;
        p[3] = (h - 1) / 2f;
        System.arraycopy(f.matrices(), 0, p, 4, f.matrices().length);
        GpuBuffer angleTable = device.table("angles", (long) w << 32 | h, () -> angles(w, h, pixels).bits());
        device.kernel("fold").launch((w + 3) / 4, (h + 3) / 4).in(in).out(out).arg(angleTable).arg(w).arg(h).arg(f.first()).arg(p)
                .arg(edge.ordinal()).run();
    }

    private Frame render(Frame in, Edge edge, CallContext context) {
        int w = in.width();
        int h = in.height();
        resize(w, h);
        in.read(src);
        float cx = (w - 1) / 2f;
        float cy = (h - 1) / 2f;
        Fold f = fold;
        float perWedge = f.perWedge();
        float turn = f.turn();
        int first = f.first();
        float[] matrices = f.matrices();
        float[] a = angles(w, h, context.pixels()).angles();
        int[] source = src;
        int[] out = dst;
        // tiles keep the (rotated) source reads of neighbouring pixels in cache
        context.pixels().inBands((h + TILE - 1) / TILE, TILE * w, (band, from, to) -> {
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
                            out[row + x] = source[sy * w + sx] | Frame.OPAQUE;
                        }
                    }
                }
            }
        });
        return context.frames().of(w, h, out);
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
    }

    /** @return the angles of that size, held here while the size stays (the shared table otherwise) */
    private AngleTable angles(int w, int h, PixelOps pixels) {
        if (table == null || !table.fits(w, h)) {
            table = AngleTable.of(w, h, pixels);
        }
        return table;
    }

    /** Releases the device memory. */
    @Override
    public void close() {
        device.close();
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
