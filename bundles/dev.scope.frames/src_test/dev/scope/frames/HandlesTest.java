package dev.scope.frames;

import static dev.scope.frames.TestFrames.opaque;
import static dev.scope.frames.TestFrames.pixels;
import static dev.scope.frames.TestFrames.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;

import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Reference-counted host frame handles: retain, release, use after release, writes, rows, one pixel. */
class HandlesTest {

    private static final String RELEASED = "this frame handle was released; retain() a frame to keep it";
    private static final String READ_ONLY = "this frame is read-only: write only frames you allocated, before"
            + " handing them over";

    private final FramePool pool = new FramePool();

    @AfterEach
    void nothingIsLeftInUse() {
        assertEquals(0, pool.stats().framesInUse());
    }

    @Test
    void retainGivesAReadOnlyHandleOnTheSamePixelsWithoutACopy() {
        Frame f = pool.allocate(4, 3);
        Frame r = f.retain();
        assertNotSame(f, r);
        assertTrue(f.writable());
        assertFalse(r.writable(), "a retained handle is read-only");
        assertEquals(new PoolStats(1, 48, 0, 1, 0), pool.stats(), "one frame's memory, no copy");
        int[] px = random(12, 4);
        f.write(px);
        assertArrayEquals(opaque(px), pixels(r), "written through one handle, seen through the other");
        Frame rr = r.retain();
        assertFalse(rr.writable());
        assertArrayEquals(opaque(px), pixels(rr));
        assertEquals(1, pool.stats().framesInUse());
        f.release();
        r.release();
        rr.release();
    }

    @Test
    void theMemoryGoesBackOnlyWithTheLastHandle() {
        Frame f = pool.allocate(4, 3);
        int[] px = random(12, 5);
        f.write(px);
        Frame r1 = f.retain();
        Frame r2 = r1.retain();
        f.release();
        assertEquals(new PoolStats(1, 48, 0, 1, 0), pool.stats(), "two handles still hold it");
        assertArrayEquals(opaque(px), pixels(r1), "the pixels outlive the handle that made them");
        r2.release();
        assertEquals(new PoolStats(1, 48, 0, 1, 0), pool.stats());
        r1.release();
        assertEquals(new PoolStats(0, 0, 48, 1, 0), pool.stats(), "the last release gives the memory back");
    }

    @Test
    void eachHandleIsReleasedOnce() {
        Frame f = pool.allocate(2, 2);
        Frame r = f.retain();
        f.release();
        IllegalStateException twice = assertThrows(IllegalStateException.class, f::release);
        assertEquals("this frame handle was already released", twice.getMessage());
        assertEquals(1, pool.stats().framesInUse(), "a second release of one handle drops no other's reference");
        assertEquals(0, r.rgb(0, 0));
        r.release();
        assertThrows(IllegalStateException.class, r::release);
        assertEquals(new PoolStats(0, 0, 16, 1, 0), pool.stats(), "given back once");
    }

    @Test
    void aReleasedHandleRefusesEveryUse() {
        Frame f = pool.allocate(3, 2);
        Frame other = f.retain();
        f.release();
        assertFalse(f.writable(), "a released handle is not writable");
        int[] buffer = new int[6];
        Executable[] uses = {() -> f.read(buffer), () -> f.readRows(0, 1, buffer, 0), () -> f.rgb(0, 0),
                () -> f.write(buffer), () -> f.writeRows(1, 1, buffer, 0), f::retain, () -> FrameAccess.memory(f),
                () -> pool.copyOf(f)};
        for (Executable use : uses) {
            assertEquals(RELEASED, assertThrows(IllegalStateException.class, use).getMessage());
        }
        assertEquals(1, pool.stats().framesInUse(), "no use made or dropped a reference");
        other.release();
    }

    @Test
    void writingANonWritableHandleThrowsAndChangesNothing() {
        int[] px = random(6, 6);
        Frame f = pool.of(3, 2, px);
        Frame r = f.retain();
        assertEquals(READ_ONLY, assertThrows(IllegalStateException.class, () -> r.write(new int[6])).getMessage());
        assertEquals(READ_ONLY,
                assertThrows(IllegalStateException.class, () -> r.writeRows(0, 1, new int[3], 0)).getMessage());
        assertArrayEquals(opaque(px), pixels(f));
        f.release();
        r.release();
    }

