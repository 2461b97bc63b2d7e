package dev.scope.gpu.opencl.internal;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.scope.gpu.api.DeviceFrame;

/**
 * A handle of a device frame of one {@link OpenClGpu}: one reference to its {@link ClMemory}.
 * {@link OpenClGpu#allocate} and a copying {@link OpenClGpu#upload} make writable handles,
 * {@link #retain()} read-only ones; see {@link DeviceFrame}.
 */
final class ClFrame implements DeviceFrame {

    /**
     * The handle's reference to its memory, reachable without the handle: when a handle is
     * collected unreleased, the service finds this on its reference queue, counts the leak and
     * drops the reference.
     */
    static final class Tracker extends PhantomReference<Object> {
        final ClMemory memory;

        Tracker(Object handle, ClMemory memory, ReferenceQueue<Object> queue) {
            super(handle, queue);
            this.memory = memory;
        }
    }

    final ClMemory memory;
    private final boolean writable;
    private final AtomicBoolean released = new AtomicBoolean();
    private final Tracker tracker;

    ClFrame(ClMemory memory, boolean writable, ReferenceQueue<Object> queue) {
        this.memory = memory;
        this.writable = writable;
        this.tracker = new Tracker(this, memory, queue);
    }

    Tracker tracker() {
        return tracker;
    }

    OpenClGpu owner() {
        return memory.owner;
    }

    /** @throws IllegalStateException when this handle was released */
    void live() {
        if (released.get()) {
            throw new IllegalStateException("this device frame handle was released; retain() a frame to keep it");
        }
    }

    boolean released() {
        return released.get();
    }

    @Override
    public int width() {
        return memory.width;
    }

    @Override
    public int height() {
        return memory.height;
    }

    @Override
    public Residency residency() {
        return Residency.DEVICE;
    }

    @Override
    public boolean writable() {
        return writable && !released.get();
    }

    @Override
    public void readRows(int firstRow, int rows, int[] dst, int offset) {
        live();
        checkRows(firstRow, rows, dst, offset);
        memory.owner.readRows(this, firstRow, rows, dst, offset);
    }

    @Override
    public void writeRows(int firstRow, int rows, int[] src, int offset) {
        live();
        if (!writable) {
            throw new IllegalStateException("this device frame is read-only: write only frames you allocated, before"
                    + " handing them over");
        }
        checkRows(firstRow, rows, src, offset);
        memory.owner.writeRows(this, firstRow, rows, src, offset);
    }

    private void checkRows(int firstRow, int rows, int[] array, int offset) {
        Objects.checkFromIndexSize(firstRow, rows, memory.height);
        Objects.checkFromIndexSize(offset, rows * memory.width, array.length);
    }

    @Override
    public DeviceFrame retain() {
        live();
        memory.retain();
        return memory.owner.handle(memory, false);
    }

    @Override
    public void release() {
        if (!released.compareAndSet(false, true)) {
            throw new IllegalStateException("this device frame handle was already released");
        }
        memory.owner.released(tracker);
    }

    @Override
    public String toString() {
        return "device frame " + memory.width + "x" + memory.height + (writable ? "" : ", read-only")
                + (released.get() ? " (released)" : "");
    }
}
