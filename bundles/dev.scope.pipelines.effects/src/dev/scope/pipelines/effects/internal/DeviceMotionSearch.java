package dev.scope.pipelines.effects.internal;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.scope.gpu.api.DeviceFrame;

/**
 * {@link MotionSearch} and the in-between frame of {@link InterpolatePipeline} on the OpenCL
 * device: the same luma pyramid, steps, costs, candidate order and tie rule, so the same motions
 * and the same in-between pixels as the Java path. Planes are bytes, row-major and unpadded; reads
 * outside a plane take its nearest edge pixel, as {@link Plane}'s padding does.
 *
 * <p>All memory is scratch of a {@link DeviceKernels} (per size): the luma pyramids of two frames
 * (which is the previous one flips after each frame), the macroblock motions, and the block motions
 * and costs twice, for the propagation rounds.
 */
final class DeviceMotionSearch {

    static final String SOURCE = constants() + """
            int floor2(int m) {
                return m >= 0 ? m / 2 : (m - 1) / 2;
            }

            int magnitude(int v) {
                return v < 0 ? -v : v;
            }

            /* the sum of |a[x] - b[x]| over x < w, 8 bytes at a time */
            int sadRow(__global const uchar* a, __global const uchar* b, int w) {
                int sum = 0;
                int x = 0;
                for (; x + 8 <= w; x += 8) {
                    ushort8 d = convert_ushort8(abs_diff(vload8(0, a + x), vload8(0, b + x)));
                    ushort4 q = d.lo + d.hi;
                    ushort2 r = q.lo + q.hi;
                    sum += r.x + r.y;
                }
                for (; x < w; x++) {
                    sum += abs_diff(a[x], b[x]);
                }
                return sum;
            }

            /* MotionSearch.cost: SAD of prev at q - floor(m / 2) and cur at q + m - floor(m / 2) over a
               window, every rowStep-th row, plus penalty |m|; a partial cost once it reaches limit. Rows are
               clamped to the plane, and columns too where the window reaches out of it. */
            int cost(__global const uchar* p, __global const uchar* c, int pw, int ph, int x0, int y0, int w, int h,
                     int rowStep, int mx, int my, int penalty, int limit) {
                int sum = penalty * (magnitude(mx) + magnitude(my));
                if (sum >= limit) {
                    return sum;
                }
                int ax = floor2(mx);
                int ay = floor2(my);
                int xa = x0 - ax;
                int xb = x0 + mx - ax;
                bool inside = min(xa, xb) >= 0 && max(xa, xb) + w <= pw;
                for (int y = 0; y < h; y += rowStep) {
                    __global const uchar* a = p + clamp(y0 + y - ay, 0, ph - 1) * pw;
                    __global const uchar* b = c + clamp(y0 + y + my - ay, 0, ph - 1) * pw;
                    if (inside) {
                        sum += sadRow(a + xa, b + xb, w);
                    } else {
                        for (int x = 0; x < w; x++) {
                            sum += abs_diff(a[clamp(xa + x, 0, pw - 1)], b[clamp(xb + x, 0, pw - 1)]);
                        }
                    }
                    if (sum >= limit) {
                        return sum;
                    }
                }
                return sum;
            }

            /* MotionSearch.refine: doubles m and moves it by the best d; returns its cost */
            int refine(__global const uchar* p, __global const uchar* c, int pw, int ph, int x0, int y0, int size,
                       int rowStep, int penalty, int2* m) {
                int w = min(size, pw - x0);
                int h = min(size, ph - y0);
                int cx = 2 * m->x;
                int cy = 2 * m->y;
                int best = INT_MAX;
                for (int i = 0; i < 18; i += 2) {
                    int mx = cx + REFINE[i];
                    int my = cy + REFINE[i + 1];
                    int k = cost(p, c, pw, ph, x0, y0, w, h, rowStep, mx, my, penalty, best);
                    if (k < best) {
                        best = k;
                        *m = (int2)(mx, my);
                    }
                }
                return best;
            }

            uint mean(uint a, uint b) {
                return (a | b) - ((a ^ b) >> 1 & 0x7F7F7F7Fu) | 0xFF000000u;
            }

            __kernel void luma(__global const uint* src, __global uchar* dst) {
                size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);
                uint p = src[i];
                dst[i] = (uchar) ((19595u * (p & 0xFFu) + 38470u * (p >> 8 & 0xFFu) + 7471u * (p >> 16 & 0xFFu) + 32768u) >> 16);
            }

            __kernel void halve(__global const uchar* src, int sw, int sh, __global uchar* dst) {
                int x = get_global_id(0);
                int y = get_global_id(1);
                int x1 = min(2 * x + 1, sw - 1);
                __global const uchar* top = src + 2 * y * sw;
                __global const uchar* bottom = src + min(2 * y + 1, sh - 1) * sw;
                dst[y * get_global_size(0) + x] = (uchar) ((top[2 * x] + top[x1] + bottom[2 * x] + bottom[x1] + 2) >> 2);
            }

            __kernel void coarse(__global const uchar* p, __global const uchar* c, int qw, int qh, int radius,
                                 __global int2* macro) {
                int mbx = get_global_id(0);
                int mby = get_global_id(1);
                int x0 = max(0, 8 * mbx - MARGIN);
                int y0 = max(0, 8 * mby - MARGIN);
                int w = min(8 * mbx + 8 + MARGIN, qw) - x0;
                int h = min(8 * mby + 8 + MARGIN, qh) - y0;
                int best = cost(p, c, qw, qh, x0, y0, w, h, 1, 0, 0, 0, INT_MAX);
                int2 m = (int2)(0, 0);
                for (int my = -radius; my <= radius; my++) {
                    for (int mx = -radius; mx <= radius; mx++) {
                        if (mx != 0 || my != 0) {
                            int k = cost(p, c, qw, qh, x0, y0, w, h, 1, mx, my, QUARTER_PENALTY, best);
                            if (k < best) {
                                best = k;
                                m = (int2)(mx, my);
                            }
                        }
                    }
                }
                macro[mby * get_global_size(0) + mbx] = m;
            }

            __kernel void blocks(__global const uchar* ph, __global const uchar* ch, int hw, int hh,
                                 __global const uchar* pf, __global const uchar* cf, int fw, int fh,
                                 __global const int2* macro, int macroX, __global int2* vectors, __global int* costs) {
                int bx = get_global_id(0);
                int by = get_global_id(1);
                int2 m = macro[by / 2 * macroX + bx / 2];
                refine(ph, ch, hw, hh, 8 * bx, 8 * by, 8, 1, HALF_PENALTY, &m);
                int i = by * get_global_size(0) + bx;
                costs[i] = refine(pf, cf, fw, fh, BLOCK * bx, BLOCK * by, BLOCK, FULL_ROW_STEP, FULL_PENALTY, &m);
                vectors[i] = m;
            }

            /* MotionSearch.findGlobals, by one work item: found[0..2 GLOBALS) the motions, then their count */
            __kernel void globals(__global const int2* vectors, int count, __global int* histogram, __global int* found) {
                for (int i = 0; i < RANGE * RANGE; i++) {
                    histogram[i] = 0;
                }
                for (int i = 0; i < count; i++) {
                    histogram[(vectors[i].y + LIMIT) * RANGE + vectors[i].x + LIMIT]++;
                }
                histogram[LIMIT * RANGE + LIMIT] = 0;
                int n = 0;
                for (int g = 0; g < GLOBALS; g++) {
                    int best = -1;
                    for (int i = 0; i < RANGE * RANGE; i++) {
                        if (histogram[i] > 0 && (best < 0 || histogram[i] > histogram[best])) {
                            best = i;
                        }
                    }
                    if (best < 0) {
                        break;
                    }
                    histogram[best] = 0;
                    found[2 * g] = best % RANGE - LIMIT;
                    found[2 * g + 1] = best / RANGE - LIMIT;
                    n++;
                }
                found[2 * GLOBALS] = n;
            }

            __kernel void propagate(__global const uchar* p, __global const uchar* c, int fw, int fh,
                                    __global const int2* vectors, __global const int* costs,
                                    __global int2* nextVectors, __global int* nextCosts, __global const int* found) {
                int bx = get_global_id(0);
                int by = get_global_id(1);
                int blocksX = get_global_size(0);
                int x0 = BLOCK * bx;
                int y0 = BLOCK * by;
                int w = min(BLOCK, fw - x0);
                int h = min(BLOCK, fh - y0);
                int i = by * blocksX + bx;
                int2 m = vectors[i];
                int best = costs[i];
                for (int j = 0; j < 8 + 2 * found[2 * GLOBALS]; j += 2) {
                    int2 v;
                    if (j < 8) {
                        int nx = bx + NEIGHBOURS[j];
                        int ny = by + NEIGHBOURS[j + 1];
                        if (nx < 0 || ny < 0 || nx >= blocksX || ny >= (int) get_global_size(1)) {
                            continue;
                        }
                        v = vectors[ny * blocksX + nx];
                    } else {
                        v = (int2)(found[j - 8], found[j - 7]);
                    }
                    if (v.x == m.x && v.y == m.y) {
                        continue;
                    }
                    int k = cost(p, c, fw, fh, x0, y0, w, h, FULL_ROW_STEP, v.x, v.y, FULL_PENALTY, best);
                    if (k < best) {
                        best = k;
                        m = v;
                    }
                }
                nextVectors[i] = m;
                nextCosts[i] = best;
            }

            /* InterpolatePipeline.warp: each pixel the mean of prev and cur moved halfway along its block's motion,
               prev at p + side * floor(m / 2) (side -1: the in-between frame; 1 with prev = cur: the lead frame) */
            __kernel void warp(__global const uint* prev, __global const uint* cur, __global uint* out, int height,
                               __global const int2* vectors, int blocksX, int side) {
                int x = get_global_id(0);
                int y = get_global_id(1);
                int width = get_global_size(0);
                int2 m = vectors[y / BLOCK * blocksX + x / BLOCK];
                int back = floor2(m.x);
                int upward = floor2(m.y);
                int p = clamp(y + side * upward, 0, height - 1) * width + clamp(x + side * back, 0, width - 1);
                int c = clamp(y + m.y - upward, 0, height - 1) * width + clamp(x + m.x - back, 0, width - 1);
                out[y * width + x] = mean(prev[p], cur[c]);
            }

            __kernel void blend(__global const uint* prev, __global const uint* cur, __global uint* out) {
                size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);
                out[i] = mean(prev[i], cur[i]);
            }

            /* InterpolatePipeline.fadeBack: per channel (3 first - next) / 2, rounded up, clamped */
            __kernel void fadeBack(__global const uint* first, __global const uint* next, __global uint* out) {
                size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);
                uint pixel = 0xFF000000u;
                for (int shift = 0; shift < 24; shift += 8) {
                    int v = (3 * (int) (first[i] >> shift & 0xFFu) - (int) (next[i] >> shift & 0xFFu) + 1) / 2;
                    pixel |= (uint) clamp(v, 0, 255) << shift;
                }
                out[i] = pixel;
            }
            """;

