package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.scope.engine.api.Chain;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.Engine;
import dev.scope.engine.api.StageSpec;
import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuStats;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code gray} (of dev.scope.pipelines.basic) on both paths, through the engine as the
 * preprocessor of a one-frame passthrough: exact BT.601 luma either way (tolerance 0), where the
 * backend says, and every device frame released.
 */
@ExtendWith(OpenCl.class)
class GrayOnDeviceTest {

    private static Chain gray(Engine engine, String backend) {
        return engine.open(new ChainSpec(List.of(new StageSpec("gray", Map.of("backend", backend))),
                new StageSpec("passthrough", Map.of("input_size", 1)), List.of(), "video"));
    }

    private static int[][][] reference(Frame in) {
        int[][] y = Patterns.luma(in);
        return new int[][][] {y, y, y};
    }

    @Test
    void grayIsExactOnBothPathsAndRunsWhereTheBackendSays() {
        Gpu gpu = OpenCl.gpu();
        Engine engine = OpenCl.service(Engine.class);
        GpuStats start = gpu.stats();
        for (int[] size : OpenClPathsTest.SIZES) {
            Frame host = Patterns.colourful(size[0], size[1], 0, 0);
            DeviceFrame device = gpu.upload(host);
            String what = size[0] + "x" + size[1];
            // backend, input, the residency of the output
            Object[][] cases = {
                {"java", host, Frame.Residency.HOST}, {"java", device, Frame.Residency.HOST},
                {"opencl", host, Frame.Residency.DEVICE}, {"opencl", device, Frame.Residency.DEVICE},
                {"auto", host, Frame.Residency.HOST}, {"auto", device, Frame.Residency.DEVICE},
            };
            for (Object[] c : cases) {
                try (Chain chain = gray(engine, (String) c[0])) {
                    Frame out = chain.push((Frame) c[1]).get(0);
                    String where = what + " backend=" + c[0] + " from " + ((Frame) c[1]).residency();
                    assertEquals(c[2], out.residency(), where);
                    Patterns.assertLevels(reference(host), out, 0, where);
                    Patterns.assertOpaque(out);
                    out.unwrap(DeviceFrame.class).ifPresent(DeviceFrame::release);
                }
            }
            device.release();
        }
        assertEquals(start.framesInUse(), gpu.stats().framesInUse(), "every device frame released");
        assertEquals(start.framesLeaked(), gpu.stats().framesLeaked());
    }

    /** Prints gray's frames per second through the chain: Java on host frames, OpenCL resident. */
    @Test
    void printsFramesPerSecond() {
        Gpu gpu = OpenCl.gpu();
        Engine engine = OpenCl.service(Engine.class);
        for (int[] size : new int[][] {{1920, 1080}, {512, 512}}) {
            Frame host = Patterns.colourful(size[0], size[1], 0, 0);
            DeviceFrame device = gpu.upload(host);
            double java = median(gpu, engine, "java", host);
            double opencl = median(gpu, engine, "opencl", device);
            device.release();
            System.out.printf(Locale.ROOT, "[opencl]   %-20s %4dx%-4d  java %7.1f fps (%6.1f ms)   opencl resident %7.1f"
                    + " fps (%6.1f ms)   x%.2f%n", "gray (in a chain)", size[0], size[1], 1000 / java, java,
                    1000 / opencl, opencl, java / opencl);
        }
    }

    private static double median(Gpu gpu, Engine engine, String backend, Frame input) {
        List<Long> times = new ArrayList<>();
        try (Chain chain = gray(engine, backend)) {
            long begin = System.nanoTime();
            while (System.nanoTime() - begin < 1_300_000_000L || times.size() < 5) {
                long t0 = System.nanoTime();
                Frame out = chain.push(input).get(0);
                if (!backend.equals("java")) {
                    gpu.finish();
                }
                long t1 = System.nanoTime();
                out.unwrap(DeviceFrame.class).ifPresent(DeviceFrame::release);
                if (t0 - begin >= 300_000_000L) {
                    times.add(t1 - t0);
                }
            }
        }
        Collections.sort(times);
        return times.get(times.size() / 2) / 1e6;
    }
}
