package dev.scope.engine.internal;

import java.util.Arrays;

/** The most recent durations of something, for percentiles. Thread-safe. */
final class CallTimes {

    private final long[] nanos;
    private int next;
    private int count;

    CallTimes(int capacity) {
        nanos = new long[capacity];
    }

    synchronized void add(long durationNanos) {
        nanos[next] = durationNanos;
        next = (next + 1) % nanos.length;
        count = Math.min(count + 1, nanos.length);
    }

    /** @return the given percentile (0..100) in milliseconds, or 0 with no samples */
    double percentileMillis(double percentile) {
        long[] copy;
        synchronized (this) {
            copy = Arrays.copyOf(nanos, count);
        }
        if (copy.length == 0) {
            return 0;
        }
        Arrays.sort(copy);
        int index = (int) Math.ceil(percentile / 100.0 * copy.length) - 1;
        return copy[Math.max(0, Math.min(copy.length - 1, index))] / 1e6;
    }
}
