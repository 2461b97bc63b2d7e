package dev.scope.engine.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The one guard through which a stage calls its pipeline instance (as Felix SCR calls components):
 * it catches everything the plugin throws, {@link LinkageError} and other errors included, and
 * turns it into a {@link Failure} naming what was called; and it lets a supervisor (the session's
 * watchdog) give up on a call that runs past its deadline. A call given up on is
 * <em>abandoned</em>: when its thread ever comes back it gets {@link Abandoned}, which unwinds it
 * without touching the chain again, since another thread has taken over.
 *
 * <p>One guard serves one pipeline instance; a new instance gets a new guard.
 */
final class Guard {

    private static final int IDLE = 0;
    private static final int CALLING = 1;
    private static final int ABANDONED = 2;

    private final LongSupplier clock;
    private final AtomicInteger state = new AtomicInteger(IDLE);
    private volatile long startedNanos;
    private volatile String calling = "";

    /** @param clock the time calls are measured by, in nanoseconds */
    Guard(LongSupplier clock) {
        this.clock = clock;
    }

    /** Plugin code. */
    @FunctionalInterface
    interface PluginCode<T> {
        T run() throws Exception;
    }

    /** What a plugin threw, with the name of what was called. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        final String method;

        Failure(String method, Throwable cause) {
            super(method + " failed: " + FailureText.of(cause).plain(), cause);
            this.method = method;
        }

        /** @return the failure in plain words, as a stage's reason says it */
        String reason() {
            String plain = FailureText.of(getCause()).plain();
            return method.equals("call") ? plain : method + "() failed: " + plain;
        }
    }

    /** Unwinds the thread of an abandoned call; never caught by the chain. */
    static final class Abandoned extends Error {
        private static final long serialVersionUID = 1L;

        Abandoned() {
            super("the call was abandoned after its deadline", null, false, false);
        }
    }

    /**
     * Runs plugin code.
     *
     * @param method what is called, for messages: {@code configure}, {@code prepare}, {@code call},
     *        {@code close}
     * @throws Failure when the code throws anything
     * @throws Abandoned when the call was given up on meanwhile, or before
     */
    <T> T run(String method, PluginCode<T> code) throws Failure {
        calling = method;
        startedNanos = clock.getAsLong();
        if (!state.compareAndSet(IDLE, CALLING)) {
            throw new Abandoned();
        }
        T result = null;
        Throwable thrown = null;
        try {
            result = code.run();
        } catch (Throwable t) { // as SCR: errors (LinkageError, OutOfMemoryError, ...) are the plugin's too
            thrown = t;
        }
        if (!state.compareAndSet(CALLING, IDLE)) {
            throw new Abandoned();
        }
        if (thrown != null) {
            throw new Failure(method, thrown);
        }
        return result;
    }

    /** @return whether a call is running now */
    boolean inCall() {
        return state.get() == CALLING;
    }

    /** @return what is being called now ({@code call}, {@code prepare}, ...) */
    String calling() {
        return calling;
    }

    /**
     * Gives up on the running call when it has run for more than {@code deadlineNanos}.
     *
     * @return whether it did: the caller then takes over the call's thread's work
     */
    boolean abandonIfOverdue(long deadlineNanos) {
        return state.get() == CALLING && clock.getAsLong() - startedNanos > deadlineNanos
                && state.compareAndSet(CALLING, ABANDONED);
    }

    /** @return whether a call was given up on: the instance must not be called again */
    boolean abandoned() {
        return state.get() == ABANDONED;
    }
}
