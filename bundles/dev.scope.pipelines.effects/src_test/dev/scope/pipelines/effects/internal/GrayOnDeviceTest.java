package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuStats;
import dev.scope.pipeline.api.Backend;
import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.PipelineFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code gray} of dev.scope.pipelines.basic, made by its published factory, on both paths: exact
 * BT.601 luma either way (tolerance 0), where the stage was placed, and every frame released.
 */
@ExtendWith(OpenCl.class)
class GrayOnDeviceTest {

    private final TestFrames frames = new TestFrames();

    @AfterEach
    void everyFrameReleased() {
        frames.close();
    }

    private static int[][][] reference(Frame in) {
        int[][] y = Patterns.luma(in);
        return new int[][][] {y, y, y};
    }

    @Test
    void grayIsExactOnBothPathsAndRunsWhereItWasPlaced() throws Exception {
        Gpu gpu = OpenCl.gpu();
        GpuStats start = gpu.stats();
        PipelineFactory<BasePipelineConfig> factory = FactoriesTest.factory("gray");
        assertEquals(Set.of(Backend.JAVA, Backend.OPENCL), factory.backends());
        BasePipelineConfig params = Stage.video(factory.configClass().getConstructor().newInstance());
        for (int[] size : OpenClPathsTest.SIZES) {
            Frame host = frames.colourful(size[0], size[1], 0, 0);
            Frame device = frames.own(gpu.upload(host));
            String what = size[0] + "x" + size[1];
            // on the device, the input, the residency of the output
            Object[][] cases = {
                {null, host, Frame.Residency.HOST}, {null, device, Frame.Residency.HOST},
                {gpu, device, Frame.Residency.DEVICE},
            };
            for (Object[] c : cases) {
                try (Stage<BasePipelineConfig> gray = new Stage<>(factory.create(params), frames, (Gpu) c[0])) {
                    Frame in = (Frame) c[1];
                    List<Frame> out = gray.call(params, in);
                    String where = what + (c[0] == null ? " in Java" : " on the device") + " from " + in.residency();
                    assertEquals(1, out.size(), where);
                    assertEquals(c[2], out.get(0).residency(), where);
                    Patterns.assertLevels(reference(host), out.get(0), 0, where);
                    Patterns.assertOpaque(out.get(0));
                }
            }
            frames.releaseAll();
        }
        assertEquals(start.framesInUse(), gpu.stats().framesInUse(), "every device frame released");
        assertEquals(start.framesLeaked(), gpu.stats().framesLeaked());
    }
}
