package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.lang.reflect.Proxy;
import java.util.List;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuStats;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Params;
import dev.scope.pipeline.api.Pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two device stages in a row, called as the engine calls them (the engine is not in this test
 * runtime: it would take these factories): blur, then kaleidoscope on blur's output seen through
 * a read-only view, each output released by its consumer. No transfer happens between them, and
 * every device frame is released.
 */
@ExtendWith(OpenCl.class)
class DeviceChainTest {

    private static final int FRAMES = 6;

    /** A view of a frame that is not the frame, like the engine's read-only view of it. */
    static Frame view(Frame frame) {
        return (Frame) Proxy.newProxyInstance(Frame.class.getClassLoader(), new Class<?>[] {Frame.class},
                (proxy, method, args) -> method.invoke(frame, args));
    }

    /** Runs one frame through both stages; returns kaleidoscope's output, releases blur's. */
    private static Frame chain(Pipeline blur, Pipeline kaleidoscope, Frame in, Params params) throws Exception {
        Frame blurred = blur.call(List.of(view(in)), params.with("sigma", 3.0)).frames().get(0);
        try {
            return kaleidoscope.call(List.of(view(blurred)), params.with("segments", 5)).frames().get(0);
        } finally {
            blurred.unwrap(DeviceFrame.class).ifPresent(DeviceFrame::release);
        }
    }

    @Test
    void blurThenKaleidoscopeStayOnTheDevice() throws Exception {
        Gpu gpu = OpenCl.gpu();
        GpuStats start = gpu.stats();
        Frame host = Patterns.colourful(320, 240, 0, 0);
        Params auto = Params.empty();
        Frame expected;
        try (Pipeline blur = new BlurPipeline(() -> gpu); Pipeline kaleidoscope = new KaleidoscopePipeline(() -> gpu)) {
            DeviceFrame input = gpu.upload(host);
            // the first frame compiles and uploads the kaleidoscope's table of angles
            ((DeviceFrame) chain(blur, kaleidoscope, input, auto.with("init_cache", true))).release();
            GpuStats before = gpu.stats();
            for (int i = 0; i < FRAMES; i++) {
                assertInstanceOf(DeviceFrame.class, chain(blur, kaleidoscope, input, auto)).release();
            }
            GpuStats moved = gpu.stats().since(before);
            System.out.println("[opencl] blur > kaleidoscope, " + FRAMES + " device frames in: " + moved);
            assertEquals(0, moved.downloads(), "no download between or after the device stages");
            assertEquals(0, moved.uploads(), "the input is on the device already, so is blur's output");
            assertEquals(3L * FRAMES, moved.launches(), "two blur passes and the fold a frame");
            input.release();

            // from a host frame: blur (compute-bound) uploads it once, kaleidoscope follows it
            before = gpu.stats();
            Frame out = chain(blur, kaleidoscope, host, auto);
            GpuStats one = gpu.stats().since(before);
            assertEquals(1, one.uploads());
            assertEquals(0, one.downloads());
            expected = gpu.download(out);
            ((DeviceFrame) out).release();
        }
        assertEquals(start.framesInUse(), gpu.stats().framesInUse(), "every device frame released");
        assertEquals(start.framesLeaked(), gpu.stats().framesLeaked());

        // the same two stages on the Java path give the same picture
        Params java = Params.empty().with(Backend.PARAM, "java");
        try (Pipeline blur = new BlurPipeline(() -> gpu); Pipeline kaleidoscope = new KaleidoscopePipeline(() -> gpu)) {
            chain(blur, kaleidoscope, host, java.with("init_cache", true));
            for (int i = 0; i < FRAMES; i++) {
                chain(blur, kaleidoscope, host, java);
            }
            Frame actual = chain(blur, kaleidoscope, host, java);
            assertEquals(Frame.Residency.HOST, actual.residency(), "backend=java");
            assertEquals(0, Patterns.maxDiff(expected, actual));
        }
    }
}
