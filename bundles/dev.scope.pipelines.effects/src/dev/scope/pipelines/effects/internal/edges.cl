/* EdgesPipeline on the device: the same integer gradients and gaussian sums, and the level in
   real: double where the device has doubles (built with -DUSE_DOUBLE), so both paths give the
   same levels, else float (within one level).

   luma: the levels of Y into a byte plane; sobel; dogRows and dogColumns: the two gaussians of Y
   as in SeparableGaussian, through a buffer of 16-bit intermediate values. The build options give
   GAUSS_BITS, the weights of offsets 0..radius of both gaussians (FINE_WEIGHTS, COARSE_WEIGHTS)
   and their radii. p holds strength, threshold and the scale of a response. Reads outside the
   picture take its nearest edge pixel; the inner pixels, which need no clamping, take a branch of
   their own (a whole vector of work items goes one way). */

#ifdef USE_DOUBLE
#pragma OPENCL EXTENSION cl_khr_fp64 : enable
typedef double real;
#else
typedef float real;
#endif
#pragma OPENCL FP_CONTRACT OFF

__constant int FINE[] = {FINE_WEIGHTS};
__constant int COARSE[] = {COARSE_WEIGHTS};

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

__kernel void sobel(__global const uchar* luma, __global uint* dst, int height, __constant real* p, int lineArt) {
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
