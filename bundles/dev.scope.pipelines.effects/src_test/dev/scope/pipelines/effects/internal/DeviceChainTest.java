package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import dev.scope.engine.api.Chain;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.Engine;
import dev.scope.engine.api.StageMetrics;
import dev.scope.engine.api.StageSpec;
import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuStats;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Device stages in a chain of the real engine hand frames on without a transfer, and the engine
 * and the stages release every device frame they made.
 */
@ExtendWith(OpenCl.class)
class DeviceChainTest {

    private static final int FRAMES = 6;

    @Test
    void blurThenKaleidoscopeStayOnTheDevice() {
        Gpu gpu = OpenCl.gpu();
        Engine engine = OpenCl.service(Engine.class);
        GpuStats start = gpu.stats();
        ChainSpec spec = new ChainSpec(List.of(new StageSpec("blur", Map.of("sigma", 3.0))),
                new StageSpec("kaleidoscope", Map.of("segments", 5)), List.of(), "video");
        Frame host = Patterns.colourful(320, 240, 0, 0);
        Frame expected;
        try (Chain chain = engine.open(spec)) {
            DeviceFrame input = gpu.upload(host);
            release(chain.push(input)); // the first frame compiles and uploads the kaleidoscope's table
            GpuStats before = gpu.stats();
            for (int i = 0; i < FRAMES; i++) {
                List<Frame> out = chain.push(input);
                assertEquals(1, out.size());
                assertEquals(Frame.Residency.DEVICE, out.get(0).residency());
                release(out);
            }
            GpuStats moved = gpu.stats().since(before);
            System.out.println("[opencl] blur > kaleidoscope, " + FRAMES + " device frames in: " + moved);
            assertEquals(0, moved.downloads(), "no download between or after the device stages");
            assertEquals(0, moved.uploads(), "the input is on the device already");
            assertEquals(3L * FRAMES, moved.launches(), "two blur passes and the fold a frame");
            for (StageMetrics m : chain.metrics()) {
                assertEquals(gpu.path(), m.path(), m.pipelineId() + " ran on the device");
            }
            input.release();

            // from a host frame: blur (compute-bound) uploads it once, kaleidoscope follows it
            before = gpu.stats();
            List<Frame> out = chain.push(host);
            GpuStats one = gpu.stats().since(before);
            assertEquals(1, one.uploads());
            assertEquals(0, one.downloads());
            expected = gpu.download(out.get(0));
            release(out);
        }
        assertEquals(start.framesInUse(), gpu.stats().framesInUse(), "every device frame released");
        assertEquals(start.framesLeaked(), gpu.stats().framesLeaked());

        // the same chain on the Java path gives the same picture
        ChainSpec onJava = new ChainSpec(List.of(new StageSpec("blur", Map.of("sigma", 3.0, "backend", "java"))),
                new StageSpec("kaleidoscope", Map.of("segments", 5, "backend", "java")), List.of(), "video");
        try (Chain chain = engine.open(onJava)) {
            for (int i = 0; i <= FRAMES; i++) {
                chain.push(host);
            }
            Frame actual = chain.push(host).get(0);
            assertEquals(Frame.Residency.HOST, actual.residency(), "backend=java");
            assertEquals(0, Patterns.maxDiff(expected, actual));
            assertTrue(chain.metrics().stream().allMatch(m -> m.path().equals("java")));
        }
    }

    private static void release(List<Frame> frames) {
        frames.forEach(f -> f.unwrap(DeviceFrame.class).ifPresent(DeviceFrame::release));
    }
}
