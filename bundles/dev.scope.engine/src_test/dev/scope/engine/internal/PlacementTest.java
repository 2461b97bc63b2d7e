package dev.scope.engine.internal;

import static dev.scope.engine.internal.TestStages.label;
import static dev.scope.engine.internal.TestStages.labelled;
import static dev.scope.engine.internal.TestStages.labels;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.scope.frames.FramePool;
import dev.scope.gpu.api.Gpu;
import dev.scope.pipeline.api.Backend;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The engine decides where a stage runs and moves its frames there. */
class PlacementTest {

    private final FramePool pool = new FramePool();
    private final FakeGpu gpu = new FakeGpu(pool, 50_000);
    /** The time plugin calls are measured by: advanced by the stages themselves, never read from the wall. */
    private final AtomicLong now = new AtomicLong();

    @AfterEach
    void everyFrameIsReleasedOnce() {
        assertEquals(0, pool.stats().framesInUse());
    }

    private Stage.Services services(Gpu device) {
        return new Stage.Services(pool, () -> device, now::get);
    }

    @Test
    void aForcedDeviceGetsItsInputsUploadedAndItsTimeFromTheDevice() {
        List<Boolean> onDevice = new ArrayList<>();
        Stage s = TestStages.stage(services(gpu), new Placement(true, Backend.OPENCL), 0, 1, (in, context) -> {
            onDevice.add(in.get(0).residency() == Frame.Residency.DEVICE && context.device(Gpu.class).isPresent());
            return List.of(gpu.of(label(in.get(0)) + 1));
        });
        try (ChainImpl chain = ChainImpl.of("video", List.of(s))) {
            for (int i = 0; i < 3; i++) {
                Frame in = labelled(pool, i);
                List<Frame> out = chain.push(in);
                in.release();
                assertEquals(List.of(i + 1), labels(out));
                out.forEach(Frame::release);
            }
            assertEquals(List.of(true, true, true), onDevice, "its inputs were on the device, and it knew the device");
            assertEquals(3, gpu.uploads.get(), "one upload a host input");
            assertEquals("opencl-cpu", chain.metrics().get(0).path());
            assertEquals(0.05, chain.metrics().get(0).deviceP50Millis(), 1e-9, "the kernels' time, by the device's timer");
            assertEquals("opencl", chain.stages().get(0).backend());
        }
    }

    @Test
    void withoutADeviceOrWhenForcedToJavaAStageRunsInJava() {
        for (Gpu device : new Gpu[] {null, gpu}) {
            Stage s = TestStages.stage(services(device), new Placement(true, device == null ? null : Backend.JAVA), 0, 1,
                    (in, context) -> {
                        assertTrue(context.device(Gpu.class).isEmpty());
                        return List.of(pool.copyOf(in.get(0)));
                    });
            try (ChainImpl chain = ChainImpl.of("video", List.of(s))) {
                Frame in = labelled(pool, 1);
                chain.push(in).forEach(Frame::release);
                in.release();
                assertEquals("java", chain.metrics().get(0).path());
                assertEquals("java", chain.stages().get(0).backend());
            }
        }
        assertEquals(0, gpu.uploads.get());
    }

    /** Measured: the call on its thread, the transfers, the device's time; the cheaper path is kept. */
    @Test
    void unforcedTheStageTriesBothPathsAndKeepsTheCheaper() {
        for (boolean deviceIsCheaper : new boolean[] {true, false}) {
            long javaNanos = deviceIsCheaper ? 5_000_000 : 20_000; // the device costs 10 + 50 us
            List<Backend> ran = new ArrayList<>();
            Stage s = TestStages.stage(services(gpu), new Placement(true, null), 0, 1, (in, context) -> {
                boolean device = context.device(Gpu.class).isPresent();
                ran.add(device ? Backend.OPENCL : Backend.JAVA);
                now.addAndGet(device ? 10_000 : javaNanos); // the device's own 50 us come from its timer
                return List.of(device ? gpu.of(1) : pool.copyOf(in.get(0)));
            });
            try (ChainImpl chain = ChainImpl.of("video", List.of(s))) {
                for (int i = 0; i < 14; i++) {
                    Frame in = labelled(pool, i);
                    chain.push(in).forEach(Frame::release);
                    in.release();
                }
            }
            Backend cheaper = deviceIsCheaper ? Backend.OPENCL : Backend.JAVA;
            int trial = 2 * (Placement.WARMUP + Placement.SAMPLES);
            assertEquals(List.of(Backend.JAVA, Backend.OPENCL), ran.subList(0, 2), "the trial alternates");
            assertEquals(List.of(cheaper, cheaper, cheaper, cheaper), ran.subList(trial, trial + 4),
                    "after the trial it stays on the cheaper path");
        }
    }
}
