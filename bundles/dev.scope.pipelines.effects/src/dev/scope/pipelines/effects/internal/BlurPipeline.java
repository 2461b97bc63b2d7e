package dev.scope.pipelines.effects.internal;

import java.util.Optional;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuBuffer;
import dev.scope.pipeline.api.CallContext;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameEffect;

/**
 * Separable gaussian blur of the red, green and blue planes with clamped edges: a horizontal and
 * a vertical pass of {@link Gaussian} weights in integer math, rounded to the nearest level once
 * at the end. The weights are made in {@link #configure}. The OpenCL path ({@code blur.cl}) runs
 * the same two passes through a device buffer of 16-bit intermediate values (kept per size), so
 * both paths give the same levels.
 */
final class BlurPipeline implements FrameEffect<BlurConfig> {

    private final DeviceKernels device = new DeviceKernels(BlurPipeline.class, "blur.cl",
            "-DGAUSS_BITS=" + Gaussian.BITS);
    private Gaussian kernel;
    /** The weights of offsets {@code 0..radius}, for the kernels. */
    private int[] weights;
    private int[] src = new int[0];
    private int[] dst = new int[0];
    private SeparableGaussian filter;

    @Override
    public void configure(BlurConfig params) {
        kernel = Gaussian.of(params.sigma);
        weights = kernel.halfWeights();
    }

    @Override
    public Frame apply(Frame in, BlurConfig params, CallContext context) {
        Optional<Gpu> gpu = context.device(Gpu.class);
        return gpu.isPresent() ? device.apply(gpu.get(), in, this::blur) : blur(in, context);
    }

    private void blur(Frame in, DeviceFrame out) {
        int w = in.width();
        int h = in.height();
        GpuBuffer tmp = device.scratch("rows", 8L * w * h);
        int quads = (w + 3) / 4;
        int radius = kernel.radius();
        device.kernel("rows").launch(quads, h).in(in).arg(tmp).arg(w).arg(h).arg(weights).arg(radius).run();
        device.kernel("columns").launch(quads, h).arg(tmp).out(out).arg(w).arg(h).arg(weights).arg(radius).run();
    }

    private Frame blur(Frame in, CallContext context) {
        int w = in.width();
        int h = in.height();
        if (filter == null || !filter.fits(w, h, 3)) {
            filter = new SeparableGaussian(w, h, 3);
            src = new int[w * h];
            dst = new int[w * h];
        }
        in.read(src);
        int[] s = src;
        int[] d = dst;
        int round = 1 << (SeparableGaussian.SCALE_BITS - 1);
        int shift = SeparableGaussian.SCALE_BITS;
        Gaussian g = kernel;
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
        }, context.pixels());
        return context.frames().of(w, h, d);
    }

    /** Releases the device memory. */
    @Override
    public void close() {
        device.close();
    }
}
