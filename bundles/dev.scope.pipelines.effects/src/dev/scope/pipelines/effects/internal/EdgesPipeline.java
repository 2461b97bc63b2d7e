package dev.scope.pipelines.effects.internal;

import java.util.Optional;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuBuffer;
import dev.scope.pipeline.api.CallContext;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameEffect;
import dev.scope.pipeline.api.PixelOps;
import dev.scope.pipelines.effects.internal.EdgesConfig.Mode;

/**
 * Edges of the BT.601 luma {@code Y} (rounded to levels, edges clamped), as a grey picture.
 *
 * <ul>
 * <li>{@code sobel}: {@code e = strength * |(Gx, Gy)| / 4} with the 3x3 Sobel operators, so a
 * step from black to white gives 255.</li>
 * <li>{@code lineart}: {@code e = strength * 8 * max(0, G(1.6) - G(1))}, the difference of two
 * gaussian blurs of {@code Y}: thin lines on the dark side of each edge.</li>
 * </ul>
 *
 * The level is {@code min(255, round(e))}, or 0 where {@code e < 255 * threshold}; with
 * {@code line_art} it is drawn as {@code 255 - level}.
 *
 * <p>The OpenCL kernels ({@code edges.cl}) compute the same integer gradients and gaussian sums
 * (the gaussians in two passes through a device buffer of 16-bit intermediate values, kept per
 * size), and the level in doubles where the device has them: then both paths give the same levels.
 */
final class EdgesPipeline implements FrameEffect<EdgesConfig> {

    static final double LINEART_GAIN = 8;
    private static final Gaussian FINE = Gaussian.of(1.0);
    private static final Gaussian COARSE = Gaussian.of(1.6);
    private static final String OPTIONS = "-DGAUSS_BITS=" + Gaussian.BITS + weights("FINE", FINE)
            + weights("COARSE", COARSE);

    /** How a response becomes a level. */
    record Finish(double strength, double threshold, boolean lineArt) {

        int grey(double response) {
            double e = strength * response;
            int level = e < 255 * threshold ? 0 : e >= 255 ? 255 : (int) (e + 0.5);
            return Pixels.grey(lineArt ? 255 - level : level);
        }
    }

    /** @return build options defining {@code NAME_WEIGHTS}, the weights of {@code g}, and {@code NAME_RADIUS} */
    private static String weights(String name, Gaussian g) {
        StringBuilder s = new StringBuilder(" -D").append(name).append("_RADIUS=").append(g.radius())
                .append(" -D").append(name).append("_WEIGHTS=");
        for (int k = 0; k <= g.radius(); k++) {
            s.append(k == 0 ? "" : ",").append(g.weight(k));
        }
        return s.toString();
    }

    private final DeviceKernels device;
    private Finish finish;
    /** Strength, threshold and the scale of a response, for the kernels: in double and in float. */
    private double[] levels;
    private float[] levelsInFloat;
    private int width;
    private int height;
    private int[] src = new int[0];
    private int[] luma = new int[0];
    private int[] dst = new int[0];
    private SeparableGaussian dog;

    EdgesPipeline() {
        this(true);
    }

    /** @param doubles whether the kernels compute the level in double where the device can (else in float) */
    EdgesPipeline(boolean doubles) {
        device = new DeviceKernels(EdgesPipeline.class, "edges.cl", OPTIONS, doubles);
    }

    @Override
    public void configure(EdgesConfig params) {
        finish = new Finish(params.strength, params.threshold, params.lineArt);
        double scale = params.mode == Mode.SOBEL ? 0.25 : LINEART_GAIN / (1 << SeparableGaussian.SCALE_BITS);
        levels = new double[] {params.strength, params.threshold, scale};
        levelsInFloat = new float[] {(float) params.strength, (float) params.threshold, (float) scale};
    }

    @Override
    public Frame apply(Frame in, EdgesConfig params, CallContext context) {
        Optional<Gpu> gpu = context.device(Gpu.class);
        if (gpu.isPresent()) {
            return device.apply(gpu.get(), in, (src, out) -> edges(src, out, params.mode));
        }
        return edges(in, params.mode, context);
    }

