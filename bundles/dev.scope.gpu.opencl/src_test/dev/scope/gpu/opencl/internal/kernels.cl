/* Test kernels of dev.scope.gpu.opencl; their Java references are in Kernels.java. One packed
   pixel (red in the low byte) or one word a work item. */

/* 255 - each colour byte, the padding byte kept */
__kernel void invert(__global const uchar4* src, __global uchar4* dst) {
    size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);
    uchar4 p = src[i];
    dst[i] = (uchar4)(255 - p.x, 255 - p.y, 255 - p.z, p.w);
}

/* BT.601 luma in 16-bit fixed point, as the built-in gray stage */
__kernel void gray(__global const uchar4* src, __global uchar4* dst) {
    size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);
    uint4 p = convert_uint4(src[i]);
    uchar y = (uchar)((19595u * p.x + 38470u * p.y + 7471u * p.z + 32768u) >> 16);
    dst[i] = (uchar4)(y, y, y, 255);
}

/* words of a frame or a buffer into a frame or a buffer */
__kernel void copy(__global const uint* src, __global uint* dst) {
    size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);
    dst[i] = src[i];
}

__kernel void fill(__global uint* dst, uint value) {
    size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);
    dst[i] = value + (uint) i;
}

__kernel void scale(__global const uchar4* src, __global uchar4* dst, int width,
                    float gain, __constant float* weights) {
    size_t i = get_global_id(1) * width + get_global_id(0);
    float4 p = convert_float4(src[i]) * gain;
    dst[i] = convert_uchar4_sat_rte(p * (float4)(weights[0], weights[1], weights[2], 1.0f));
}

/* 64-bit integers as pairs of words, low word first; one work item */
__kernel void longs(__global uint* dst, long a, ulong b) {
    dst[0] = (uint) a;
    dst[1] = (uint) (a >> 32);
    dst[2] = (uint) b;
    dst[3] = (uint) (b >> 32);
}
