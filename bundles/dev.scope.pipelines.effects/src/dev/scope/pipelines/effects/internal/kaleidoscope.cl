/* KaleidoscopePipeline on the device: the same float operations in the same order on the same
   angle table and matrices, without fused multiply-adds, multiplying by the reciprocal of the
   wedge (OpenCL's float division need not be correctly rounded): so it samples exactly the pixels
   the Java path samples.

   fold: p holds turn, the reciprocal of the wedge, the centre's x and y, then the matrices of
   wedges first..; mode is the ordinal of KaleidoscopeConfig.Edge (wrap, mirror, clamp).

   A work item folds sixteen neighbouring pixels of a row in float16 vectors. Most such runs lie
   in one wedge (a row crosses a wedge's border a few times): their matrix is then one value for
   all sixteen, read once, where a pixel a work item read four values per pixel from the table (a
   gather each, the kernel's main cost on CPU devices). Only runs that straddle a border read each
   pixel's matrix. Likewise, only runs with a sample outside the picture compute the edge rule.
   The last work item of a row takes the width % 16 pixels that remain one by one. */

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
    int x0 = get_global_id(0) * 16;
    int y = get_global_id(1);
    if (x0 >= width || y >= height) {
        return;
    }
    float cx = p[2];
    float cy = p[3];
    float dy = y - cy;
    int row = y * width;
    if (x0 + 16 <= width) {
        int16 k = convert_int16(floor((vload16(0, angles + row + x0) - p[0]) * p[1])) - first;
        float16 dx = ((float16)(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) + (float) x0) - cx;
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
        int at[16];
        uint px[16];
        vstore16(sy * width + sx, 0, at);
        for (int l = 0; l < 16; l++) {
            px[l] = src[at[l]];
        }
        vstore16(vload16(0, px) | 0xFF000000u, 0, dst + row + x0);
    } else {
        for (int x = x0; x < width; x++) {
            int i = row + x;
            int m = 4 + 4 * ((int) floor((angles[i] - p[0]) * p[1]) - first);
            float dx = x - cx;
            int sx = edge((int) floor(cx + p[m] * dx + p[m + 1] * dy + 0.5f), width, mode);
            int sy = edge((int) floor(cy + p[m + 2] * dx + p[m + 3] * dy + 0.5f), height, mode);
            dst[i] = src[sy * width + sx] | 0xFF000000u;
        }
    }
}
