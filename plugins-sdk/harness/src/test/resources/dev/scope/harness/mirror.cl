// Mirrors a frame left to right: one work item a pixel.
__kernel void mirror(__global const uint* src, __global uint* dst, int width) {
    int x = get_global_id(0);
    int y = get_global_id(1);
    dst[y * width + x] = src[y * width + (width - 1 - x)];
}
