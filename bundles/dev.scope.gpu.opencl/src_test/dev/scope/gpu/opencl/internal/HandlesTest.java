package dev.scope.gpu.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;

import dev.scope.frames.FrameAccess;
import dev.scope.frames.FramePool;
import dev.scope.frames.PoolStats;
import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuKernel;
import dev.scope.gpu.api.GpuProgram;
import dev.scope.gpu.api.GpuStats;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device frames as reference-counted handles over shared device memory: retain, release, the
 * last release, use after release, which handles a launch may write, borrowed views, and the
 * transfers between host and device memory.
 */
@ExtendWith(TestGpus.class)
class HandlesTest {

    private final FramePool frames = new FramePool();
    private Gpu gpu;
    private GpuProgram program;

    @BeforeEach
    void device() {
        gpu = TestGpus.service();
        program = Kernels.program(gpu);
    }

    @Test
    void retainGivesAReadOnlyHandleAndTheLastReleaseReturnsTheBuffer() {
        GpuStats before = gpu.stats();
        DeviceFrame frame = gpu.allocate(97, 53);
        int[] pixels = Kernels.random(97, 53, 11);
        frame.write(pixels);
        DeviceFrame kept = frame.retain();
        assertNotSame(frame, kept);
        assertTrue(frame.writable());
        assertFalse(kept.writable(), "a retained handle is read-only");
        assertEquals(Frame.Residency.DEVICE, kept.residency());
        assertEquals(97, kept.width());
        assertEquals(53, kept.height());
        assertEquals(before.framesInUse() + 1, gpu.stats().framesInUse(), "two handles, one frame");

        frame.release();
        assertFalse(frame.writable(), "a released handle writes nothing");
        assertEquals(before.framesInUse() + 1, gpu.stats().framesInUse(), "the retained handle keeps the memory");
        int[] expected = pixels.clone();
        Arrays.setAll(expected, i -> pixels[i] | Frame.OPAQUE); // written pixels get the padding byte
        assertEquals(-1, Kernels.firstDifference(expected, kept), "the pixels outlive the first handle");
        assertThrows(IllegalStateException.class, () -> kept.write(pixels));

        kept.release();
        assertEquals(before.framesInUse(), gpu.stats().framesInUse(), "the last release gave the memory back");
        GpuStats reuse = gpu.stats();
        DeviceFrame next = gpu.allocate(97, 53);
        GpuStats delta = gpu.stats().since(reuse);
        assertEquals(1, delta.buffersReused(), "the buffer came back from the pool: " + delta);
        assertEquals(0, delta.buffersCreated(), delta.toString());
        next.release();
    }

    @Test
    void aSecondReleaseThrows() {
        DeviceFrame frame = gpu.allocate(8, 8);
        DeviceFrame kept = frame.retain();
        frame.release();
        IllegalStateException twice = assertThrows(IllegalStateException.class, frame::release);
        assertTrue(twice.getMessage().contains("already released"), twice.getMessage());
        kept.release();
        assertThrows(IllegalStateException.class, kept::release);
    }

    @Test
    void aReleasedHandleCannotBeUsed() {
        DeviceFrame frame = gpu.allocate(8, 8);
        DeviceFrame other = frame.retain();
        DeviceFrame out = gpu.allocate(8, 8);
        frame.release();
        int[] pixels = new int[64];
        assertThrows(IllegalStateException.class, () -> frame.read(pixels));
        assertThrows(IllegalStateException.class, () -> frame.readRows(0, 1, pixels, 0));
        assertThrows(IllegalStateException.class, () -> frame.write(pixels));
        assertThrows(IllegalStateException.class, frame::retain);
        assertThrows(IllegalStateException.class, () -> gpu.upload(frame));
        assertThrows(IllegalStateException.class, () -> gpu.download(frame, frames));
        GpuKernel invert = program.kernel("invert");
        assertThrows(IllegalStateException.class, () -> invert.launch(8, 8).in(frame));
        DeviceFrame released = gpu.allocate(8, 8);
        released.release();
        assertThrows(IllegalStateException.class, () -> invert.launch(8, 8).in(other).out(released));
        // the other handle of the same memory is unaffected
        other.read(pixels);
        invert.launch(8, 8).in(other).out(out).run();
        other.release();
        out.release();
    }

