package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.IntBinaryOperator;

import dev.scope.frames.FramePool;
import dev.scope.pipeline.api.Frame;

/**
 * The frames of one test: a pool of its own, and every handle the test holds (the pictures it
 * makes, its uploads, what its stages returned), each released exactly once by {@link #releaseAll}
 * or {@link #close}, which then checks that the pool lends no frame any more: nothing the
 * pipelines made, kept or returned is left.
 */
final class TestFrames implements AutoCloseable {

    final FramePool pool = new FramePool();
    private final List<Frame> held = new ArrayList<>();
    private final Set<Frame> heldSet = Collections.newSetFromMap(new IdentityHashMap<>());

    /** Takes the handle into the test's care; a handle given twice is a test bug. */
    <T extends Frame> T own(T frame) {
        if (!heldSet.add(frame)) {
            throw new IllegalStateException("the test holds this handle already: " + frame);
        }
        held.add(frame);
        return frame;
    }

    /** @return a new picture, see {@link Patterns#frame} */
    Frame frame(int width, int height, IntBinaryOperator rgb) {
        return own(Patterns.frame(pool, width, height, rgb));
    }

    /** @return a new picture, see {@link Patterns#colourful} */
    Frame colourful(int width, int height, int dx, int dy) {
        return own(Patterns.colourful(pool, width, height, dx, dy));
    }

    /** @return a new frame holding the pixels */
    Frame of(int width, int height, int[] pixels) {
        return own(pool.of(width, height, pixels));
    }

    /** Releases one handle the test holds now. */
    void release(Frame frame) {
        if (!heldSet.remove(frame)) {
            throw new IllegalStateException("the test does not hold " + frame);
        }
        held.remove(frame);
        frame.release();
    }

    /** Releases every handle the test holds, once each. */
    void releaseAll() {
        List<Frame> all = new ArrayList<>(held);
        held.clear();
        heldSet.clear();
        for (Frame f : all) {
            f.release();
        }
    }

    /** @return the host frames whose memory is held now */
    long inUse() {
        return pool.stats().framesInUse();
    }

    /** Releases every handle and checks that no host frame is left. */
    @Override
    public void close() {
        releaseAll();
        assertEquals(0, inUse(), "host frames still in use after every handle the test held was released");
    }
}
