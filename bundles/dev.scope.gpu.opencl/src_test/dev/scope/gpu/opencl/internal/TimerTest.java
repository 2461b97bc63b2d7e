package dev.scope.gpu.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuKernel;
import dev.scope.gpu.api.GpuTimer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device time by OpenCL event profiling: a timer counts the launches its thread enqueues while it
 * is open, and knows their time once all have completed, without waiting for them.
 */
@ExtendWith(TestGpus.class)
class TimerTest {

    private static final int SIDE = 512;

    private Gpu gpu;
    private GpuKernel invert;
    private DeviceFrame in;
    private DeviceFrame out;

    @BeforeEach
    void device() {
        gpu = TestGpus.service();
        invert = Kernels.program(gpu).kernel("invert");
        in = gpu.allocate(SIDE, SIDE);
        out = gpu.allocate(SIDE, SIDE);
    }

    @AfterEach
    void release() {
        in.release();
        out.release();
    }

    private void launch() {
        invert.launch(SIDE, SIDE).in(in).out(out).run();
    }

    @Test
    void aTimerReportsTheDeviceTimeOfItsLaunchesOnceTheyCompleted() {
        GpuTimer timer = gpu.startTimer();
        launch();
        launch();
        timer.close();
        launch(); // after close: not counted
        OptionalLong early = timer.deviceNanos(); // never blocks: empty while a launch runs
        early.ifPresent(n -> assertTrue(n > 0, "device nanos " + n));
        gpu.finish();
        OptionalLong nanos = timer.deviceNanos();
        assertTrue(nanos.isPresent(), "every timed launch completed");
        assertTrue(nanos.getAsLong() > 0, "device nanos " + nanos);
        assertEquals(nanos, timer.deviceNanos(), "the same sum when asked again");
        early.ifPresent(n -> assertEquals(n, nanos.getAsLong()));
        assertEquals(2, timer.launches());
        System.out.printf("[gpu] two %dx%d invert launches: %.3f ms of device time%n", SIDE, SIDE,
                nanos.getAsLong() / 1e6);
    }

    @Test
    void aTimerWithoutLaunchesIsZero() {
        GpuTimer timer = gpu.startTimer();
        timer.close();
        timer.close(); // idempotent
        assertEquals(OptionalLong.of(0), timer.deviceNanos());
        assertEquals(0, timer.launches());
    }

    @Test
    void launchesOfOtherThreadsAreNotTimed() throws Exception {
        GpuTimer timer = gpu.startTimer();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            other.submit(this::launch).get();
        } finally {
            other.shutdownNow();
        }
        timer.close();
        gpu.finish();
        assertEquals(0, timer.launches());
        assertEquals(OptionalLong.of(0), timer.deviceNanos());
    }

    @Test
    void nestedTimersBothCount() {
        GpuTimer outer = gpu.startTimer();
        launch();
        GpuTimer inner = gpu.startTimer();
        launch();
        inner.close();
        launch();
        outer.close();
        gpu.finish();
        assertEquals(3, outer.launches());
        assertEquals(1, inner.launches());
        long all = outer.deviceNanos().orElseThrow();
        long one = inner.deviceNanos().orElseThrow();
        assertTrue(one > 0 && one < all, one + " of " + all);
    }

    /** A timer still counts after the thread stops timing, and one of a closed service stays unknown. */
    @Test
    void aTimerOfAClosedServiceStaysEmpty(@TempDir Path cache) throws Exception {
        OpenClGpu own = OpenClGpu.open(new OpenClGpu.Settings("", cache));
        DeviceFrame a = own.allocate(SIDE, SIDE);
        DeviceFrame b = own.allocate(SIDE, SIDE);
        GpuKernel kernel = Kernels.program(own).kernel("invert");
        GpuTimer timer = own.startTimer();
        kernel.launch(SIDE, SIDE).in(a).out(b).run();
        own.close(); // waits for the launch, releases its event uncounted
        timer.close();
        assertEquals(OptionalLong.empty(), timer.deviceNanos());
        assertEquals(1, timer.launches());
        assertThrows(IllegalStateException.class, own::startTimer);
    }
}
