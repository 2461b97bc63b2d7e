package dev.scope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;

import dev.scope.engine.api.DeviceInfo;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.frames.FramePool;
import dev.scope.gpu.api.Gpu;

import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;

/**
 * The VRAM check: a pipeline's {@code estimated_vram_gb} against the memory of the device the
 * engine uses, with a {@link FakeGpu} registered as the {@link Gpu} service (this test runtime has
 * no OpenCL bundle, so no other device).
 */
class VramOsgiTest extends FrameworkFixture {

    private static final long GB = 1L << 30;

    @Test
    void aPipelineThatNeedsMoreMemoryThanTheDeviceHasIsNamedInOneLine() throws Exception {
        startVramFixture();
        startAddFixture("fixture-vram-add");
        PipelineInfo big = registry.require("fixture-vram");
        PipelineInfo none = registry.require("fixture-add");
        assertEquals(OptionalDouble.of(2.0), big.estimatedVramGb());
        assertEquals(OptionalDouble.empty(), none.estimatedVramGb(), "no estimate: estimated_vram_gb is null");

        assertEquals(Optional.empty(), engine.device(), "no device yet");
        assertEquals(Optional.empty(), engine.vramWarning(big), "no device, nothing to compare with");

        AtomicInteger changes = new AtomicInteger();
        Runnable listener = changes::incrementAndGet;
        registry.addListener(listener);
        FramePool pool = new FramePool();
        ServiceRegistration<Gpu> small = context.registerService(Gpu.class, new FakeGpu(pool, 0, GB), null);
        try {
            await(() -> engine.device().isPresent(), "the engine uses the device");
            assertTrue(changes.get() >= 1, "listeners hear that the device came");
            assertEquals(new DeviceInfo("fake", Gpu.PATH_OPENCL_CPU, GB), engine.device().orElseThrow());
            assertEquals(Optional.of("pipeline 'fixture-vram' estimates 2 GB of GPU memory (estimated_vram_gb), more"
                    + " than the 1.0 GB of the OpenCL device in use (fake)"), engine.vramWarning(big));
            assertEquals(Optional.empty(), engine.vramWarning(none));
        } finally {
            small.unregister();
        }
        await(() -> engine.device().isEmpty(), "the device went away");
        ServiceRegistration<Gpu> large = context.registerService(Gpu.class, new FakeGpu(pool, 0, 2 * GB), null);
        try {
            await(() -> engine.device().isPresent(), "the engine uses the larger device");
            assertEquals(Optional.empty(), engine.vramWarning(big), "2 GB fit into 2 GB");
        } finally {
            large.unregister();
            registry.removeListener(listener);
        }
        assertEquals(Optional.empty(), engine.vramWarning(big));
    }
}