    private void edges(Frame in, DeviceFrame out, Mode mode) {
        int w = in.width();
        int h = in.height();
        int lineArt = finish.lineArt() ? 1 : 0;
        GpuBuffer plane = device.scratch("luma", (long) w * h);
        device.kernel("luma").launch(w, h).in(in).arg(plane).run();
        if (mode == Mode.SOBEL) {
            device.reals(device.kernel("sobel").launch(w, h).arg(plane).out(out).arg(h), levels, levelsInFloat)
                    .arg(lineArt).run();
            return;
        }
        GpuBuffer tmp = device.scratch("dog", 4L * w * h);
        device.kernel("dogRows").launch(w, h).arg(plane).arg(tmp).run();
        device.reals(device.kernel("dogColumns").launch(w, h).arg(tmp).out(out).arg(h), levels, levelsInFloat)
                .arg(lineArt).run();
    }

    private Frame edges(Frame in, Mode mode, CallContext context) {
        int w = in.width();
        int h = in.height();
        if (w != width || h != height) {
            width = w;
            height = h;
            src = new int[w * h];
            dst = new int[w * h];
            luma = new int[(w + 2) * (h + 2)];
            dog = null;
        }
        in.read(src);
        if (mode == Mode.SOBEL) {
            sobel(context.pixels());
        } else {
            lineArt(context.pixels());
        }
        return context.frames().of(w, h, dst);
    }

    private void sobel(PixelOps pixels) {
        int w = width;
        int h = height;
        int stride = w + 2;
        int[] s = src;
        int[] l = luma;
        int[] d = dst;
        Finish f = finish;
        pixels.inBands(h, w, (band, from, to) -> {
            for (int y = from; y < to; y++) {
                int o = (y + 1) * stride + 1;
                for (int x = 0, i = y * w; x < w; x++, i++) {
                    l[o + x] = Pixels.luma(s[i]);
                }
                l[o - 1] = l[o];
                l[o + w] = l[o + w - 1];
            }
        });
        System.arraycopy(l, stride, l, 0, stride);
        System.arraycopy(l, h * stride, l, (h + 1) * stride, stride);
        double quarter = 0.25;
        pixels.inBands(h, w, (band, from, to) -> {
            for (int y = from; y < to; y++) {
                int up = y * stride + 1;
                int mid = up + stride;
                int down = mid + stride;
                for (int x = 0, i = y * w; x < w; x++, i++) {
                    int gx = l[up + x + 1] + 2 * l[mid + x + 1] + l[down + x + 1]
                            - l[up + x - 1] - 2 * l[mid + x - 1] - l[down + x - 1];
                    int gy = l[down + x - 1] + 2 * l[down + x] + l[down + x + 1]
                            - l[up + x - 1] - 2 * l[up + x] - l[up + x + 1];
                    d[i] = f.grey(Math.sqrt(gx * gx + gy * gy) * quarter);
                }
            }
        });
    }

    private void lineArt(PixelOps pixels) {
        int w = width;
        if (dog == null) {
            dog = new SeparableGaussian(w, height, 2);
        }
        int[] s = src;
        int[] d = dst;
        Finish f = finish;
        double unit = LINEART_GAIN / (1 << SeparableGaussian.SCALE_BITS);
        dog.run(new Gaussian[] {FINE, COARSE}, (band, y, rows, offset) -> {
            int[] fine = rows[0];
            int[] coarse = rows[1];
            for (int x = 0, i = y * w; x < w; x++, i++) {
                int v = Pixels.luma(s[i]);
                fine[offset + x] = v;
                coarse[offset + x] = v;
            }
        }, (band, y, acc) -> {
            for (int x = 0, i = y * w; x < w; x++, i++) {
                d[i] = f.grey(Math.max(0, acc[w + x] - acc[x]) * unit);
            }
        }, pixels);
    }

    /** Releases the device memory. */
    @Override
    public void close() {
        device.close();
    }
}