    private DeviceMotionSearch() {
    }

    private static String constants() {
        return "#define BLOCK " + MotionSearch.BLOCK + "\n#define MARGIN " + MotionSearch.MARGIN
                + "\n#define QUARTER_PENALTY " + MotionSearch.QUARTER_PENALTY
                + "\n#define HALF_PENALTY " + MotionSearch.HALF_PENALTY
                + "\n#define FULL_PENALTY " + MotionSearch.FULL_PENALTY
                + "\n#define FULL_ROW_STEP " + MotionSearch.FULL_ROW_STEP
                + "\n#define GLOBALS " + MotionSearch.GLOBALS
                + "\n#define LIMIT " + MotionSearch.LIMIT + "\n#define RANGE " + MotionSearch.RANGE
                + "\n__constant int REFINE[] = {" + list(MotionSearch.REFINE) + "};"
                + "\n__constant int NEIGHBOURS[] = {" + list(MotionSearch.NEIGHBOURS) + "};\n";
    }

    private static String list(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(", "));
    }

    /** The luma pyramid {@code which} (0 or 1) of a frame. */
    static void pyramid(DeviceKernels device, DeviceFrame frame, int which) {
        int w = frame.width();
        int h = frame.height();
        int hw = (w + 1) / 2;
        int hh = (h + 1) / 2;
        DeviceFrame full = plane(device, which, "full", w, h);
        DeviceFrame half = plane(device, which, "half", hw, hh);
        DeviceFrame quarter = plane(device, which, "quarter", (hw + 1) / 2, (hh + 1) / 2);
        device.kernel("luma").launch(w, h).arg(frame).arg(full).run();
        device.kernel("halve").launch(hw, hh).arg(full).arg(w).arg(h).arg(half).run();
        device.kernel("halve").launch((hw + 1) / 2, (hh + 1) / 2).arg(half).arg(hw).arg(hh).arg(quarter).run();
    }

    private static DeviceFrame plane(DeviceKernels device, int which, String level, int w, int h) {
        return device.scratch("luma" + which + "." + level, w, h, 1);
    }

    /**
     * Searches the motion of every block of the frame between the frames of pyramids {@code prev}
     * and {@code cur}, and writes the in-between frame into {@code out}.
     */
    static void interpolate(DeviceKernels device, DeviceFrame prevFrame, DeviceFrame curFrame, int prev, int cur,
            int radius, DeviceFrame out) {
        int w = out.width();
        int h = out.height();
        int hw = (w + 1) / 2;
        int hh = (h + 1) / 2;
        int qw = (hw + 1) / 2;
        int qh = (hh + 1) / 2;
        int macroX = (w + MotionSearch.MACROBLOCK - 1) / MotionSearch.MACROBLOCK;
        int macroY = (h + MotionSearch.MACROBLOCK - 1) / MotionSearch.MACROBLOCK;
        int blocksX = (w + MotionSearch.BLOCK - 1) / MotionSearch.BLOCK;
        int blocksY = (h + MotionSearch.BLOCK - 1) / MotionSearch.BLOCK;
        DeviceFrame macro = device.scratch("macro", macroX, macroY, 8);
        DeviceFrame[] vectors = {device.scratch("vectors0", blocksX, blocksY, 8),
            device.scratch("vectors1", blocksX, blocksY, 8)};
        DeviceFrame[] costs = {device.scratch("costs0", blocksX, blocksY, 4),
            device.scratch("costs1", blocksX, blocksY, 4)};
        DeviceFrame histogram = device.scratch("histogram", MotionSearch.RANGE, MotionSearch.RANGE, 4);
        DeviceFrame found = device.scratch("globals", 2 * MotionSearch.GLOBALS + 1, 1, 4);
        device.kernel("coarse").launch(macroX, macroY).arg(plane(device, prev, "quarter", qw, qh))
                .arg(plane(device, cur, "quarter", qw, qh)).arg(qw).arg(qh).arg(radius).arg(macro).run();
        DeviceFrame prevFull = plane(device, prev, "full", w, h);
        DeviceFrame curFull = plane(device, cur, "full", w, h);
        device.kernel("blocks").launch(blocksX, blocksY).arg(plane(device, prev, "half", hw, hh))
                .arg(plane(device, cur, "half", hw, hh)).arg(hw).arg(hh).arg(prevFull).arg(curFull).arg(w).arg(h)
                .arg(macro).arg(macroX).arg(vectors[0]).arg(costs[0]).run();
        device.kernel("globals").launch(1, 1).arg(vectors[0]).arg(blocksX * blocksY).arg(histogram).arg(found).run();
        for (int round = 0; round < MotionSearch.PROPAGATIONS; round++) {
            int from = round % 2;
            device.kernel("propagate").launch(blocksX, blocksY).arg(prevFull).arg(curFull).arg(w).arg(h)
                    .arg(vectors[from]).arg(costs[from]).arg(vectors[1 - from]).arg(costs[1 - from]).arg(found).run();
        }
        device.kernel("warp").launch(w, h).arg(prevFrame).arg(curFrame).arg(out).arg(h)
                .arg(vectors[MotionSearch.PROPAGATIONS % 2]).arg(blocksX).arg(InterpolatePipeline.IN_BETWEEN).run();
    }

    /**
     * The lead frame with motion: {@code first} moved back half along the block motions of the
     * last {@link #interpolate} (which must have run on {@code first} and the next frame).
     */
    static void lead(DeviceKernels device, DeviceFrame first, DeviceFrame out) {
        int w = out.width();
        int h = out.height();
        int blocksX = (w + MotionSearch.BLOCK - 1) / MotionSearch.BLOCK;
        int blocksY = (h + MotionSearch.BLOCK - 1) / MotionSearch.BLOCK;
        DeviceFrame vectors = device.scratch("vectors" + MotionSearch.PROPAGATIONS % 2, blocksX, blocksY, 8);
        device.kernel("warp").launch(w, h).arg(first).arg(first).arg(out).arg(h).arg(vectors).arg(blocksX)
                .arg(InterpolatePipeline.LEAD).run();
    }

    /** The lead frame without motion: the cross-fade to {@code next} continued backwards. */
    static void fadeBack(DeviceKernels device, DeviceFrame first, DeviceFrame next, DeviceFrame out) {
        device.kernel("fadeBack").launch(out.width(), out.height()).arg(first).arg(next).arg(out).run();
    }

    /** The in-between frame without motion: the mean of both. */
    static void blend(DeviceKernels device, DeviceFrame prevFrame, DeviceFrame curFrame, DeviceFrame out) {
        device.kernel("blend").launch(out.width(), out.height()).arg(prevFrame).arg(curFrame).arg(out).run();
    }
}
