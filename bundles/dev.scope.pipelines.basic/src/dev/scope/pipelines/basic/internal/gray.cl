/* GrayPipeline on the device, with the Java path's fixed point: the same levels. One packed pixel a
   work item, red in the low byte: word loads and stores vectorize on CPU devices, where per-channel
   uchar4 access does not. */
__kernel void gray(__global const uint* src, __global uint* dst) {
    size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);
    uint p = src[i];
    uint y = (19595u * (p & 0xFFu) + 38470u * (p >> 8 & 0xFFu) + 7471u * (p >> 16 & 0xFFu) + 32768u) >> 16;
    dst[i] = 0xFF000000u | y * 0x010101u;
}
