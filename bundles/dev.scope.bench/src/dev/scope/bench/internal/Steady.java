package dev.scope.bench.internal;

import java.util.Arrays;
import java.util.List;

/**
 * A real-time stream after its first second, as the frames reached the host: how many frames
 * were due then and how many were shown, and the latency from a frame's due time (the stream's
 * start plus its presentation time) to the moment it was on the host, p50 and p99. The first
 * second (kernels built, pools filled, a new chain's first calls) is left out, as in the goal "0
 * dropped after the first second".
 *
 * @param due frames whose presentation time lies in [1 s, the session's length)
 * @param shown of those, the frames that reached the host (each presentation time once)
 */
record Steady(long due, long shown, double p50Millis, double p99Millis) {

    static final long FIRST_SECOND_MICROS = 1_000_000;

    /**
     * @param shown {presentation time in microseconds, System.nanoTime() when on the host} of every
     *        frame the sink took
     * @param startedNanos System.nanoTime() when the stream's clock started
     */
    static Steady of(List<long[]> shown, long startedNanos, double frameRate, double seconds) {
        long[][] frames = shown.toArray(new long[0][]);
        long[] latencies = Arrays.stream(frames).filter(f -> f[0] >= FIRST_SECOND_MICROS)
                .mapToLong(f -> f[1] - (startedNanos + f[0] * 1000)).sorted().toArray();
        long distinct = Arrays.stream(frames).filter(f -> f[0] >= FIRST_SECOND_MICROS).mapToLong(f -> f[0])
                .distinct().count();
        long due = Math.max(0, (long) Math.ceil(seconds * frameRate) - (long) Math.ceil(frameRate));
        return new Steady(due, distinct, percentile(latencies, 50), percentile(latencies, 99));
    }

    /** The nearest-rank percentile of sorted nanoseconds, in milliseconds; 0 for none. */
    private static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100 * sortedNanos.length) - 1;
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, index))] / 1e6;
    }
}