    @Test
    void writeRowsStoresThePaddingByteAsOpaque() {
        Frame f = pool.allocate(4, 1);
        int[] src = {0x00123456, 0x7F000000, 0, 0xFFFFFFFF};
        f.write(src);
        assertArrayEquals(new int[] {0xFF123456, 0xFF000000, 0xFF000000, 0xFFFFFFFF}, pixels(f));
        assertArrayEquals(new int[] {0x00123456, 0x7F000000, 0, 0xFFFFFFFF}, src, "the caller's array is not changed");
        ByteBuffer memory = FrameAccess.memory(f).orElseThrow();
        for (int p = 0; p < 4; p++) {
            assertEquals((byte) 0xFF, memory.get(p * 4 + 3), "RGBA8: the fourth byte of pixel " + p);
        }
        assertEquals(0x56, memory.get(0), "red first");
        f.release();

        Frame wide = pool.allocate(4100, 3); // rows longer than a write's chunk
        int[] px = random(4100 * 3, 15);
        wide.write(px);
        assertArrayEquals(opaque(px), pixels(wide));
        int[] almost = opaque(random(4100 * 2, 16));
        almost[almost.length - 1] &= 0x00FFFFFF; // only the very last pixel lacks the padding
        wide.writeRows(1, 2, almost, 0);
        assertEquals(0xFF000000, pixels(wide)[3 * 4100 - 1] & 0xFF000000);
        assertArrayEquals(opaque(almost), java.util.Arrays.copyOfRange(pixels(wide), 4100, 3 * 4100));
        wide.release();
    }

    @Test
    void rowsAreCopiedAtTheirPlaceAndBoundsChecked() {
        int[] px = random(12, 7);
        Frame f = pool.of(4, 3, px);
        int[] dst = new int[13];
        f.readRows(1, 2, dst, 5);
        assertArrayEquals(Arrays.copyOfRange(opaque(px), 4, 12), Arrays.copyOfRange(dst, 5, 13));
        assertArrayEquals(new int[5], Arrays.copyOfRange(dst, 0, 5), "nothing before the offset");
        f.readRows(3, 0, dst, 13); // no rows, at the end: nothing
        f.writeRows(2, 1, new int[] {9, 9, 1, 2, 3, 4}, 2);
        int[] now = pixels(f);
        assertArrayEquals(Arrays.copyOfRange(opaque(px), 0, 8), Arrays.copyOfRange(now, 0, 8), "other rows untouched");
        assertArrayEquals(opaque(new int[] {1, 2, 3, 4}), Arrays.copyOfRange(now, 8, 12));
        int[][] badRows = {{-1, 1}, {0, -1}, {3, 1}, {2, 2}, {0, 4}, {Integer.MAX_VALUE, 2}};
        for (int[] b : badRows) {
            assertThrows(IndexOutOfBoundsException.class, () -> f.readRows(b[0], b[1], new int[100], 0));
            assertThrows(IndexOutOfBoundsException.class, () -> f.writeRows(b[0], b[1], new int[100], 0));
        }
        assertThrows(IndexOutOfBoundsException.class, () -> f.read(new int[11]), "short array");
        assertThrows(IndexOutOfBoundsException.class, () -> f.write(new int[11]));
        assertThrows(IndexOutOfBoundsException.class, () -> f.readRows(0, 1, new int[4], 1), "offset past the room");
        assertThrows(IndexOutOfBoundsException.class, () -> f.writeRows(0, 1, new int[4], 1));
        assertThrows(IndexOutOfBoundsException.class, () -> f.readRows(0, 1, new int[4], -1));
        assertArrayEquals(now, pixels(f), "a refused write changes nothing");
        f.release();
    }

    @Test
    void rgbReadsOnePixelAsRedGreenBlue() {
        Frame f = pool.allocate(4, 3);
        f.writeRows(1, 1, new int[] {0, 0, 0x00563412, 0}, 0); // red 0x12, green 0x34, blue 0x56
        assertEquals(0x123456, f.rgb(2, 1));
        assertEquals(0, f.rgb(0, 0));
        Frame r = f.retain();
        assertEquals(0x123456, r.rgb(2, 1), "through any handle");
        r.release();
        for (int[] at : new int[][] {{4, 0}, {0, 3}, {-1, 0}, {0, -1}}) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> f.rgb(at[0], at[1]));
            assertEquals("pixel (" + at[0] + ", " + at[1] + ") outside 4x3", e.getMessage());
        }
        f.release();
    }
}
