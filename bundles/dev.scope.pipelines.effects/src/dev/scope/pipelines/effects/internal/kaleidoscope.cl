/* KaleidoscopePipeline on the device: the same float operations in the same order on the same
   angle table and matrices, without fused multiply-adds, multiplying by the reciprocal of the
   wedge (OpenCL's float division need not be correctly rounded): so it samples exactly the pixels
   the Java path samples.

   fold: p holds turn, the reciprocal of the wedge, the centre's x and y, then the matrices of
   wedges first..; mode is the ordinal of KaleidoscopeConfig.Edge (wrap, mirror, clamp). */

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

__kernel void fold(__global const uint* src, __global uint* dst, __global const float* angles,
                   int width, int height, int first, __constant float* p, int mode) {
    int x = get_global_id(0);
    int y = get_global_id(1);
    int i = y * width + x;
    float cx = p[2];
    float cy = p[3];
    int m = 4 + 4 * ((int) floor((angles[i] - p[0]) * p[1]) - first);
    float dx = x - cx;
    float dy = y - cy;
    int sx = edge((int) floor(cx + p[m] * dx + p[m + 1] * dy + 0.5f), width, mode);
    int sy = edge((int) floor(cy + p[m + 2] * dx + p[m + 3] * dy + 0.5f), height, mode);
    dst[i] = src[sy * width + sx] | 0xFF000000u;
}
