package dev.scope.gpu.opencl.internal;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import dev.scope.gpu.api.GpuTimer;

import org.jocl.cl_event;

/**
 * A {@link GpuTimer} of one {@link OpenClGpu}: the profiling events of the launches its thread
 * enqueued while it was open. The events live in {@link Events}, reachable without the timer, so
 * that the service releases those of a timer dropped before they were counted.
 */
final class ClTimer implements GpuTimer {

    /** A timer's events not yet counted, and what the counted ones came to. Guarded by itself. */
    static final class Events extends PhantomReference<ClTimer> {
        final List<cl_event> pending = new ArrayList<>();
        long nanos;
        int launches;
        boolean closed;
        /** Events were released before they were counted: the sum is unknown. */
        boolean lost;

        Events(ClTimer timer, ReferenceQueue<ClTimer> queue) {
            super(timer, queue);
        }
    }

    private final OpenClGpu owner;
    final Thread thread;
    final Events events;

    ClTimer(OpenClGpu owner, ReferenceQueue<ClTimer> queue) {
        this.owner = owner;
        this.thread = Thread.currentThread();
        this.events = new Events(this, queue);
    }

    /** @return whether launches still count */
    boolean open() {
        synchronized (events) {
            return !events.closed;
        }
    }

    /** Counts a launch; called by the launching thread, with the launch's own event. */
    void add(cl_event event) {
        synchronized (events) {
            events.pending.add(event);
            events.launches++;
        }
    }

    @Override
    public void close() {
        owner.closeTimer(this);
    }

    @Override
    public OptionalLong deviceNanos() {
        return owner.deviceNanos(events);
    }

    @Override
    public int launches() {
        synchronized (events) {
            return events.launches;
        }
    }

    @Override
    public String toString() {
        return "GpuTimer[" + launches() + " launches" + (open() ? ", open]" : "]");
    }
}
