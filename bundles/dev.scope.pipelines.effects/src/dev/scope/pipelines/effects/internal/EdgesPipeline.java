package dev.scope.pipelines.effects.internal;

import java.util.function.UnaryOperator;

import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Params;
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
 */
final class EdgesPipeline extends FrameEffect {

    static final double LINEART_GAIN = 8;
    private static final Gaussian FINE = Gaussian.of(1.0);
    private static final Gaussian COARSE = Gaussian.of(1.6);

    /** How a response becomes a level. */
    record Finish(double strength, double threshold, boolean lineArt) {

        int grey(double response) {
            double e = strength * response;
            int level = e < 255 * threshold ? 0 : e >= 255 ? 255 : (int) (e + 0.5);
            return Pixels.grey(lineArt ? 255 - level : level);
        }
    }

    private int width;
    private int height;
    private int[] src = new int[0];
    private int[] luma = new int[0];
    private int[] dst = new int[0];
    private Bands bands;
    private SeparableGaussian dog;

    @Override
    UnaryOperator<Frame> effect(Params params) {
        Mode mode = params.getEnum("mode", Mode.class, Mode.SOBEL);
        Finish finish = new Finish(params.getDouble("strength", 1), params.getDouble("threshold", 0.1),
                params.getBoolean("line_art", false));
        return f -> edges(f, mode, finish);
    }

    Frame edges(Frame in, Mode mode, Finish finish) {
        int w = in.width();
        int h = in.height();
        if (w != width || h != height) {
            width = w;
            height = h;
            src = new int[w * h];
            dst = new int[w * h];
            luma = new int[(w + 2) * (h + 2)];
            bands = new Bands(h, w);
            dog = null;
        }
        Pixels.read(in, src);
        if (mode == Mode.SOBEL) {
            sobel(finish);
        } else {
            lineArt(finish);
        }
        return Pixels.frame(dst, w, h);
    }

    private void sobel(Finish finish) {
        int w = width;
        int h = height;
        int stride = w + 2;
        int[] s = src;
        int[] l = luma;
        int[] d = dst;
        bands.run((band, from, to) -> {
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
        bands.run((band, from, to) -> {
            for (int y = from; y < to; y++) {
                int up = y * stride + 1;
                int mid = up + stride;
                int down = mid + stride;
                for (int x = 0, i = y * w; x < w; x++, i++) {
                    int gx = l[up + x + 1] + 2 * l[mid + x + 1] + l[down + x + 1]
                            - l[up + x - 1] - 2 * l[mid + x - 1] - l[down + x - 1];
                    int gy = l[down + x - 1] + 2 * l[down + x] + l[down + x + 1]
                            - l[up + x - 1] - 2 * l[up + x] - l[up + x + 1];
                    d[i] = finish.grey(Math.sqrt(gx * gx + gy * gy) * quarter);
                }
            }
        });
    }

    private void lineArt(Finish finish) {
        int w = width;
        if (dog == null) {
            dog = new SeparableGaussian(w, height, 2);
        }
        int[] s = src;
        int[] d = dst;
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
                d[i] = finish.grey(Math.max(0, acc[w + x] - acc[x]) * unit);
            }
        });
    }
}
