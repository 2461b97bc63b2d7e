package dev.scope.frames;

import dev.scope.pipeline.api.Frame;

/**
 * A frame as a stage receives it: a read-only view of a handle the engine keeps, lent for one
 * call. It can be read and {@link #retain() retained}, never written or released.
 */
final class Borrowed implements Frame {

    final Frame target;
    private volatile boolean expired;

    Borrowed(Frame target) {
        this.target = target;
    }

    /** Ends the loan: the call is over, and the view must not be used any more. */
    void expire() {
        expired = true;
    }

    /** @throws IllegalStateException when the loan ended */
    void current() {
        if (expired) {
            throw new IllegalStateException("an input frame is lent for its call only; retain() it to keep it");
        }
    }

    @Override
    public int width() {
        return target.width();
    }

    @Override
    public int height() {
        return target.height();
    }

    @Override
    public Residency residency() {
        return target.residency();
    }

    @Override
    public boolean writable() {
        return false;
    }

    @Override
    public void readRows(int firstRow, int rows, int[] dst, int offset) {
        current();
        target.readRows(firstRow, rows, dst, offset);
    }

    @Override
    public void writeRows(int firstRow, int rows, int[] src, int offset) {
        throw new IllegalStateException("an input frame is read-only: allocate a new frame for the output");
    }

    @Override
    public Frame retain() {
        current();
        return target.retain();
    }

    @Override
    public void release() {
        throw new IllegalStateException("an input frame is borrowed from the engine, which releases it;"
                + " retain() it to keep it, and release what retain() returned");
    }

    @Override
    public String toString() {
        return "borrowed " + target;
    }
}
