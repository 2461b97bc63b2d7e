package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuStats;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Params;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

/**
 * {@code gray} of dev.scope.pipelines.basic, made by its published factory, on both paths: exact
 * BT.601 luma either way (tolerance 0), where the backend says, and every device frame released.
 */
@ExtendWith(OpenCl.class)
class GrayOnDeviceTest {

    /** @return a new gray pipeline from the factory dev.scope.pipelines.basic publishes (it takes no load values) */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static Pipeline gray() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(GrayOnDeviceTest.class).getBundleContext();
        ServiceReference<PipelineFactory> reference = context.getServiceReferences(PipelineFactory.class,
                "(component.name=dev.scope.pipelines.basic.internal.GrayFactory)").iterator().next();
        return ((PipelineFactory) context.getService(reference)).create(null);
    }

    private static int[][][] reference(Frame in) {
        int[][] y = Patterns.luma(in);
        return new int[][][] {y, y, y};
    }

    @Test
    void grayIsExactOnBothPathsAndRunsWhereTheBackendSays() throws Exception {
        Gpu gpu = OpenCl.gpu();
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
            try (Pipeline gray = gray()) {
                for (Object[] c : cases) {
                    Frame in = DeviceChainTest.view((Frame) c[1]);
                    Frame out = gray.call(List.of(in), Params.empty().with(Backend.PARAM, c[0])).frames().get(0);
                    String where = what + " backend=" + c[0] + " from " + in.residency();
                    try {
                        assertEquals(c[2], out.residency(), where);
                        Patterns.assertLevels(reference(host), out, 0, where);
                        Patterns.assertOpaque(out);
                    } finally {
                        out.unwrap(DeviceFrame.class).ifPresent(DeviceFrame::release);
                    }
                }
            } finally {
                device.release();
            }
        }
        assertEquals(start.framesInUse(), gpu.stats().framesInUse(), "every device frame released");
        assertEquals(start.framesLeaked(), gpu.stats().framesLeaked());
    }

    /** Prints gray's frames per second: Java on host frames, OpenCL with resident frames. */
    @Test
    void printsFramesPerSecond() throws Exception {
        Gpu gpu = OpenCl.gpu();
        for (int[] size : new int[][] {{1920, 1080}, {512, 512}}) {
            Frame host = Patterns.colourful(size[0], size[1], 0, 0);
            DeviceFrame device = gpu.upload(host);
            double java = median(gpu, "java", host);
            double opencl = median(gpu, "opencl", device);
            device.release();
            System.out.printf(Locale.ROOT, "[opencl]   %-20s %4dx%-4d  java %7.1f fps (%6.1f ms)   opencl resident %7.1f"
                    + " fps (%6.1f ms)   x%.2f%n", "gray", size[0], size[1], 1000 / java, java, 1000 / opencl, opencl,
                    java / opencl);
        }
    }

    private static double median(Gpu gpu, String backend, Frame input) throws Exception {
        List<Long> times = new ArrayList<>();
        Params params = Params.empty().with(Backend.PARAM, backend);
        try (Pipeline gray = gray()) {
            long begin = System.nanoTime();
            while (System.nanoTime() - begin < 1_300_000_000L || times.size() < 5) {
                long t0 = System.nanoTime();
                Frame out = gray.call(List.of(input), params).frames().get(0);
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
