package dev.scope.frames;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.scope.frames.TestFrames.ArrayFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.PixelOps;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A call context made by hand: what video, text, next, size, withUpstream and onDevice give. */
class StandaloneContextTest {

    /** A device of another kind than a Gpu. */
    record Tpu(String name) {
    }

    private final FramePool pool = new FramePool();

    @AfterEach
    void nothingIsLeftInUse() {
        assertEquals(0, pool.stats().framesInUse());
    }

    /** Whether {@code pixels} sends device inputs to the refusing Gpu (else they are read back in Java). */
    private static boolean usesTheGpu(PixelOps pixels) {
        ArrayFrame device = new ArrayFrame(2, 2, new int[4], Frame.Residency.DEVICE);
        try {
            pixels.affine(device, -1, 255).release();
            return false;
        } catch (TestFrames.GpuCalled e) {
            return true;
        }
    }

    @Test
    void videoIsAFirstCallInVideoModeAtThirtyFramesASecondWithoutADevice() {
        StandaloneContext c = StandaloneContext.video(pool, 64, 48);
        assertTrue(c.initCache());
        assertTrue(c.videoMode());
        assertEquals(64, c.width());
        assertEquals(48, c.height());
        assertEquals(30, c.frameRate());
        assertEquals(Map.of(), c.upstream());
        assertEquals(List.of(), c.prompts());
        assertSame(pool, c.frames());
        assertInstanceOf(PlatformPixels.class, c.pixels());
        assertEquals(Optional.empty(), c.device(Gpu.class));
        Frame in = pool.allocate(64, 48);
        Frame out = c.pixels().affine(in, -1, 255);
        assertEquals(0xFFFFFF, out.rgb(63, 47), "the pixel helpers work on the context's frames");
        out.release();
        in.release();
    }

    @Test
    void nextIsALaterCallOfTheSameStage() {
        StandaloneContext first = StandaloneContext.video(pool, 8, 4).withUpstream(Map.of("depth", 0.5));
        StandaloneContext next = first.next();
        assertFalse(next.initCache());
        assertTrue(next.videoMode());
        assertEquals(8, next.width());
        assertEquals(4, next.height());
        assertEquals(Map.of("depth", 0.5), next.upstream());
        assertSame(first.frames(), next.frames());
        assertSame(first.pixels(), next.pixels(), "the same helpers: a lookup table survives the call");
        assertTrue(first.initCache(), "immutable: a changed copy");
        assertFalse(next.next().initCache());
    }

    @Test
    void textGeneratesFramesOfTheGivenSize() {
        StandaloneContext video = StandaloneContext.video(pool, 8, 4);
        StandaloneContext text = video.text(320, 240);
        assertFalse(text.videoMode());
        assertEquals(320, text.width());
        assertEquals(240, text.height());
        assertTrue(text.initCache(), "still the first call");
        assertEquals(30, text.frameRate());
        assertSame(video.pixels(), text.pixels());
        assertTrue(video.videoMode());
        assertFalse(text.next().videoMode(), "a later call in text mode");
        StandaloneContext resized = text.size(16, 9);
        assertEquals(16, resized.width());
        assertEquals(9, resized.height());
        assertFalse(resized.videoMode());
    }

    @Test
    void upstreamValuesAreCopiedInOrderAndUnmodifiable() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("z", 1);
        values.put("a", "two");
        values.put("m", null);
        StandaloneContext c = StandaloneContext.video(pool, 8, 4).withUpstream(values);
        values.put("late", 3);
        assertEquals(List.of("z", "a", "m"), List.copyOf(c.upstream().keySet()), "in the order they were added");
        assertThrows(UnsupportedOperationException.class, () -> c.upstream().put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> c.prompts().add("x"));
    }

    @Test
    void onDevicePlacesTheStageOnTheDeviceAndItsPixelHelpersWithIt() {
        StandaloneContext java = StandaloneContext.video(pool, 8, 4);
        Gpu gpu = TestFrames.refusingGpu();
        StandaloneContext device = java.onDevice(Gpu.class, gpu);
        assertSame(gpu, device.device(Gpu.class).orElseThrow());
        assertNotSame(java.pixels(), device.pixels());
        assertTrue(usesTheGpu(device.pixels()), "the helpers send device inputs to the Gpu");
        assertFalse(usesTheGpu(java.pixels()), "the Java context reads them back");
        assertEquals(Optional.empty(), java.device(Gpu.class), "immutable: a changed copy");
        assertTrue(device.initCache());
        assertTrue(device.next().device(Gpu.class).isPresent(), "the device stays for later calls");

        StandaloneContext back = device.onDevice(Gpu.class, null);
        assertEquals(Optional.empty(), back.device(Gpu.class));
        assertFalse(usesTheGpu(back.pixels()), "back in Java");
    }

    @Test
    void otherDevicesAreKeptBesideTheGpuWithoutChangingTheHelpers() {
        Gpu gpu = TestFrames.refusingGpu();
        StandaloneContext c = StandaloneContext.video(pool, 8, 4).onDevice(Gpu.class, gpu);
        Tpu tpu = new Tpu("t0");
        StandaloneContext both = c.onDevice(Tpu.class, tpu);
        assertEquals(Optional.of(tpu), both.device(Tpu.class));
        assertSame(gpu, both.device(Gpu.class).orElseThrow());
        assertSame(c.pixels(), both.pixels(), "a device that is no Gpu leaves the helpers as they are");
        StandaloneContext noTpu = both.onDevice(Tpu.class, null);
        assertEquals(Optional.empty(), noTpu.device(Tpu.class));
        assertSame(gpu, noTpu.device(Gpu.class).orElseThrow());
        assertTrue(usesTheGpu(noTpu.pixels()), "removing another device keeps the stage's helpers on the Gpu");
        assertEquals(Optional.empty(), StandaloneContext.video(pool, 1, 1).device(Tpu.class));
    }
}
