/* BlurPipeline on the device: the Java path's two integer passes, so both give the same levels.
   rows: each pixel's horizontal sum, rounded to 8 fractional bits (at most 255 * 256, so 16 bits
   hold it); columns: the vertical sum of those, rounded to a level. weights[k] is the weight of
   offsets +-k, summing to 2^GAUSS_BITS (a build option).

   A work item computes four neighbouring pixels, all sixteen bytes in one int16 vector: explicit
   vectors are what CPU devices (PoCL) run fast, and GPUs do not mind. Only the work items within
   radius of an edge clamp, pixel by pixel along the rows and row by row down the columns. */

#define ROUND_ROWS(acc) (((acc) + (1 << (GAUSS_BITS - 9))) >> (GAUSS_BITS - 8))
#define ROUND_COLUMNS(acc) (((acc) + (1 << (2 * GAUSS_BITS - 7))) >> (2 * GAUSS_BITS - 6))

__kernel void rows(__global const uchar* src, __global ushort* tmp, int width, int height,
                   __constant int* weights, int radius) {
    int x0 = get_global_id(0) * 4;
    int y = get_global_id(1);
    if (x0 >= width || y >= height) {
        return;
    }
    __global const uchar* row = src + (size_t) y * width * 4;
    __global ushort* out = tmp + (size_t) y * width * 4;
    if (x0 >= radius && x0 + 3 + radius < width) {
        __global const uchar* p = row + x0 * 4;
        int16 acc = weights[0] * convert_int16(vload16(0, p));
        for (int k = 1; k <= radius; k++) {
            acc += weights[k] * (convert_int16(vload16(0, p - 4 * k)) + convert_int16(vload16(0, p + 4 * k)));
        }
        vstore16(convert_ushort16(ROUND_ROWS(acc)), 0, out + x0 * 4);
    } else {
        for (int x = x0; x < min(x0 + 4, width); x++) {
            int4 acc = weights[0] * convert_int4(vload4(x, row));
            for (int k = 1; k <= radius; k++) {
                acc += weights[k] * (convert_int4(vload4(max(x - k, 0), row))
                        + convert_int4(vload4(min(x + k, width - 1), row)));
            }
            vstore4(convert_ushort4(ROUND_ROWS(acc)), x, out);
        }
    }
}

/* four pixels' column sums as levels, alpha opaque */
uchar16 level16(int16 acc) {
    uchar16 v = convert_uchar16(ROUND_COLUMNS(acc));
    v.s3 = 255;
    v.s7 = 255;
    v.sb = 255;
    v.sf = 255;
    return v;
}

__kernel void columns(__global const ushort* tmp, __global uchar* dst, int width, int height,
                      __constant int* weights, int radius) {
    int x0 = get_global_id(0) * 4;
    int y = get_global_id(1);
    if (x0 >= width || y >= height) {
        return;
    }
    size_t stride = (size_t) width * 4;
    size_t at = y * stride + x0 * 4;
    if (x0 + 4 <= width && y >= radius && y + radius < height) {
        /* no row to clamp: whole-stride steps from the centre (clamping each tap's row, as the
           branch below must, made this pass twice as slow on PoCL) */
        __global const ushort* p = tmp + at;
        int16 acc = weights[0] * convert_int16(vload16(0, p));
        for (int k = 1; k <= radius; k++) {
            acc += weights[k] * (convert_int16(vload16(0, p - k * stride)) + convert_int16(vload16(0, p + k * stride)));
        }
        vstore16(level16(acc), 0, dst + at);
    } else if (x0 + 4 <= width) {
        int16 acc = weights[0] * convert_int16(vload16(0, tmp + at));
        for (int k = 1; k <= radius; k++) {
            size_t up = max(y - k, 0) * stride + x0 * 4;
            size_t down = min(y + k, height - 1) * stride + x0 * 4;
            acc += weights[k] * (convert_int16(vload16(0, tmp + up)) + convert_int16(vload16(0, tmp + down)));
        }
        vstore16(level16(acc), 0, dst + at);
    } else {
        for (int x = x0; x < width; x++) {
            int4 acc = weights[0] * convert_int4(vload4(0, tmp + y * stride + x * 4));
            for (int k = 1; k <= radius; k++) {
                acc += weights[k] * (convert_int4(vload4(0, tmp + max(y - k, 0) * stride + x * 4))
                        + convert_int4(vload4(0, tmp + min(y + k, height - 1) * stride + x * 4)));
            }
            int4 v = ROUND_COLUMNS(acc);
            vstore4((uchar4)((uchar) v.x, (uchar) v.y, (uchar) v.z, 255), 0, dst + y * stride + x * 4);
        }
    }
}
