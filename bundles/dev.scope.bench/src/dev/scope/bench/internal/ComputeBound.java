package dev.scope.bench.internal;

import java.util.Arrays;

import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuBuffer;
import dev.scope.gpu.api.GpuKernel;

/**
 * The compute bound of the blur: the integer arithmetic a separable gaussian must do per frame,
 * divided by the device's measured peak for that arithmetic (32-bit multiplies and adds on
 * 16-lane vectors, {@code peak.cl}). The bound counts only the multiplies and adds of the taps,
 * not the loads, the conversions or the rounding, so no implementation of the same filter can
 * beat it on that device; its ratio says how much of the machine's arithmetic the stage turns
 * into pixels.
 */
final class ComputeBound {

    /** Work items of one launch: enough to fill every core with vectorised work groups. */
    private static final int ITEMS = 4096;
    /** Operations of one iteration of one work item: 8 vector multiplies and 8 adds of 16 lanes. */
    private static final int OPS_PER_ITERATION = 256;

    private ComputeBound() {
    }

    /**
     * The blur's operations per frame: each of the red, green and blue levels, in each of the
     * two passes, takes {@code radius + 1} multiplies (the weights are symmetric, so the two
     * pixels at {@code +-k} are added first) and {@code 2 radius} adds; {@code radius = ceil(3
     * sigma)}, as the stage's {@code Gaussian} makes it.
     */
    static long blurOps(int width, int height, double sigma) {
        int radius = (int) Math.ceil(3 * sigma);
        return (long) width * height * 3 * 2 * (3L * radius + 1);
    }

    /**
     * @param gpu the device
     * @param seconds about how long to measure in all
     * @return the device's 32-bit integer operations per second: the median of three timed rounds
     *         after a calibrating launch
     */
    static double intOpsPerSecond(Gpu gpu, double seconds) {
        GpuKernel macs = gpu.compile(ComputeBound.class, "peak.cl", "").kernel("macs");
        GpuBuffer out = gpu.buffer(4L * ITEMS);
        try {
            // calibrate: grow the launch until it takes a twentieth of a round
            double round = Math.max(0.05, seconds / 3);
            int iterations = 64;
            while (iterations < 1 << 24 && launch(gpu, macs, out, iterations) < round / 20) {
                iterations *= 4;
            }
            double[] rates = new double[3];
            for (int r = 0; r < rates.length; r++) {
                double elapsed = 0;
                long ops = 0;
                while (elapsed < round || ops == 0) {
                    elapsed += launch(gpu, macs, out, iterations);
                    ops += (long) ITEMS * iterations * OPS_PER_ITERATION;
                }
                rates[r] = ops / elapsed;
            }
            Arrays.sort(rates);
            return rates[1];
        } finally {
            out.release();
        }
    }

    /** @return the seconds one launch took, to its end on the device */
    private static double launch(Gpu gpu, GpuKernel macs, GpuBuffer out, int iterations) {
        long start = System.nanoTime();
        macs.launch(ITEMS, 1).arg(out).arg(iterations).arg(3).run();
        gpu.finish();
        return (System.nanoTime() - start) / 1e9;
    }
}
