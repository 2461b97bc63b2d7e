package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuStats;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two device stages in a row, called as the engine calls them (the engine is not in this test
 * runtime: it would take these factories): blur, then kaleidoscope on blur's output, each lent its
 * input as a borrowed view, each output released by the one who holds it once its consumer is done.
 * No transfer happens between them, and every device frame is released.
 */
@ExtendWith(OpenCl.class)
class DeviceChainTest {

    private static final int FRAMES = 6;

    private final TestFrames frames = new TestFrames();

    @AfterEach
    void everyFrameReleased() {
        frames.close();
    }

    /** Runs one frame through both stages; returns kaleidoscope's output, releases blur's. */
    private Frame chain(Stage<BlurConfig> blur, Stage<KaleidoscopeConfig> kaleidoscope, Frame in) throws Exception {
        Frame blurred = single(blur.call(BLUR, in));
        try {
            return single(kaleidoscope.call(KALEIDOSCOPE, blurred));
        } finally {
            frames.release(blurred);
        }
    }

    private static final BlurConfig BLUR = BlurTest.sigma(3.0);
    private static final KaleidoscopeConfig KALEIDOSCOPE = kaleidoscope();

    private static KaleidoscopeConfig kaleidoscope() {
        KaleidoscopeConfig c = Stage.video(new KaleidoscopeConfig());
        c.segments = 5;
        return c;
    }

    private static Frame single(List<Frame> out) {
        assertEquals(1, out.size());
        return out.get(0);
    }

    @Test
    void blurThenKaleidoscopeStayOnTheDevice() throws Exception {
        Gpu gpu = OpenCl.gpu();
        GpuStats start = gpu.stats();
        Frame host = frames.colourful(320, 240, 0, 0);
        Frame expected;
        try (Stage<BlurConfig> blur = new Stage<>(new BlurPipeline(), frames, gpu);
                Stage<KaleidoscopeConfig> kaleidoscope = new Stage<>(new KaleidoscopePipeline(), frames, gpu)) {
            Frame input = frames.own(gpu.upload(host));
            // the first frame builds the programs and uploads the kaleidoscope's table of angles
            frames.release(chain(blur, kaleidoscope, input));
            GpuStats before = gpu.stats();
            for (int i = 0; i < FRAMES; i++) {
                frames.release(assertInstanceOf(DeviceFrame.class, chain(blur, kaleidoscope, input)));
            }
            GpuStats moved = gpu.stats().since(before);
            System.out.println("[opencl] blur > kaleidoscope, " + FRAMES + " device frames in: " + moved);
            assertEquals(0, moved.downloads(), "no download between or after the device stages");
            assertEquals(0, moved.uploads(), "the input is on the device already, so is blur's output");
            assertEquals(3L * FRAMES, moved.launches(), "two blur passes and the fold a frame");
            expected = chain(blur, kaleidoscope, input);
        }
        assertEquals(start.framesInUse() + 2, gpu.stats().framesInUse(), "the input and the last output, only");

        // the same two stages on the Java path give the same picture, frame for frame
        try (Stage<BlurConfig> blur = new Stage<>(new BlurPipeline(), frames);
                Stage<KaleidoscopeConfig> kaleidoscope = new Stage<>(new KaleidoscopePipeline(), frames)) {
            Frame actual = null;
            for (int i = 0; i < FRAMES + 2; i++) {
                actual = chain(blur, kaleidoscope, host);
            }
            assertEquals(Frame.Residency.HOST, actual.residency());
            assertEquals(0, Patterns.maxDiff(expected, actual));
        }
        frames.releaseAll();
        assertEquals(start.framesInUse(), gpu.stats().framesInUse(), "every device frame released");
        assertEquals(start.framesLeaked(), gpu.stats().framesLeaked());
    }
}
