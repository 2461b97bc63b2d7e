package dev.scope.engine.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The time a session paces itself and measures latency by. The system's by default
 * ({@link #SYSTEM}); a test gives one that it advances itself, so no test of real-time behaviour
 * depends on the wall clock or on sleeping.
 *
 * @since 3.0
 */
@ConsumerType
public interface SessionClock {

    /** The monotonic system clock ({@link System#nanoTime()}) and real sleeps. */
    SessionClock SYSTEM = new SessionClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleepUntil(long nanoTime) throws InterruptedException {
            long wait = nanoTime - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
    };

    /** @return the current time in nanoseconds, monotonic, of an arbitrary origin */
    long nanoTime();

    /**
     * Returns once {@link #nanoTime()} has reached {@code nanoTime} (at once when it has).
     *
     * @param nanoTime a time of this clock
     * @throws InterruptedException when the waiting thread is interrupted
     */
    void sleepUntil(long nanoTime) throws InterruptedException;
}
