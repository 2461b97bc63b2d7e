package dev.scope.pipelines.effects.internal;

import java.nio.IntBuffer;
import java.util.Arrays;
import java.util.function.Supplier;

import dev.scope.gpu.api.Gpu;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Params;

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
 * The map runs in 16-bit fixed point; at the defaults it is the identity and the frame is copied.
 * The OpenCL kernel runs the same fixed-point map, so both paths give the same levels. The stage
 * is memory-bound: {@code backend=auto} runs it on the device only for frames already there.
 */
final class ColorGradePipeline extends FrameEffect {

    /**
     * {@code grade}: {@link Grade#apply} on sixteen pixels a work-item (explicit vectors, which CPU
     * devices run much faster than a pixel a work-item), the matrix then the offset in
     * {@code m[0..9]}; the last work-item takes the {@code n % 16} pixels that remain one by one.
     * At the identity it gives the input's levels (the Java path copies the frame instead).
     */
    static final String SOURCE = """
            #define GRADE(T, r, g, b, m) \\
                (convert_##T(clamp((m[0] * r + m[1] * g + m[2] * b + m[9]) >> BITS, 0, 255)) \\
                | convert_##T(clamp((m[3] * r + m[4] * g + m[5] * b + m[9]) >> BITS, 0, 255)) << 8 \\
                | convert_##T(clamp((m[6] * r + m[7] * g + m[8] * b + m[9]) >> BITS, 0, 255)) << 16 | 0xFF000000u)

            __kernel void grade(__global const uint* src, __global uint* dst, __constant int* m, int n) {
                int i = get_global_id(0) * 16;
                if (i + 16 <= n) {
                    uint16 v = vload16(0, src + i);
                    int16 r = convert_int16(v & 0xFFu);
                    int16 g = convert_int16(v >> 8 & 0xFFu);
                    int16 b = convert_int16(v >> 16 & 0xFFu);
                    vstore16(GRADE(uint16, r, g, b, m), 0, dst + i);
                } else {
                    for (; i < n; i++) {
                        uint v = src[i];
                        int r = v & 0xFF;
                        int g = v >> 8 & 0xFF;
                        int b = v >> 16 & 0xFF;
                        dst[i] = GRADE(uint, r, g, b, m);
                    }
                }
            }
            """;

    /** Pixels a band grades at a time: small enough to stay in the first-level cache. */
    private static final int CHUNK = 4096;

    private int width;
    private int height;
    private Bands bands;
    private int[][] chunks;

    /** A grade on the Java path only. */
    ColorGradePipeline() {
        this(() -> null);
    }

    ColorGradePipeline(Supplier<Gpu> gpu) {
        super(gpu, false, SOURCE, "-DBITS=" + Grade.BITS);
    }

    @Override
    Effect effect(Params params) {
        Grade grade = Grade.of(params.getDouble("brightness", 0), params.getDouble("contrast", 1),
                params.getDouble("saturation", 1), params.getDouble("hue", 0));
        return new Effect(in -> apply(in, grade), (device, in, out) -> {
            int n = in.width() * in.height();
            device.kernel("grade").launch((n + 15) / 16, 1).arg(in).arg(out).arg(grade.constants()).arg(n).run();
        });
    }

    /** Streams the pixels through a small array per band: read, grade in place, write. */
    Frame apply(Frame in, Grade grade) {
        if (grade.isIdentity()) {
            return Frame.copyOf(in);
        }
        int w = in.width();
        int h = in.height();
        if (w != width || h != height) {
            width = w;
            height = h;
            bands = new Bands(h, w);
            chunks = new int[bands.count()][CHUNK];
        }
        Frame out = Frame.allocateUninitialized(w, h);
        IntBuffer src = Pixels.view(in);
        IntBuffer dst = Pixels.view(out);
        bands.run((band, from, to) -> {
            int[] px = chunks[band];
            for (int at = from * w, end = to * w; at < end; at += CHUNK) {
                int n = Math.min(CHUNK, end - at);
                src.get(at, px, 0, n);
                grade.apply(px, 0, n);
                dst.put(at, px, 0, n);
            }
        });
        return out;
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
                p[i] = r2 | g2 << 8 | b2 << 16 | Pixels.OPAQUE;
            }
        }
    }
}
