/* ColorGradePipeline.Grade on the device, in the same fixed point (BITS fractional bits, a build
   option), so both paths give the same levels. m holds the matrix, then the offset.

   grade: sixteen pixels a work item (explicit vectors, which CPU devices run much faster than a
   pixel a work item); the last work item takes the n % 16 pixels that remain one by one. */

#define GRADE(T, r, g, b, m) \
    (convert_##T(clamp((m[0] * r + m[1] * g + m[2] * b + m[9]) >> BITS, 0, 255)) \
    | convert_##T(clamp((m[3] * r + m[4] * g + m[5] * b + m[9]) >> BITS, 0, 255)) << 8 \
    | convert_##T(clamp((m[6] * r + m[7] * g + m[8] * b + m[9]) >> BITS, 0, 255)) << 16 | 0xFF000000u)

__kernel void grade(__global const uint* src, __global uint* dst, __constant int* m, int n) {
    int i = get_global_id(0) * 16;
    if (i + 16 <= n) {
        uint16 v = vload16(0, src + i);
        int16 r = convert_int16(v & 0xFFu);
        int16 g = convert_int16(v >> 8 & 0xFFu);
        int16 b = convert_int16(v >> 16 & 0xFFu);
        vstore16(GRADE(uint16, r, g, b, m), 0, dst + i);
    } else {
        for (; i < n; i++) {
            uint v = src[i];
            int r = v & 0xFF;
            int g = v >> 8 & 0xFF;
            int b = v >> 16 & 0xFF;
            dst[i] = GRADE(uint, r, g, b, m);
        }
    }
}
