package dev.scope.gpu.opencl.internal;

import java.lang.ref.ReferenceQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.scope.gpu.api.GpuBuffer;

/** A scratch buffer of one {@link OpenClGpu}: the one reference to its pooled {@link ClMemory}. */
final class ClBuffer implements GpuBuffer {

    final ClMemory memory;
    private final AtomicBoolean released = new AtomicBoolean();
    private final ClFrame.Tracker tracker;

    ClBuffer(ClMemory memory, ReferenceQueue<Object> queue) {
        this.memory = memory;
        this.tracker = new ClFrame.Tracker(this, memory, queue);
    }

    ClFrame.Tracker tracker() {
        return tracker;
    }

    OpenClGpu owner() {
        return memory.owner;
    }

    /** @throws IllegalStateException when it was released */
    void live() {
        if (released.get()) {
            throw new IllegalStateException("this GpuBuffer was released");
        }
    }

    @Override
    public long bytes() {
        return memory.bytes;
    }

    @Override
    public void release() {
        if (!released.compareAndSet(false, true)) {
            throw new IllegalStateException("this GpuBuffer was already released");
        }
        memory.owner.released(tracker);
    }

    @Override
    public String toString() {
        return "GpuBuffer[" + memory.bytes + " bytes" + (released.get() ? ", released]" : "]");
    }
}
