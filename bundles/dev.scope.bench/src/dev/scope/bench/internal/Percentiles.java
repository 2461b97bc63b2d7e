package dev.scope.bench.internal;

import java.util.Arrays;

/** Nearest-rank percentiles of measured durations, for the cases that report p50 / p99. */
final class Percentiles {

    private Percentiles() {
    }

    /**
     * @param nanos the durations in nanoseconds, in any order (not changed)
     * @param p the percentile, 0 to 100
     * @return that percentile in milliseconds, or null (JSON has no NaN) without a sample
     */
    static Double millis(long[] nanos, double p) {
        if (nanos.length == 0) {
            return null;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int i = Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
