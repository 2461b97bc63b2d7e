/* The device's rate of 32-bit integer multiplies and adds on 16-lane vectors, the arithmetic
   blur.cl does: eight independent chains a work item, so that the rate counts, not the latency
   of one chain. Each iteration is 8 vector multiplies and 8 vector adds (256 operations); the
   result is written so that the compiler keeps the work. */
__kernel void macs(__global int* out, int iterations, int weight) {
    int16 a0 = (int16)(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15) + (int) get_global_id(0);
    int16 a1 = a0 + 16, a2 = a0 + 32, a3 = a0 + 48, a4 = a0 + 64, a5 = a0 + 80, a6 = a0 + 96, a7 = a0 + 112;
    int16 w = (int16)(weight);
    for (int k = 0; k < iterations; k++) {
        a0 = a0 * w + a1;
        a1 = a1 * w + a2;
        a2 = a2 * w + a3;
        a3 = a3 * w + a4;
        a4 = a4 * w + a5;
        a5 = a5 * w + a6;
        a6 = a6 * w + a7;
        a7 = a7 * w + w;
    }
    int16 s = a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
    out[get_global_id(0)] = s.s0 + s.s1 + s.s2 + s.s3 + s.s4 + s.s5 + s.s6 + s.s7 + s.s8 + s.s9 + s.sa + s.sb
            + s.sc + s.sd + s.se + s.sf;
}
