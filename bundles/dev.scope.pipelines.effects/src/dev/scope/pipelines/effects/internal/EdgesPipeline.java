package dev.scope.pipelines.effects.internal;

import java.util.function.Supplier;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
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
 *
 * <p>The OpenCL kernels compute the same integer gradients and gaussian sums (the gaussians in two
 * passes through a device buffer of 16-bit intermediate values, kept per size), and the level in
 * doubles where the device has them: then both paths give the same levels.
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

    /**
     * {@code luma}: the levels of Y into a byte plane; {@code sobel}; {@code dogRows} and
     * {@code dogColumns}: the two gaussians of Y as in {@link SeparableGaussian}, their weights
     * compiled in. {@code p} holds strength, threshold and the scale of a response. Reads outside
     * the picture take its nearest edge pixel; the inner pixels, which need no clamping, take a
     * branch of their own (a whole vector of work items goes one way).
     */
    static final String SOURCE = DeviceKernels.REAL + gaussian("FINE", FINE) + gaussian("COARSE", COARSE) + """
            uint grey(real response, __constant real* p, int lineArt) {
                real e = p[0] * response;
                int level = e < 255 * p[1] ? 0 : e >= 255 ? 255 : (int) (e + (real) 0.5);
                uint v = lineArt ? 255 - level : level;
                return v * 0x010101u | 0xFF000000u;
            }

            __kernel void luma(__global const uint* src, __global uchar* dst) {
                size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);
                uint p = src[i];
                dst[i] = (uchar) ((19595u * (p & 0xFFu) + 38470u * (p >> 8 & 0xFFu) + 7471u * (p >> 16 & 0xFFu) + 32768u) >> 16);
            }

            __kernel void sobel(__global const uchar* luma, __global uint* dst, int height, __constant real* p,
                                int lineArt) {
                int x = get_global_id(0);
                int y = get_global_id(1);
                int width = get_global_size(0);
                int left = max(x - 1, 0);
                int right = min(x + 1, width - 1);
                __global const uchar* up = luma + max(y - 1, 0) * width;
                __global const uchar* mid = luma + y * width;
                __global const uchar* down = luma + min(y + 1, height - 1) * width;
                int gx = up[right] + 2 * mid[right] + down[right] - up[left] - 2 * mid[left] - down[left];
                int gy = down[left] + 2 * down[x] + down[right] - up[left] - 2 * up[x] - up[right];
                dst[y * width + x] = grey(sqrt((real) (gx * gx + gy * gy)) * p[2], p, lineArt);
            }

            __kernel void dogRows(__global const uchar* luma, __global ushort2* tmp) {
                int x = get_global_id(0);
                int y = get_global_id(1);
                int width = get_global_size(0);
                __global const uchar* row = luma + y * width;
                int f = FINE[0] * row[x];
                int c = COARSE[0] * row[x];
                if (x >= COARSE_RADIUS && x + COARSE_RADIUS < width) {
                    for (int k = 1; k <= COARSE_RADIUS; k++) {
                        int pair = row[x - k] + row[x + k];
                        f += k <= FINE_RADIUS ? FINE[k] * pair : 0;
                        c += COARSE[k] * pair;
                    }
                } else {
                    for (int k = 1; k <= COARSE_RADIUS; k++) {
                        int pair = row[max(x - k, 0)] + row[min(x + k, width - 1)];
                        f += k <= FINE_RADIUS ? FINE[k] * pair : 0;
                        c += COARSE[k] * pair;
                    }
                }
                int round = 1 << (GAUSS_BITS - 9);
                tmp[y * width + x] = (ushort2)((ushort) ((f + round) >> (GAUSS_BITS - 8)),
                        (ushort) ((c + round) >> (GAUSS_BITS - 8)));
            }

            __kernel void dogColumns(__global const ushort2* tmp, __global uint* dst, int height, __constant real* p,
                                     int lineArt) {
                int x = get_global_id(0);
                int y = get_global_id(1);
                int width = get_global_size(0);
                int2 centre = convert_int2(tmp[y * width + x]);
                int f = FINE[0] * centre.x;
                int c = COARSE[0] * centre.y;
                if (y >= COARSE_RADIUS && y + COARSE_RADIUS < height) {
                    for (int k = 1; k <= COARSE_RADIUS; k++) {
                        int2 pair = convert_int2(tmp[(y - k) * width + x]) + convert_int2(tmp[(y + k) * width + x]);
                        f += k <= FINE_RADIUS ? FINE[k] * pair.x : 0;
                        c += COARSE[k] * pair.y;
                    }
                } else {
                    for (int k = 1; k <= COARSE_RADIUS; k++) {
                        int2 pair = convert_int2(tmp[max(y - k, 0) * width + x])
                                + convert_int2(tmp[min(y + k, height - 1) * width + x]);
                        f += k <= FINE_RADIUS ? FINE[k] * pair.x : 0;
                        c += COARSE[k] * pair.y;
                    }
                }
                dst[y * width + x] = grey(max(0, c - f) * p[2], p, lineArt);
            }
            """;

    /** @return the weights of {@code g} as an OpenCL constant array {@code NAME[]} and its radius {@code NAME_RADIUS} */
    private static String gaussian(String name, Gaussian g) {
        StringBuilder s = new StringBuilder("#define ").append(name).append("_RADIUS ").append(g.radius())
                .append("\n__constant int ").append(name).append("[] = {");
        for (int k = 0; k <= g.radius(); k++) {
            s.append(k == 0 ? "" : ", ").append(g.weight(k));
        }
        return s.append("};\n").toString();
    }

    private int width;
    private int height;
    private int[] src = new int[0];
    private int[] luma = new int[0];
    private int[] dst = new int[0];
    private Bands bands;
    private SeparableGaussian dog;

    /** Edges on the Java path only. */
    EdgesPipeline() {
        this(() -> null);
    }

    EdgesPipeline(Supplier<Gpu> gpu) {
        this(gpu, true);
    }

    /** @param doubles whether the kernels compute the level in double where the device can (else in float) */
    EdgesPipeline(Supplier<Gpu> gpu, boolean doubles) {
        super(gpu, true, SOURCE, (doubles ? DeviceKernels.DOUBLES + " " : "") + "-DGAUSS_BITS=" + Gaussian.BITS);
    }

    @Override
    Effect effect(Params params) {
        Mode mode = params.getEnum("mode", Mode.class, Mode.SOBEL);
        Finish finish = new Finish(params.getDouble("strength", 1), params.getDouble("threshold", 0.1),
                params.getBoolean("line_art", false));
        return new Effect(in -> edges(in, mode, finish), (device, in, out) -> edges(device, in, out, mode, finish));
    }

    private static void edges(DeviceKernels device, DeviceFrame in, DeviceFrame out, Mode mode, Finish finish) {
        int w = in.width();
        int h = in.height();
        int lineArt = finish.lineArt() ? 1 : 0;
        DeviceFrame luma = device.scratch("luma", w, h, 1);
        device.kernel("luma").launch(w, h).arg(in).arg(luma).run();
        if (mode == Mode.SOBEL) {
            device.reals(device.kernel("sobel").launch(w, h).arg(luma).arg(out).arg(h), finish.strength(),
                    finish.threshold(), 0.25).arg(lineArt).run();
            return;
        }
        DeviceFrame tmp = device.scratch("dog", w, h, 4);
        device.kernel("dogRows").launch(w, h).arg(luma).arg(tmp).run();
        device.reals(device.kernel("dogColumns").launch(w, h).arg(tmp).arg(out).arg(h), finish.strength(),
                finish.threshold(), LINEART_GAIN / (1 << SeparableGaussian.SCALE_BITS)).arg(lineArt).run();
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
