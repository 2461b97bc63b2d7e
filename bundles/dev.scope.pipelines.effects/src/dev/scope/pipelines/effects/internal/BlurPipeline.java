package dev.scope.pipelines.effects.internal;

import java.util.function.UnaryOperator;

import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Params;

/**
 * Separable gaussian blur of the red, green and blue planes with clamped edges: a horizontal and
 * a vertical pass of {@link Gaussian} weights in integer math, rounded to the nearest level once
 * at the end.
 */
final class BlurPipeline extends FrameEffect {

    private Gaussian kernel;
    private int[] src = new int[0];
    private int[] dst = new int[0];
    private SeparableGaussian filter;

    @Override
    UnaryOperator<Frame> effect(Params params) {
        double sigma = params.getDouble("sigma", 2.0);
        if (kernel == null || kernel.sigma() != sigma) {
            kernel = Gaussian.of(sigma);
        }
        return this::blur;
    }

    Frame blur(Frame in) {
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
        Gaussian g = kernel;
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
