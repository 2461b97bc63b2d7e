/* DeviceMotionSearch: MotionSearch and the in-between frame of InterpolatePipeline on the device,
   with the same luma pyramid, steps, costs, candidate order and tie rule, so the same motions and
   pixels as the Java path. Planes are bytes, row-major and unpadded; reads outside a plane take its
   nearest edge pixel, as Plane's padding does. MotionSearch's constants come as build options:
   BLOCK, MARGIN, the penalties, FULL_ROW_STEP, GLOBALS, LIMIT, RANGE, and the lists REFINE_LIST
   and NEIGHBOURS_LIST. */

__constant int REFINE[] = {REFINE_LIST};
__constant int NEIGHBOURS[] = {NEIGHBOURS_LIST};

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