    @Test
    void aRetainedOrBorrowedHandleIsNeverAnOutput() {
        DeviceFrame frame = gpu.allocate(8, 8);
        DeviceFrame retained = frame.retain();
        GpuKernel invert = program.kernel("invert");
        IllegalArgumentException readOnly = assertThrows(IllegalArgumentException.class,
                () -> invert.launch(8, 8).in(frame).out(retained));
        assertTrue(readOnly.getMessage().contains("an input is never written"), readOnly.getMessage());

        // a stage's input, lent as a borrowed view of the writable handle: a device stage's upload of
        // it is a read-only handle (a borrowed view itself is no DeviceFrame, so never an output)
        Frame view = FrameAccess.borrow(frame);
        DeviceFrame input = gpu.upload(view);
        IllegalArgumentException borrowed = assertThrows(IllegalArgumentException.class,
                () -> invert.launch(8, 8).in(retained).out(input));
        assertTrue(borrowed.getMessage().contains("an input is never written"), borrowed.getMessage());
        FrameAccess.endLoan(view);
        input.release();
        retained.release();
        frame.release();
    }

    @Test
    void aLaunchTakesABorrowedView() {
        int[] pixels = Kernels.opaqueRandom(40, 30, 12);
        Frame host = frames.of(40, 30, pixels);
        DeviceFrame frame = gpu.upload(host);
        Frame view = FrameAccess.borrow(frame);
        DeviceFrame out = gpu.allocate(40, 30);
        program.kernel("invert").launch(40, 30).in(view).out(out).run();
        assertEquals(-1, Kernels.firstDifference(Kernels.invert(pixels), out));
        FrameAccess.endLoan(view);

        // a view of a retained (read-only) handle, as the engine lends a frame it keeps
        DeviceFrame kept = out.retain();
        Frame keptView = FrameAccess.borrow(kept);
        DeviceFrame twice = gpu.allocate(40, 30);
        program.kernel("invert").launch(40, 30).in(keptView).out(twice).run();
        assertEquals(-1, Kernels.firstDifference(pixels, twice));
        FrameAccess.endLoan(keptView);
        kept.release();
        twice.release();
        frame.release();
        out.release();
        host.release();
    }

    @Test
    void framesOfAnotherServiceOrOfTheHostAreRefused(@TempDir Path cache) throws Exception {
        OpenClGpu other = OpenClGpu.open(new OpenClGpu.Settings("", cache));
        try {
            DeviceFrame foreign = other.allocate(8, 8);
            DeviceFrame out = gpu.allocate(8, 8);
            GpuKernel invert = program.kernel("invert");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> invert.launch(8, 8).in(foreign));
            assertTrue(e.getMessage().contains("another Gpu service"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> invert.launch(8, 8).in(out).out(foreign));
            assertThrows(IllegalArgumentException.class, () -> gpu.download(foreign, frames));
            Frame host = frames.allocate(8, 8);
            assertThrows(IllegalArgumentException.class, () -> invert.launch(8, 8).in(FrameAccess.borrow(host)));
            // upload copies another service's frame: through its pixels
            foreign.write(Kernels.random(8, 8, 13));
            DeviceFrame copy = gpu.upload(foreign);
            assertEquals(-1, Kernels.firstDifference(Kernels.read(foreign), copy));
            copy.release();
            host.release();
            out.release();
            foreign.release();
        } finally {
            other.close();
        }
    }

    /** A device frame's upload, also through a borrowed view, is another handle of the same memory. */
    @Test
    void uploadOfADeviceFrameIsANewHandleWithoutACopy() {
        int[] pixels = Kernels.opaqueRandom(24, 16, 14);
        Frame host = frames.of(24, 16, pixels);
        DeviceFrame frame = gpu.upload(host);
        GpuStats before = gpu.stats();
        Frame view = FrameAccess.borrow(frame);
        DeviceFrame handle = gpu.upload(view);
        assertEquals(0, gpu.stats().since(before).uploads(), "no copy");
        assertEquals(before.framesInUse(), gpu.stats().framesInUse(), "the same frame");
        assertFalse(handle.writable());

        // the memory is shared: a launch into the frame shows through the other handle
        DeviceFrame source = gpu.upload(host);
        assertEquals(-1, Kernels.firstDifference(pixels, handle));
        program.kernel("invert").launch(24, 16).in(source).out(frame).run();
        assertEquals(-1, Kernels.firstDifference(Kernels.invert(pixels), handle));
        FrameAccess.endLoan(view);
        source.release();
        frame.release();
        handle.release();
        host.release();
    }

