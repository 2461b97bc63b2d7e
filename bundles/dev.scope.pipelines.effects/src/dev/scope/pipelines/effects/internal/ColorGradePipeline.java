package dev.scope.pipelines.effects.internal;

import java.util.Arrays;
import java.util.Optional;

import dev.scope.gpu.api.Gpu;
import dev.scope.pipeline.api.CallContext;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameEffect;

/**
 * A colour grade as one affine map of RGB. With levels {@code v} in 0..255, contrast {@code c}
 * and brightness {@code b}:
 *
 * <pre>
 * out = clamp(round(c * (M v + 255 b - 127.5) + 127.5))      M = S(saturation) * R(hue)
 * </pre>
 *
 * where {@code R} rotates colours about the grey axis (1, 1, 1) and {@code S} scales the
 * distance from BT.601 luma. Both keep greys grey, so brightness and contrast commute with them.
 * The map runs in 16-bit fixed point, made in {@link #configure}; at the defaults it is the
 * identity and the inputs go on as they are ({@link #isIdentity}). The OpenCL kernel
 * ({@code color-grade.cl}) runs the same fixed-point map, so both paths give the same levels.
 */
final class ColorGradePipeline implements FrameEffect<ColorGradeConfig> {

    /** Pixels a band grades at a time: small enough to stay in the first-level cache. */
    private static final int CHUNK = 4096;

    private final DeviceKernels device = new DeviceKernels(ColorGradePipeline.class, "color-grade.cl",
            "-DBITS=" + Grade.BITS);
    private Grade grade;
    /** The grade's matrix and offset, for the kernel. */
    private int[] constants;
    private int width;
    private int[][] chunks = new int[0][];

    @Override
    public void configure(ColorGradeConfig params) {
        grade = Grade.of(params.brightness, params.contrast, params.saturation, params.hue);
        constants = grade.constants();
    }

    /** @return whether the grade {@link #configure} made from these parameters is the identity */
    @Override
    public boolean isIdentity(ColorGradeConfig params) {
        return grade.isIdentity();
    }

    @Override
    public Frame apply(Frame in, ColorGradeConfig params, CallContext context) {
        Optional<Gpu> gpu = context.device(Gpu.class);
        if (gpu.isPresent()) {
            return device.apply(gpu.get(), in, (src, out) -> {
                int n = src.width() * src.height();
                device.kernel("grade").launch((n + 15) / 16, 1).in(src).out(out).arg(constants).arg(n).run();
            });
        }
        return apply(in, context);
    }

    /** Streams the pixels through a small array per band: read whole rows, grade in place, write. */
    private Frame apply(Frame in, CallContext context) {
        int w = in.width();
        int h = in.height();
        int rowsPerChunk = Math.max(1, CHUNK / w);
        int bands = context.pixels().bands(h, w);
        if (w != width || chunks.length != bands) {
            width = w;
            chunks = new int[bands][rowsPerChunk * w];
        }
        Frame out = context.frames().allocateUninitialized(w, h);
        try {
            Grade g = grade;
            context.pixels().inBands(h, w, (band, from, to) -> {
                int[] px = chunks[band];
                for (int y = from; y < to; y += rowsPerChunk) {
                    int rows = Math.min(rowsPerChunk, to - y);
                    in.readRows(y, rows, px, 0);
                    g.apply(px, 0, rows * w);
                    out.writeRows(y, rows, px, 0);
                }
            });
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    /** Releases the device memory. */
    @Override
    public void close() {
        device.close();
    }

    /**
     * The map in fixed point: {@code out_c = clamp((sum_j m[3c + j] v_j + offset) >> 16)}, the
     * offset holding the rounding half.
     */
    record Grade(int[] m, int offset) {

        static final int BITS = 16;

        static Grade of(double brightness, double contrast, double saturation, double hueDegrees) {
            double[] matrix = matrix(saturation, hueDegrees);
            int[] m = new int[9];
            for (int i = 0; i < 9; i++) {
                m[i] = (int) Math.round(contrast * matrix[i] * (1 << BITS));
            }
            double offset = contrast * (255 * brightness - 127.5) + 127.5;
            return new Grade(m, (int) Math.round(offset * (1 << BITS)) + (1 << (BITS - 1)));
        }

        /** @return {@code S(saturation) * R(hue)}, row-major */
        static double[] matrix(double saturation, double hueDegrees) {
            double theta = Math.toRadians(hueDegrees);
            double cos = Math.cos(theta);
            double sin = Math.sin(theta) / Math.sqrt(3);
            double third = (1 - cos) / 3;
            // Rodrigues' rotation about (1, 1, 1) / sqrt(3)
            double[] r = {
                cos + third, third - sin, third + sin,
                third + sin, cos + third, third - sin,
                third - sin, third + sin, cos + third,
            };
            double[] luma = {0.299, 0.587, 0.114};
            double[] m = new double[9];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double v = 0;
                    for (int k = 0; k < 3; k++) {
                        double s = (1 - saturation) * luma[k] + (i == k ? saturation : 0);
                        v += s * r[k * 3 + j];
                    }
                    m[i * 3 + j] = v;
                }
            }
            return m;
        }

        /** @return the matrix, then the offset */
        int[] constants() {
            int[] c = Arrays.copyOf(m, 10);
            c[9] = offset;
            return c;
        }

        boolean isIdentity() {
            int one = 1 << BITS;
            return m[0] == one && m[4] == one && m[8] == one && m[1] == 0 && m[2] == 0 && m[3] == 0
                    && m[5] == 0 && m[6] == 0 && m[7] == 0 && offset == 1 << (BITS - 1);
        }

        /** Grades {@code p[from..to)} in place. */
        void apply(int[] p, int from, int to) {
            int m0 = m[0], m1 = m[1], m2 = m[2], m3 = m[3], m4 = m[4], m5 = m[5], m6 = m[6], m7 = m[7], m8 = m[8];
            int o = offset;
            for (int i = from; i < to; i++) {
                int v = p[i];
                int r = v & 0xFF;
                int g = v >>> 8 & 0xFF;
                int b = v >>> 16 & 0xFF;
                int r2 = Math.min(Math.max((m0 * r + m1 * g + m2 * b + o) >> BITS, 0), 255);
                int g2 = Math.min(Math.max((m3 * r + m4 * g + m5 * b + o) >> BITS, 0), 255);
                int b2 = Math.min(Math.max((m6 * r + m7 * g + m8 * b + o) >> BITS, 0), 255);
                p[i] = r2 | g2 << 8 | b2 << 16 | Frame.OPAQUE;
            }
        }
    }
}
