package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Params;
import dev.scope.pipeline.api.Pipeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Prints the frames per second of every effect on the OpenCL path with its frames resident on the
 * device (the inputs uploaded once; each call's outputs released, and the device waited for) next
 * to the Java path on host frames, at 1920x1080 and 512x512, from the median time of a call.
 * Asserts only that each call produced its frames; speed goals belong to {@code releng/bench}.
 */
@ExtendWith(OpenCl.class)
class DeviceThroughputTest {

    @Test
    void printsFramesPerSecondResidentOnTheDeviceAndInJava() throws Exception {
        Gpu gpu = OpenCl.gpu();
        List<String> lines = new ArrayList<>();
        for (int[] size : new int[][] {{1920, 1080}, {512, 512}}) {
            List<Frame> host = new ArrayList<>();
            List<DeviceFrame> resident = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                host.add(Patterns.colourful(size[0], size[1], 5 * i, 3 * i));
                resident.add(gpu.upload(host.get(host.size() - 1)));
            }
            for (ThroughputTest.Case c : ThroughputTest.CASES) {
                double java = median(gpu, c, host, "java");
                double opencl = median(gpu, c, resident, "opencl");
                lines.add(String.format(Locale.ROOT, "%-20s %4dx%-4d  java %7.1f fps (%6.1f ms)   opencl resident %7.1f fps"
                        + " (%6.1f ms)   x%.2f", c.name(), size[0], size[1], 1000 / java, java, 1000 / opencl, opencl,
                        java / opencl));
            }
            resident.forEach(DeviceFrame::release);
        }
        System.out.println("[opencl] effects throughput on " + gpu.deviceName() + " (" + gpu.path() + ") vs Java on "
                + Runtime.getRuntime().availableProcessors() + " cores:");
        lines.forEach(l -> System.out.println("[opencl]   " + l));
    }

    /** @return the median time of one call in ms: 0.3 s of warm-up, then at least 1 s and 5 calls */
    private static double median(Gpu gpu, ThroughputTest.Case c, List<? extends Frame> inputs, String backend) throws Exception {
        Params params = c.params().with(Backend.PARAM, backend);
        List<Long> times = new ArrayList<>();
        try (Pipeline p = c.pipeline().apply(() -> gpu)) {
            OpenClPathsTest.releaseOnce(p.call(List.of(inputs.get(0)), params.with("init_cache", true)).frames(), inputs);
            long begin = System.nanoTime();
            for (int i = 1; System.nanoTime() - begin < 1_300_000_000L || times.size() < 5; i++) {
                long t0 = System.nanoTime();
                List<Frame> out = p.call(List.of(inputs.get(i % inputs.size())), params.with("init_cache", false)).frames();
                if (backend.equals("opencl")) {
                    gpu.finish();
                }
                long t1 = System.nanoTime();
                assertEquals(c.outputs(), out.size(), c.name());
                OpenClPathsTest.releaseOnce(out, inputs);
                if (t0 - begin >= 300_000_000L) {
                    times.add(t1 - t0);
                }
            }
        }
        Collections.sort(times);
        return times.get(times.size() / 2) / 1e6;
    }
}
