package dev.scope.bench.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The latency case's figures after the first second, from made-up arrivals (no clock involved). */
class SteadyTest {

    private static final long START = 5_000_000_000L;

    /** A frame of the 30 fps stream, number {@code n}, on the host {@code millis} after it was due. */
    private static long[] shown(int n, double millis) {
        long pts = Math.round(n * 1e6 / 30);
        return new long[] {pts, START + pts * 1000 + Math.round(millis * 1e6)};
    }

    @Test
    void theFirstSecondIsLeftOutAndTheRestCounted() {
        List<long[]> frames = new ArrayList<>();
        for (int n = 0; n < 30; n++) {
            frames.add(shown(n, 500)); // the first second: slow, and not counted
        }
        for (int n = 30; n < 180; n++) {
            frames.add(shown(n, n == 100 ? 40 : 10 + n % 3));
        }
        Steady s = Steady.of(frames, START, 30, 6);
        assertEquals(150, s.due());
        assertEquals(150, s.shown());
        assertEquals(11, s.p50Millis(), 1e-9);
        assertEquals(12, s.p99Millis(), 1e-9, "one slow frame of 150 is above the 99th percentile");
    }

    @Test
    void aFrameThatNeverCameIsMissingAndARepeatCountsOnce() {
        List<long[]> frames = new ArrayList<>();
        for (int n = 30; n < 180; n++) {
            if (n != 77) {
                frames.add(shown(n, 20));
            }
        }
        frames.add(shown(40, 25)); // the same frame shown twice (an interpolator's lead frame, say)
        Steady s = Steady.of(frames, START, 30, 6);
        assertEquals(150, s.due());
        assertEquals(149, s.shown());
        assertEquals(20, s.p99Millis(), 1e-9, "the one slower showing of 150 is above the 99th percentile");
        frames.add(shown(41, 25));
        assertEquals(25, Steady.of(frames, START, 30, 6).p99Millis(), 1e-9, "two of 151 are not");
    }

    @Test
    void nothingShownGivesZeros() {
        Steady s = Steady.of(List.of(), START, 30, 2);
        assertEquals(30, s.due());
        assertEquals(0, s.shown());
        assertEquals(0, s.p99Millis());
    }
}
