package dev.scope.gpu.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;

import dev.scope.frames.FrameAccess;
import dev.scope.frames.FramePool;
import dev.scope.frames.PlatformPixels;
import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuStats;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.PixelMap;
import dev.scope.pipeline.api.PixelOps;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * dev.scope.frames' pixel helpers on device inputs (its {@code pixels.cl} kernels, through this
 * service) give exactly the levels of their Java path, on random frames lent as borrowed views.
 */
@ExtendWith(TestGpus.class)
class PlatformPixelsOnDeviceTest {

    private static final int[][] SIZES = {{1, 1}, {7, 3}, {320, 240}, {1283, 17}};

    private final FramePool frames = new FramePool();
    private Gpu gpu;
    private PixelOps java;
    private PixelOps device;

    @BeforeEach
    void device() {
        gpu = TestGpus.service();
        java = new PlatformPixels(frames, null);
        device = new PlatformPixels(frames, gpu);
    }

    /** Runs {@code op} on both paths at every size and compares every pixel. */
    private void sameLevels(String what, Function<PixelOps, Function<Frame, Frame>> op) {
        long seed = 31;
        for (int[] size : SIZES) {
            int w = size[0];
            int h = size[1];
            Frame host = Kernels.randomFrame(frames, w, h, seed++);
            Frame expected = op.apply(java).apply(FrameAccess.borrow(host));
            DeviceFrame uploaded = gpu.upload(host);
            GpuStats before = gpu.stats();
            Frame lent = FrameAccess.borrow(uploaded);
            Frame actual = op.apply(device).apply(lent);
            FrameAccess.endLoan(lent);
            GpuStats delta = gpu.stats().since(before);
            assertEquals(Frame.Residency.DEVICE, actual.residency(), what + ": ran on the device");
            assertEquals(1, delta.launches(), what);
            assertEquals(0, delta.downloads(), what + ": no pixels to the host");
            assertEquals(-1, Kernels.firstDifference(Kernels.read(expected), actual),
                    what + " at " + w + "x" + h + ": first differing pixel");
            actual.release();
            uploaded.release();
            expected.release();
            host.release();
        }
    }

    @Test
    void affineInRangeGivesTheJavaLevels() {
        sameLevels("invert", ops -> in -> ops.affine(in, -1, 255));
        sameLevels("fade", ops -> in -> ops.affine(in, 0.5, 64));
        sameLevels("identity", ops -> in -> ops.affine(in, 1, 0));
    }

    @Test
    void affineOutOfRangeGivesTheJavaLevels() {
        sameLevels("contrast", ops -> in -> ops.affine(in, 1.7, -30));
        sameLevels("gain", ops -> in -> ops.affine(in, 3, 10));
        sameLevels("negative gain", ops -> in -> ops.affine(in, -2.2, 300));
    }

    /** Fusion on the device: every kind of map in one kernel, as the Java pass gives them. */
    @Test
    void mapsInOneKernelGiveTheJavaLevels() {
        List<PixelMap> maps = List.of(
                PixelMap.matrix(new double[] {1.2, -0.1, 0.05, 0.1, 0.9, 0.2, -0.3, 0.4, 1.1}, 12.5),
                PixelMap.affine(-1, 255), PixelMap.lookup(v -> v / 64 * 85),
                PixelMap.matrix(new double[] {0.299, 0.587, 0.114, 0.299, 0.587, 0.114, 0.299, 0.587, 0.114}, 0),
                PixelMap.affine(2, -10), PixelMap.affine(0.5, 64));
        for (int n = 1; n <= maps.size(); n++) {
            List<PixelMap> some = maps.subList(0, n);
            sameLevels(n + " maps", ops -> in -> ops.apply(in, some));
        }
        sameLevels("no map", ops -> in -> ops.apply(in, List.of()));
    }

    @Test
    void lookupGivesTheJavaLevels() {
        Object key = new Object();
        sameLevels("gamma", ops -> in -> ops.lookup(in, key, v -> (int) Math.round(255 * Math.pow(v / 255.0, 0.45))));
        sameLevels("posterize", ops -> in -> ops.lookup(in, new Object(), v -> v / 64 * 85));
        sameLevels("clamped", ops -> in -> ops.lookup(in, new Object(), v -> 2 * v - 100));
    }

    /** The table is uploaded once while its key stays: kept by the kernel's array argument. */
    @Test
    void aLookupTableIsUploadedOncePerKey() {
        Frame host = Kernels.randomFrame(frames, 64, 64, 77);
        DeviceFrame in = gpu.upload(host);
        Object key = new Object();
        Frame first = device.lookup(in, key, v -> 255 - v);
        long uploaded = gpu.stats().uploadedBytes();
        Frame second = device.lookup(in, key, v -> 255 - v);
        assertEquals(uploaded, gpu.stats().uploadedBytes(), "the same table, no upload");
        Frame third = device.lookup(in, new Object(), v -> v / 2);
        assertEquals(uploaded + 768 * Integer.BYTES, gpu.stats().uploadedBytes(), "a new key, a new table");
        first.release();
        second.release();
        third.release();
        in.release();
        host.release();
    }
}
