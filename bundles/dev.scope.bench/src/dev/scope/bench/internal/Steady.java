package dev.scope.bench.internal;

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
        List<long[]> steady = shown.stream().filter(f -> f[0] >= FIRST_SECOND_MICROS).toList();
        long[] latencies = steady.stream().mapToLong(f -> f[1] - (startedNanos + f[0] * 1000)).toArray();
        long distinct = steady.stream().mapToLong(f -> f[0]).distinct().count();
        long due = Math.max(0, (long) Math.ceil(seconds * frameRate) - (long) Math.ceil(frameRate));
        return new Steady(due, distinct, orZero(Percentiles.millis(latencies, 50)),
                orZero(Percentiles.millis(latencies, 99)));
    }

    /** No frame shown: 0, with {@link #shown()} 0 saying why. */
    private static double orZero(Double millis) {
        return millis == null ? 0 : millis;
    }
}