    /** A host frame's memory goes to the device as it is; a frame without reachable memory through its reads. */
    @Test
    void uploadOfAHostFrameCopiesItsPixels() {
        int[] pixels = Kernels.opaqueRandom(31, 7, 15);
        Frame host = frames.of(31, 7, pixels);
        Frame opaque = new Opaque(host);
        assertTrue(FrameAccess.memory(host).isPresent());
        assertTrue(FrameAccess.memory(opaque).isEmpty());
        GpuStats before = gpu.stats();
        DeviceFrame direct = gpu.upload(FrameAccess.borrow(host));
        DeviceFrame viaRead = gpu.upload(opaque);
        assertEquals(2, gpu.stats().since(before).uploads());
        assertTrue(direct.writable(), "a copy belongs to the caller");
        assertEquals(-1, Kernels.firstDifference(pixels, direct));
        assertEquals(-1, Kernels.firstDifference(pixels, viaRead));
        direct.release();
        viaRead.release();
        host.release();
        assertThrows(IllegalStateException.class, () -> gpu.upload(host), "a released host frame");
    }

    @Test
    void downloadFillsANewPoolFrameWithThePixels() {
        int[] pixels = Kernels.opaqueRandom(123, 45, 16);
        Frame host = frames.of(123, 45, pixels);
        DeviceFrame in = gpu.upload(host);
        DeviceFrame out = gpu.allocate(123, 45);
        program.kernel("invert").launch(123, 45).in(in).out(out).run();
        PoolStats pool = frames.stats();
        GpuStats before = gpu.stats();
        Frame back = gpu.download(FrameAccess.borrow(out), frames);
        assertEquals(pool.framesInUse() + 1, frames.stats().framesInUse(), "a frame of the pool");
        assertEquals(Frame.Residency.HOST, back.residency());
        assertTrue(back.writable(), "the new frame is the caller's");
        assertTrue(FrameAccess.memory(back).isPresent());
        assertEquals(-1, Kernels.firstDifference(Kernels.invert(pixels), back));
        GpuStats delta = gpu.stats().since(before);
        assertEquals(1, delta.downloads(), "read straight into the frame's memory");
        assertEquals(123L * 45 * 4, delta.downloadedBytes());

        // an allocator whose frames have no reachable memory gets the pixels through write
        FrameAllocator opaque = new FrameAllocator() {
            @Override
            public Frame allocate(int width, int height) {
                return new Opaque(frames.allocate(width, height));
            }

            @Override
            public Frame allocateUninitialized(int width, int height) {
                return allocate(width, height);
            }

            @Override
            public Frame copyOf(Frame source) {
                return new Opaque(frames.copyOf(source));
            }
        };
        Frame written = gpu.download(out, opaque);
        assertEquals(-1, Kernels.firstDifference(Kernels.invert(pixels), written));
        written.release();
        back.release();
        in.release();
        out.release();
        host.release();
    }

    @Test
    void writesReachTheDeviceWithTheirPaddingSet() {
        DeviceFrame frame = gpu.allocate(16, 4);
        int[] pixels = Kernels.random(16, 4, 17);
        frame.write(pixels);
        int[] band = Kernels.random(16, 2, 18);
        frame.writeRows(1, 2, band, 0);
        int[] expected = pixels.clone();
        System.arraycopy(band, 0, expected, 16, 32);
        Arrays.setAll(expected, i -> expected[i] | Frame.OPAQUE);
        DeviceFrame copy = gpu.allocate(16, 4);
        program.kernel("copy").launch(16, 4).in(frame).out(copy).run(); // what the device holds
        assertEquals(-1, Kernels.firstDifference(expected, copy));
        assertEquals(-1, Kernels.firstDifference(expected, frame));
        assertThrows(IndexOutOfBoundsException.class, () -> frame.writeRows(3, 2, band, 0));
        copy.release();
        frame.release();
    }

    /** A frame whose memory {@link FrameAccess#memory} cannot reach: every call goes to the frame behind it. */
    private record Opaque(Frame frame) implements Frame {
        @Override
        public int width() {
            return frame.width();
        }

        @Override
        public int height() {
            return frame.height();
        }

        @Override
        public Residency residency() {
            return frame.residency();
        }

        @Override
        public boolean writable() {
            return frame.writable();
        }

        @Override
        public void readRows(int firstRow, int rows, int[] dst, int offset) {
            frame.readRows(firstRow, rows, dst, offset);
        }

        @Override
        public void writeRows(int firstRow, int rows, int[] src, int offset) {
            frame.writeRows(firstRow, rows, src, offset);
        }

        @Override
        public Frame retain() {
            return frame.retain();
        }

        @Override
        public void release() {
            frame.release();
        }
    }
}
