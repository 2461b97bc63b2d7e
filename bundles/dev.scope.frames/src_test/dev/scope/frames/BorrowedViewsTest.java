package dev.scope.frames;

import static dev.scope.frames.TestFrames.opaque;
import static dev.scope.frames.TestFrames.pixels;
import static dev.scope.frames.TestFrames.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import dev.scope.frames.TestFrames.ArrayFrame;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The views stages receive (FrameAccess.borrow / endLoan / isBorrowed / target) and frame memory. */
class BorrowedViewsTest {

    private static final String EXPIRED = "an input frame is lent for its call only; retain() it to keep it";
    private static final String NOT_RELEASABLE = "an input frame is borrowed from the engine, which releases it;"
            + " retain() it to keep it, and release what retain() returned";
    private static final String NOT_WRITABLE = "an input frame is read-only: allocate a new frame for the output";

    private final FramePool pool = new FramePool();

    @AfterEach
    void nothingIsLeftInUse() {
        assertEquals(0, pool.stats().framesInUse());
    }

    @Test
    void aViewReadsItsTargetAndCanNeitherBeWrittenNorReleased() {
        int[] px = random(6, 8);
        Frame f = pool.of(3, 2, px);
        Frame view = FrameAccess.borrow(f);
        assertTrue(FrameAccess.isBorrowed(view));
        assertFalse(FrameAccess.isBorrowed(f));
        assertSame(f, FrameAccess.target(view));
        assertSame(f, FrameAccess.target(f), "a handle is its own target");
        assertEquals(3, view.width());
        assertEquals(2, view.height());
        assertEquals(Frame.Residency.HOST, view.residency());
        assertFalse(view.writable(), "a view of a writable handle is still read-only");
        assertArrayEquals(opaque(px), pixels(view));
        assertEquals(FrameAccess.memory(f).orElseThrow().getInt(0), FrameAccess.memory(view).orElseThrow().getInt(0));
        assertEquals(NOT_RELEASABLE, assertThrows(IllegalStateException.class, view::release).getMessage());
        assertEquals(NOT_WRITABLE, assertThrows(IllegalStateException.class, () -> view.write(new int[6])).getMessage());
        assertEquals(1, pool.stats().framesInUse(), "a refused release drops no reference");
        assertArrayEquals(opaque(px), pixels(f), "a refused write changes nothing");
        Frame again = FrameAccess.borrow(view);
        assertSame(f, FrameAccess.target(again), "a view of a view lends the same handle, not a chain of views");
        FrameAccess.endLoan(again);
        assertArrayEquals(opaque(px), pixels(view), "ending one loan ends only that one");
        FrameAccess.endLoan(view);
        f.release();
    }

    @Test
    void afterEndLoanEveryUseThrows() {
        Frame f = pool.allocate(3, 2);
        Frame view = FrameAccess.borrow(f);
        FrameAccess.endLoan(view);
        int[] buffer = new int[6];
        Executable[] uses = {() -> view.read(buffer), () -> view.readRows(1, 1, buffer, 0), () -> view.rgb(0, 0),
                view::retain, () -> FrameAccess.memory(view), () -> pool.copyOf(view)};
        for (Executable use : uses) {
            assertEquals(EXPIRED, assertThrows(IllegalStateException.class, use).getMessage());
        }
        assertThrows(IllegalStateException.class, () -> view.write(buffer));
        assertThrows(IllegalStateException.class, view::release);
        assertEquals(1, pool.stats().framesInUse(), "nothing was made or dropped");
        f.write(random(6, 9)); // the lender's handle is untouched
        FrameAccess.endLoan(f); // not a view: nothing
        assertTrue(f.writable());
        f.write(random(6, 10));
        f.release();
    }

    @Test
    void aViewRetainedIsAnOwnedHandleThatOutlivesTheLoan() {
        int[] px = random(20, 11);
        Frame f = pool.of(5, 4, px);
        Frame view = FrameAccess.borrow(f);
        Frame kept = view.retain();
        assertFalse(FrameAccess.isBorrowed(kept));
        assertFalse(kept.writable());
        FrameAccess.endLoan(view);
        f.release();
        assertEquals(1, pool.stats().framesInUse(), "the retained reference holds the memory");
        assertArrayEquals(opaque(px), pixels(kept));
        kept.release();
        assertEquals(80, pool.stats().pooledBytes(), "the kept handle was the last");
    }

    @Test
    void memoryIsWritableOnlyThroughAWritableHandle() {
        Frame f = pool.allocate(3, 2);
        ByteBuffer own = FrameAccess.memory(f).orElseThrow();
        assertFalse(own.isReadOnly());
        assertTrue(own.isDirect());
        assertEquals(0, own.position());
        assertEquals(24, own.limit());
        assertEquals(24, own.capacity());
        assertEquals(ByteOrder.nativeOrder(), own.order());
        own.put(4, (byte) 0x11).put(5, (byte) 0x22).put(6, (byte) 0x33).put(7, (byte) 0x44);
        assertEquals(0x44332211, pixels(f)[1], "RGBA8 bytes, red first, the padding last");
        Frame r = f.retain();
        assertTrue(FrameAccess.memory(r).orElseThrow().isReadOnly(), "a retained handle");
        Frame view = FrameAccess.borrow(f);
        ByteBuffer lent = FrameAccess.memory(view).orElseThrow();
        assertTrue(lent.isReadOnly(), "a view of a writable handle");
        assertEquals(0x33, lent.get(6));
        assertEquals(0, lent.position());
        assertEquals(24, lent.limit());
        assertTrue(FrameAccess.memory(FrameAccess.borrow(r)).orElseThrow().isReadOnly());
        own.position(10).limit(12);
        assertEquals(24, FrameAccess.memory(f).orElseThrow().remaining(), "each call gives a fresh buffer");
        FrameAccess.endLoan(view);
        f.release();
        assertThrows(IllegalStateException.class, () -> FrameAccess.memory(f));
        r.release();
    }

    @Test
    void foreignFramesHaveNoMemory() {
        ArrayFrame host = new ArrayFrame(2, 2, new int[4], Frame.Residency.HOST);
        ArrayFrame device = new ArrayFrame(2, 2, new int[4], Frame.Residency.DEVICE);
        assertTrue(FrameAccess.memory(host).isEmpty());
        assertTrue(FrameAccess.memory(device).isEmpty());
        Frame view = FrameAccess.borrow(device);
        assertTrue(FrameAccess.memory(view).isEmpty());
        assertSame(device, FrameAccess.target(view));
        assertEquals(Frame.Residency.DEVICE, view.residency());
        assertThrows(IllegalStateException.class, view::release);
        assertEquals(0, device.releases.get(), "a view never releases its target");
    }
}
