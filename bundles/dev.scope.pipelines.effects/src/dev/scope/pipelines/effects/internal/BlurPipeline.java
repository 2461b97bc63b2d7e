package dev.scope.pipelines.effects.internal;

import java.util.function.Supplier;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Params;

/**
 * Separable gaussian blur of the red, green and blue planes with clamped edges: a horizontal and
 * a vertical pass of {@link Gaussian} weights in integer math, rounded to the nearest level once
 * at the end. The OpenCL path runs the same two passes through a device buffer of 16-bit
 * intermediate values (kept per size), so both paths give the same levels.
 */
final class BlurPipeline extends FrameEffect {

    /**
     * {@code rows}: each pixel's horizontal sum, rounded to 8 fractional bits (at most 255 * 256,
     * so 16 bits hold it); {@code columns}: the vertical sum of those, rounded to a level.
     * {@code weights[k]} is the weight of offsets {@code +-k}, summing to 2^GAUSS_BITS.
     */
    static final String SOURCE = """
            __kernel void rows(__global const uchar4* src, __global ushort4* tmp, int width,
                               __constant int* weights, int radius) {
                int x = get_global_id(0);
                int y = get_global_id(1);
                __global const uchar4* row = src + y * width;
                int4 acc = weights[0] * convert_int4(row[x]);
                if (x >= radius && x + radius < width) {
                    for (int k = 1; k <= radius; k++) {
                        acc += weights[k] * (convert_int4(row[x - k]) + convert_int4(row[x + k]));
                    }
                } else {
                    for (int k = 1; k <= radius; k++) {
                        acc += weights[k] * (convert_int4(row[max(x - k, 0)]) + convert_int4(row[min(x + k, width - 1)]));
                    }
                }
                tmp[y * width + x] = convert_ushort4((acc + (1 << (GAUSS_BITS - 9))) >> (GAUSS_BITS - 8));
            }

            __kernel void columns(__global const ushort4* tmp, __global uchar4* dst, int width, int height,
                                  __constant int* weights, int radius) {
                int x = get_global_id(0);
                int y = get_global_id(1);
                int4 acc = weights[0] * convert_int4(tmp[y * width + x]);
                if (y >= radius && y + radius < height) {
                    for (int k = 1; k <= radius; k++) {
                        acc += weights[k] * (convert_int4(tmp[(y - k) * width + x]) + convert_int4(tmp[(y + k) * width + x]));
                    }
                } else {
                    for (int k = 1; k <= radius; k++) {
                        acc += weights[k] * (convert_int4(tmp[max(y - k, 0) * width + x])
                                + convert_int4(tmp[min(y + k, height - 1) * width + x]));
                    }
                }
                int4 v = (acc + (1 << (2 * GAUSS_BITS - 7))) >> (2 * GAUSS_BITS - 6);
                dst[y * width + x] = (uchar4)((uchar) v.x, (uchar) v.y, (uchar) v.z, 255);
            }
            """;

    private Gaussian kernel;
    private int[] src = new int[0];
    private int[] dst = new int[0];
    private SeparableGaussian filter;

    /** A blur on the Java path only. */
    BlurPipeline() {
        this(() -> null);
    }

    BlurPipeline(Supplier<Gpu> gpu) {
        super(gpu, true, SOURCE, "-DGAUSS_BITS=" + Gaussian.BITS);
    }

    @Override
    Effect effect(Params params) {
        double sigma = params.getDouble("sigma", 2.0);
        if (kernel == null || kernel.sigma() != sigma) {
            kernel = Gaussian.of(sigma);
        }
        Gaussian g = kernel;
        return new Effect(in -> blur(in, g), (device, in, out) -> blur(device, g, in, out));
    }

    private static void blur(DeviceKernels device, Gaussian g, DeviceFrame in, DeviceFrame out) {
        int w = in.width();
        int h = in.height();
        int[] weights = g.halfWeights();
        DeviceFrame tmp = device.scratch("rows", w, h, 8);
        device.kernel("rows").launch(w, h).arg(in).arg(tmp).arg(w).arg(weights).arg(g.radius()).run();
        device.kernel("columns").launch(w, h).arg(tmp).arg(out).arg(w).arg(h).arg(weights).arg(g.radius()).run();
    }

    Frame blur(Frame in, Gaussian g) {
        int w = in.width();
        int h = in.height();
        if (filter == null || !filter.fits(w, h, 3)) {
            filter = new SeparableGaussian(w, h, 3);
            src = new int[w * h];
            dst = new int[w * h];
        }
        Pixels.read(in, src);
        int[] s = src;
        int[] d = dst;
        int round = 1 << (SeparableGaussian.SCALE_BITS - 1);
        int shift = SeparableGaussian.SCALE_BITS;
        filter.run(new Gaussian[] {g, g, g}, (band, y, rows, offset) -> {
            int[] r = rows[0];
            int[] gr = rows[1];
            int[] b = rows[2];
            for (int x = 0, i = y * w; x < w; x++, i++) {
                int v = s[i];
                r[offset + x] = v & 0xFF;
                gr[offset + x] = v >>> 8 & 0xFF;
                b[offset + x] = v >>> 16 & 0xFF;
            }
        }, (band, y, acc) -> {
            for (int x = 0, i = y * w; x < w; x++, i++) {
                d[i] = Pixels.pack((acc[x] + round) >> shift, (acc[w + x] + round) >> shift,
                        (acc[2 * w + x] + round) >> shift);
            }
        });
        return Pixels.frame(d, w, h);
    }
}
