/* Doubles as the words of their bits, low word first: for devices with cl_khr_fp64. */
#pragma OPENCL EXTENSION cl_khr_fp64 : enable

__kernel void doubles(__global uint* dst, double d, __constant double* table, int n) {
    ulong bits = as_ulong(d);
    dst[0] = (uint) bits;
    dst[1] = (uint) (bits >> 32);
    for (int i = 0; i < n; i++) {
        ulong t = as_ulong(table[i] * 2.0);
        dst[2 + 2 * i] = (uint) t;
        dst[3 + 2 * i] = (uint) (t >> 32);
    }
}
