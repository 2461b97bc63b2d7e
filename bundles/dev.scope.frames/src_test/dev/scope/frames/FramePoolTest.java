package dev.scope.frames;

import static dev.scope.frames.TestFrames.filled;
import static dev.scope.frames.TestFrames.opaque;
import static dev.scope.frames.TestFrames.pixels;
import static dev.scope.frames.TestFrames.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

import dev.scope.frames.TestFrames.ArrayFrame;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.Test;

/** The pool: zeroed and uninitialized frames, size limits, reuse within the bound, copies, threads. */
class FramePoolTest {

    @Test
    void allocateGivesAWritableHostFrameOfZeros() {
        FramePool pool = new FramePool();
        Frame f = pool.allocate(5, 3);
        assertEquals(5, f.width());
        assertEquals(3, f.height());
        assertEquals(Frame.Residency.HOST, f.residency());
        assertTrue(f.writable());
        assertArrayEquals(new int[15], pixels(f), "black, padding 0, as FrameAllocator documents");
        f.release();
        assertEquals(new PoolStats(0, 0, 60, 1, 0), pool.stats());
    }

    @Test
    void aReusedBufferIsZeroedByAllocateAndLeftAsItIsByAllocateUninitialized() {
        FramePool pool = new FramePool();
        Frame a = pool.allocate(7, 5);
        a.write(filled(35, 0x00ABCDEF));
        a.release();
        Frame b = pool.allocate(7, 5);
        assertEquals(1, pool.stats().buffersReused());
        assertArrayEquals(new int[35], pixels(b), "a reused buffer is zeroed, padding included");
        b.write(filled(35, 0x00123456));
        b.release();
        Frame c = pool.allocateUninitialized(7, 5);
        assertEquals(2, pool.stats().buffersReused());
        assertEquals(1, pool.stats().buffersCreated());
        assertTrue(c.writable());
        assertArrayEquals(filled(35, 0xFF123456), pixels(c), "the released frame's pixels: no zeroing pass");
        c.release();
    }

    @Test
    void sizesOutsideOneToMaxSideAreRefusedNamingTheLimits() {
        FramePool pool = new FramePool();
        int[][] bad = {{0, 1}, {1, 0}, {-1, 5}, {5, -1}, {Frame.MAX_SIDE + 1, 1}, {1, Frame.MAX_SIDE + 1},
                {Integer.MIN_VALUE, Integer.MAX_VALUE}};
        for (int[] s : bad) {
            String expected = "a frame of " + s[0] + "x" + s[1]
                    + " is past the frame size limit: 1 to 8192 pixels on each side";
            assertEquals(expected, assertThrows(IllegalArgumentException.class,
                    () -> pool.allocate(s[0], s[1])).getMessage());
            assertEquals(expected, assertThrows(IllegalArgumentException.class,
                    () -> pool.allocateUninitialized(s[0], s[1])).getMessage());
            assertEquals(expected, assertThrows(IllegalArgumentException.class,
                    () -> pool.of(s[0], s[1], new int[1])).getMessage());
        }
        assertEquals(new PoolStats(0, 0, 0, 0, 0), pool.stats(), "a refusal allocates nothing");
        Frame wide = pool.allocate(Frame.MAX_SIDE, 1);
        Frame tall = pool.allocateUninitialized(1, Frame.MAX_SIDE);
        Frame dot = pool.allocate(1, 1);
        assertEquals(new PoolStats(3, 2L * Frame.MAX_SIDE * 4 + 4, 0, 3, 0), pool.stats());
        wide.release();
        tall.release();
        dot.release();
    }

