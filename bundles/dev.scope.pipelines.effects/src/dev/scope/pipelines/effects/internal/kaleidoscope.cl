/* KaleidoscopePipeline on the device: the same float operations in the same order on the same
   angle table and matrices, without fused multiply-adds, multiplying by the reciprocal of the
   wedge (OpenCL's float division need not be correctly rounded): so it samples exactly the pixels
   the Java path samples.

   fold: p holds turn, the reciprocal of the wedge, the centre's x and y, then the matrices of
   wedges first..; mode is the ordinal of KaleidoscopeConfig.Edge (wrap, mirror, clamp).

   A work item folds a block of four by four pixels in float16 vectors. Most blocks lie in one
   wedge (a wedge's border crosses few of them): their matrix is then one value for all sixteen,
   read once, where a pixel a work item read four values per pixel from the table (a gather each,
   the kernel's main cost on CPU devices). Only blocks that straddle a border read each pixel's
   matrix. Likewise, only blocks with a sample outside the picture compute the edge rule. A square
   block rather than sixteen pixels of a row: its samples lie closer together in the source when
   the pattern is turned (fewer cache lines a gather), which took a fifth off the kernel's time on
   PoCL at 1920x1080. The blocks at the right and bottom edges, cut by the picture, fold their
   pixels one by one. */

#pragma OPENCL FP_CONTRACT OFF

/* KaleidoscopePipeline.edge without branches, which vectorizes: every mode is computed and one
   selected; the float quotient is off by at most one, which the two corrections take back */
int edge(int v, int size, int mode) {
    int period = mode == 0 ? size : 2 * size;
    int m = v - period * (int) floor((float) v / (float) period);
    m = m < 0 ? m + period : m >= period ? m - period : m;
    int mirrored = m < size ? m : period - 1 - m;
    return mode == 2 ? clamp(v, 0, size - 1) : mode == 0 ? m : mirrored;
}

/* edge for sixteen values at once, the same rule */
int16 edge16(int16 v, int size, int mode) {
    int period = mode == 0 ? size : 2 * size;
    int16 m = v - period * convert_int16(floor(convert_float16(v) / (float) period));
    m = m < 0 ? m + period : m >= period ? m - period : m;
    int16 mirrored = m < size ? m : period - 1 - m;
    return mode == 2 ? clamp(v, 0, size - 1) : mode == 0 ? m : mirrored;
}

__kernel void fold(__global const uint* src, __global uint* dst, __global const float* angles,
                   int width, int height, int first, __constant float* p, int mode) {
    int x0 = get_global_id(0) * 4;
    int y0 = get_global_id(1) * 4;
    if (x0 >= width || y0 >= height) {
        return;
    }
    float cx = p[2];
    float cy = p[3];
    int row = y0 * width;
    if (x0 + 4 <= width && y0 + 4 <= height) {
        __global const float* a = angles + row + x0;
        float16 angle = (float16)(vload4(0, a), vload4(0, a + width), vload4(0, a + 2 * width), vload4(0, a + 3 * width));
        int16 k = convert_int16(floor((angle - p[0]) * p[1])) - first;
        float16 dx = ((float16)(0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3) + (float) x0) - cx;
        float16 dy = ((float16)(0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3) + (float) y0) - cy;
        float16 fx;
        float16 fy;
        if (all(k == (int16)(k.s0))) {
            int m = 4 + 4 * k.s0;
            fx = floor(cx + p[m] * dx + p[m + 1] * dy + 0.5f);
            fy = floor(cy + p[m + 2] * dx + p[m + 3] * dy + 0.5f);
        } else {
            int ks[16];
            float m0[16], m1[16], m2[16], m3[16];
            vstore16(k, 0, ks);
            for (int l = 0; l < 16; l++) {
                int m = 4 + 4 * ks[l];
                m0[l] = p[m];
                m1[l] = p[m + 1];
                m2[l] = p[m + 2];
                m3[l] = p[m + 3];
            }
            fx = floor(cx + vload16(0, m0) * dx + vload16(0, m1) * dy + 0.5f);
            fy = floor(cy + vload16(0, m2) * dx + vload16(0, m3) * dy + 0.5f);
        }
        int16 sx = convert_int16(fx);
        int16 sy = convert_int16(fy);
        if (!all(sx >= 0 && sx < width && sy >= 0 && sy < height)) {
            sx = edge16(sx, width, mode);
            sy = edge16(sy, height, mode);
        }
        int16 at = sy * width + sx;
        uint16 px = (uint16)(src[at.s0], src[at.s1], src[at.s2], src[at.s3], src[at.s4], src[at.s5], src[at.s6],
                             src[at.s7], src[at.s8], src[at.s9], src[at.sa], src[at.sb], src[at.sc], src[at.sd],
                             src[at.se], src[at.sf]) | 0xFF000000u;
        __global uint* out = dst + row + x0;
        vstore4(px.s0123, 0, out);
        vstore4(px.s4567, 0, out + width);
        vstore4(px.s89ab, 0, out + 2 * width);
        vstore4(px.scdef, 0, out + 3 * width);
    } else {
        for (int y = y0; y < min(y0 + 4, height); y++) {
            float dy = y - cy;
            for (int x = x0; x < min(x0 + 4, width); x++) {
                int i = y * width + x;
                int m = 4 + 4 * ((int) floor((angles[i] - p[0]) * p[1]) - first);
                float dx = x - cx;
                int sx = edge((int) floor(cx + p[m] * dx + p[m + 1] * dy + 0.5f), width, mode);
                int sy = edge((int) floor(cy + p[m + 2] * dx + p[m + 3] * dy + 0.5f), height, mode);
                dst[i] = src[sy * width + sx] | 0xFF000000u;
            }
        }
    }
}
