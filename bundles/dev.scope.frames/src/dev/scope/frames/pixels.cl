/* The device half of PlatformPixels: the same integer arithmetic as PixelMap's Java code, so both
   paths give the same levels. Packed pixels, red in the low byte. */

/* PixelOps.apply: maps one after the other in one pass, sixteen pixels a work item (explicit
   vectors); the last work item takes the n % 16 pixels that remain. steps: for each map its kind
   (0 blend: keep, inverse; 1 table: 768 shifted levels; 2 matrix: nine entries and the offset, 16
   fractional bits), then its constants, as PixelMap's Java code applies them. */

#define BLEND(T, p, keep, inverse) \
    ((((p & 0x00FF00FFu) * keep + (0x00FF00FFu - (p & 0x00FF00FFu)) * inverse + 0x00800080u) >> 8 & 0x00FF00FFu) \
    | ((((p >> 8) & 0x00FF00FFu) * keep + (0x00FF00FFu - ((p >> 8) & 0x00FF00FFu)) * inverse + 0x00800080u) \
        & 0xFF00FF00u) | 0xFF000000u)

#define MATRIX(T, r, g, b, m) \
    (convert_##T(clamp((m[0] * r + m[1] * g + m[2] * b + m[9]) >> 16, 0, 255)) \
    | convert_##T(clamp((m[3] * r + m[4] * g + m[5] * b + m[9]) >> 16, 0, 255)) << 8 \
    | convert_##T(clamp((m[6] * r + m[7] * g + m[8] * b + m[9]) >> 16, 0, 255)) << 16 | 0xFF000000u)

#define TABLE(p, t) (t[p & 0xFFu] | t[256 + ((p >> 8) & 0xFFu)] | t[512 + ((p >> 16) & 0xFFu)] | 0xFF000000u)

/* a table alone, one pixel a work item (CPU devices gather faster so than in vectors): 256 red
   levels, 256 green levels shifted by 8, 256 blue levels shifted by 16 */
__kernel void lookup(__global const uint* src, __global uint* dst, __constant uint* table) {
    size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);
    uint p = src[i];
    dst[i] = TABLE(p, table);
}

__kernel void maps(__global const uint* src, __global uint* dst, __constant int* steps, int count, int n) {
    int i = get_global_id(0) * 16;
    if (i + 16 <= n) {
        uint16 v = vload16(0, src + i);
        __constant int* s = steps;
        for (int k = 0; k < count; k++) {
            int kind = s[0];
            __constant int* c = s + 1;
            if (kind == 0) {
                uint keep = (uint) c[0];
                uint inverse = (uint) c[1];
                v = BLEND(uint16, v, keep, inverse);
                s = c + 2;
            } else if (kind == 1) {
                __constant uint* t = (__constant uint*) c;
                uint a[16];
                vstore16(v, 0, a);
                for (int l = 0; l < 16; l++) {
                    a[l] = TABLE(a[l], t);
                }
                v = vload16(0, a);
                s = c + 768;
            } else {
                int16 r = convert_int16(v & 0xFFu);
                int16 g = convert_int16(v >> 8 & 0xFFu);
                int16 b = convert_int16(v >> 16 & 0xFFu);
                v = MATRIX(uint16, r, g, b, c);
                s = c + 10;
            }
        }
        vstore16(v | 0xFF000000u, 0, dst + i);
    } else {
        for (; i < n; i++) {
            uint p = src[i];
            __constant int* s = steps;
            for (int k = 0; k < count; k++) {
                int kind = s[0];
                __constant int* c = s + 1;
                if (kind == 0) {
                    p = BLEND(uint, p, (uint) c[0], (uint) c[1]);
                    s = c + 2;
                } else if (kind == 1) {
                    p = TABLE(p, ((__constant uint*) c));
                    s = c + 768;
                } else {
                    int r = p & 0xFF;
                    int g = p >> 8 & 0xFF;
                    int b = p >> 16 & 0xFF;
                    p = MATRIX(uint, r, g, b, c);
                    s = c + 10;
                }
            }
            dst[i] = p | 0xFF000000u;
        }
    }
}