    @Test
    void statsFollowEveryAllocationAndRelease() {
        FramePool pool = new FramePool();
        assertEquals(FramePool.DEFAULT_MAX_POOLED_BYTES, pool.maxPooledBytes());
        Frame a = pool.allocate(4, 2);
        assertEquals(new PoolStats(1, 32, 0, 1, 0), pool.stats());
        Frame b = pool.allocate(2, 2);
        assertEquals(new PoolStats(2, 48, 0, 2, 0), pool.stats());
        a.release();
        assertEquals(new PoolStats(1, 16, 32, 2, 0), pool.stats());
        Frame c = pool.allocateUninitialized(4, 2);
        assertEquals(new PoolStats(2, 48, 0, 2, 1), pool.stats(), "the released buffer was taken again");
        Frame d = pool.allocate(4, 2);
        assertEquals(new PoolStats(3, 80, 0, 3, 1), pool.stats(), "none free: a new one");
        b.release();
        c.release();
        d.release();
        assertEquals(new PoolStats(0, 0, 80, 3, 1), pool.stats());
    }

    @Test
    void freeMemoryPastTheBoundIsDroppedNotKept() {
        FramePool pool = new FramePool(100);
        assertEquals(100, pool.maxPooledBytes());
        List<Frame> held = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            held.add(pool.allocate(4, 2)); // 32 bytes each
        }
        held.forEach(Frame::release);
        assertEquals(new PoolStats(0, 0, 96, 4, 0), pool.stats(), "three fit under 100 bytes, the fourth is dropped");
        held.clear();
        for (int i = 0; i < 4; i++) {
            held.add(pool.allocate(4, 2));
        }
        assertEquals(new PoolStats(4, 128, 0, 5, 3), pool.stats(), "only what was kept is reused");
        held.forEach(Frame::release);
        assertEquals(96, pool.stats().pooledBytes());
    }

    @Test
    void theBoundItselfIsKept() {
        FramePool exact = new FramePool(64);
        Frame a = exact.allocate(4, 2);
        Frame b = exact.allocate(4, 2);
        Frame c = exact.allocate(2, 1);
        a.release();
        b.release();
        assertEquals(64, exact.stats().pooledBytes(), "up to the bound, inclusive");
        c.release();
        assertEquals(64, exact.stats().pooledBytes(), "8 bytes more would pass it");
        FramePool none = new FramePool(0);
        none.allocate(1, 1).release();
        assertEquals(new PoolStats(0, 0, 0, 1, 0), none.stats());
        none.allocate(1, 1).release();
        assertEquals(new PoolStats(0, 0, 0, 2, 0), none.stats(), "a pool bound to 0 keeps nothing");
    }

    @Test
    void copyOfAHostFrameIsANewFrameWithItsOwnMemory() {
        FramePool pool = new FramePool();
        int[] px = random(6, 1);
        Frame src = pool.of(3, 2, px);
        Frame copy = pool.copyOf(src);
        assertNotSame(src, copy);
        assertTrue(copy.writable());
        assertArrayEquals(opaque(px), pixels(copy));
        copy.writeRows(0, 1, new int[] {1, 2, 3}, 0);
        assertArrayEquals(opaque(px), pixels(src), "the copy does not share the source's memory");
        Frame kept = src.retain();
        Frame fromReadOnly = pool.copyOf(kept);
        assertTrue(fromReadOnly.writable(), "a copy of a read-only handle is writable");
        assertArrayEquals(opaque(px), pixels(fromReadOnly));
        assertEquals(3, pool.stats().framesInUse());
        for (Frame f : List.of(src, copy, kept, fromReadOnly)) {
            f.release();
        }
        assertEquals(0, pool.stats().framesInUse());
    }

    @Test
    void copyOfABorrowedViewCopiesItsTarget() {
        FramePool pool = new FramePool();
        int[] px = random(35, 2);
        Frame src = pool.of(5, 7, px);
        Frame view = FrameAccess.borrow(src);
        Frame copy = pool.copyOf(view);
        assertFalse(FrameAccess.isBorrowed(copy));
        assertTrue(copy.writable());
        FrameAccess.endLoan(view);
        assertArrayEquals(opaque(px), pixels(copy), "the copy outlives the loan");
        copy.release();
        src.release();
        assertEquals(0, pool.stats().framesInUse());
    }

    @Test
    void copyOfAForeignFrameReadsItsPixels() {
        FramePool pool = new FramePool();
        for (Frame.Residency where : Frame.Residency.values()) {
            int[] px = random(12, 3);
            ArrayFrame foreign = new ArrayFrame(4, 3, px.clone(), where);
            Frame copy = pool.copyOf(foreign);
            assertEquals(Frame.Residency.HOST, copy.residency());
            assertTrue(FrameAccess.memory(copy).isPresent(), "the copy is the pool's");
            assertArrayEquals(opaque(px), pixels(copy), "read, then written with the padding set");
            assertEquals(0, foreign.releases.get(), "the source stays its holder's");
            Frame viaView = pool.copyOf(FrameAccess.borrow(foreign));
            assertArrayEquals(opaque(px), pixels(viaView));
            copy.release();
            viaView.release();
        }
        assertEquals(0, pool.stats().framesInUse());
    }

    @Test
    void aCopyThatFailsLeavesNothingAllocated() {
        FramePool pool = new FramePool();
        Frame released = pool.allocate(2, 2);
        released.release();
        assertThrows(IllegalStateException.class, () -> pool.copyOf(released));
        assertEquals(0, pool.stats().framesInUse(), "the copy's frame was given back");
        Frame src = pool.allocate(2, 2);
        Frame view = FrameAccess.borrow(src);
        FrameAccess.endLoan(view);
        assertThrows(IllegalStateException.class, () -> pool.copyOf(view));
        assertEquals(1, pool.stats().framesInUse(), "only the source is held");
        src.release();
        ArrayFrame gone = new ArrayFrame(2, 2, new int[4], Frame.Residency.DEVICE);
        gone.release();
        assertThrows(IllegalStateException.class, () -> pool.copyOf(gone));
        assertEquals(0, pool.stats().framesInUse());
    }

    /** Several threads allocate, fill, check and release at once: no frame shares memory with another live one. */
    @Test
    void allocateAndReleaseFromSeveralThreads() throws InterruptedException {
        FramePool pool = new FramePool(64 << 10);
        int threads = 8;
        int rounds = 4000;
        int[][] sizes = {{16, 16}, {32, 8}, {16, 16}, {3, 5}}; // 16x16 and 32x8 share buffers: most contention
        Queue<Throwable> failures = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread w = new Thread(() -> {
                try {
                    start.await();
                    List<Frame> held = new ArrayList<>();
                    List<Integer> tags = new ArrayList<>();
                    for (int r = 0; r < rounds; r++) {
                        int[] s = sizes[(id + r) % sizes.length];
                        Frame f = (r & 1) == 0 ? pool.allocate(s[0], s[1]) : pool.allocateUninitialized(s[0], s[1]);
                        int tag = id << 16 | r;
                        f.write(filled(s[0] * s[1], tag));
                        held.add(f);
                        tags.add(tag);
                        if (held.size() == 3) {
                            Frame oldest = held.remove(0);
                            int expected = tags.remove(0) | Frame.OPAQUE;
                            Frame kept = oldest.retain();
                            oldest.release();
                            for (int p : pixels(kept)) {
                                if (p != expected) {
                                    throw new AssertionError("a live frame's pixel changed: " + Integer.toHexString(p));
                                }
                            }
                            kept.release();
                        }
                    }
                    held.forEach(Frame::release);
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "pool-" + t);
            w.start();
            workers.add(w);
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        assertTrue(failures.isEmpty(), () -> "failures: " + failures);
        PoolStats s = pool.stats();
        assertEquals(0, s.framesInUse());
        assertEquals(0, s.bytesInUse());
        assertEquals(threads * rounds, s.buffersCreated() + s.buffersReused(), "every allocation counted once");
        assertTrue(s.buffersReused() > 0);
        assertTrue(s.pooledBytes() <= pool.maxPooledBytes(), () -> "pooled " + s.pooledBytes());
    }
}
