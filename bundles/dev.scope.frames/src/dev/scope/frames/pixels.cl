/* The device half of PlatformPixels: the same integer arithmetic as its Java code, so both paths
   give the same levels. One packed pixel (red in the low byte) a work item. */

/* v * keep + (255 - v) * inverse, in 8-bit fixed point, two channels at once in the halves of a word */
__kernel void blend(__global const uint* src, __global uint* dst, uint keep, uint inverse) {
    size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);
    uint p = src[i];
    uint even = p & 0x00FF00FFu;
    uint odd = (p >> 8) & 0x00FF00FFu;
    uint e = ((even * keep + (0x00FF00FFu - even) * inverse + 0x00800080u) >> 8) & 0x00FF00FFu;
    uint o = (odd * keep + (0x00FF00FFu - odd) * inverse + 0x00800080u) & 0xFF00FF00u;
    dst[i] = e | o | 0xFF000000u;
}

/* table: 256 red levels, 256 green levels shifted by 8, 256 blue levels shifted by 16 */
__kernel void lookup(__global const uint* src, __global uint* dst, __constant uint* table) {
    size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);
    uint p = src[i];
    dst[i] = table[p & 0xFFu] | table[256 + ((p >> 8) & 0xFFu)] | table[512 + ((p >> 16) & 0xFFu)] | 0xFF000000u;
}
