package dev.scope.engine.internal;

import dev.scope.engine.api.SessionClock;

/** A session clock that only the test moves: pacing and the watchdog wait for it, never for the wall. */
final class ManualClock implements SessionClock {

    private long now;
    /** The times the sleeping threads wait for; one that has come is no longer counted as waiting. */
    private final java.util.List<Long> targets = new java.util.ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public void sleepUntil(long nanoTime) throws InterruptedException {
        synchronized (this) {
            Long target = nanoTime;
            targets.add(target);
            notifyAll();
            try {
                while (now < nanoTime) {
                    wait();
                }
            } finally {
                targets.remove(target);
                notifyAll();
            }
        }
    }

    /** Moves the time on and wakes whoever waits for it. */
    synchronized void advance(long nanos) {
        now += nanos;
        notifyAll();
    }

    synchronized void advanceMillis(long millis) {
        advance(millis * 1_000_000);
    }

    /**
     * Waits (for real, at most 10 s) until {@code n} threads wait for a time still to come: the
     * session's threads that pace themselves by this clock have got as far as they can. A thread
     * whose time has come but which has not woken yet is not counted.
     */
    synchronized void awaitSleepers(int n) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (waiting() < n) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("timed out waiting for " + n + " threads to wait for the clock (" + waiting()
                        + " do)");
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    private long waiting() {
        return targets.stream().filter(t -> t > now).count();
    }
}
