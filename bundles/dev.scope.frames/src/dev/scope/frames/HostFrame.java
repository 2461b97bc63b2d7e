package dev.scope.frames;

import java.nio.IntBuffer;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.scope.pipeline.api.Frame;

/** A handle of a pooled host frame: one reference to its {@link Block}. */
final class HostFrame implements Frame {

    final Block block;
    private final boolean writable;
    private final AtomicBoolean released = new AtomicBoolean();

    HostFrame(Block block, boolean writable) {
        this.block = block;
        this.writable = writable;
    }

    @Override
    public int width() {
        return block.width;
    }

    @Override
    public int height() {
        return block.height;
    }

    @Override
    public Residency residency() {
        return Residency.HOST;
    }

    @Override
    public boolean writable() {
        return writable && !released.get();
    }

    @Override
    public void readRows(int firstRow, int rows, int[] dst, int offset) {
        live();
        checkRows(firstRow, rows, dst, offset);
        block.pixels.get(firstRow * block.width, dst, offset, rows * block.width);
    }

    @Override
    public void writeRows(int firstRow, int rows, int[] src, int offset) {
        live();
        if (!writable) {
            throw new IllegalStateException("this frame is read-only: write only frames you allocated, before"
                    + " handing them over");
        }
        checkRows(firstRow, rows, src, offset);
        int n = rows * block.width;
        int at = firstRow * block.width;
        // one absolute put per pixel with the padding byte set: measured against a scan for
        // already-opaque rows followed by a bulk copy, it is faster for opaque rows and several
        // times faster for the rest (C2 does not vectorize the scan's reduction)
        IntBuffer dst = block.pixels;
        for (int i = 0; i < n; i++) {
            dst.put(at + i, src[offset + i] | OPAQUE);
        }
    }

    /**
     * {@link #writeRows} for the platform's own helpers, whose pixels carry the padding byte
     * already: one bulk copy, no scan.
     *
     * @param src packed pixels whose padding byte is {@code 0xFF}, every one
     */
    void writeOpaqueRows(int firstRow, int rows, int[] src, int offset) {
        live();
        if (!writable) {
            throw new IllegalStateException("this frame is read-only: write only frames you allocated, before"
                    + " handing them over");
        }
        checkRows(firstRow, rows, src, offset);
        block.pixels.put(firstRow * block.width, src, offset, rows * block.width);
    }

    private void checkRows(int firstRow, int rows, int[] array, int offset) {
        Objects.checkFromIndexSize(firstRow, rows, block.height);
        Objects.checkFromIndexSize(offset, rows * block.width, array.length);
    }

    @Override
    public Frame retain() {
        live();
        block.retain();
        return new HostFrame(block, false);
    }

    @Override
    public void release() {
        if (!released.compareAndSet(false, true)) {
            throw new IllegalStateException("this frame handle was already released");
        }
        block.release();
    }

    void live() {
        if (released.get()) {
            throw new IllegalStateException("this frame handle was released; retain() a frame to keep it");
        }
    }

    @Override
    public String toString() {
        return "host frame " + block.width + "x" + block.height + (released.get() ? " (released)" : "");
    }
}
