package dev.scope.gpu.opencl.internal;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.OptionalLong;
import java.util.function.Supplier;

import dev.scope.frames.FramePool;
import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuProgram;
import dev.scope.gpu.api.GpuTimer;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Per-frame times at 1920x1080, printed, not asserted (speed goals belong in benchmarks).
 * Medians of a few runs after a warm-up.
 */
@ExtendWith(TestGpus.class)
class GpuTimingsTest {

    private static final int W = 1920;
    private static final int H = 1080;
    private static final int RUNS = 15;
    private static final long BYTES = (long) W * H * 4;

    @Test
    void timings1080p() {
        Gpu gpu = TestGpus.service();
        FramePool frames = new FramePool();
        GpuProgram program = Kernels.program(gpu);
        Frame host = Kernels.randomFrame(frames, W, H, 42);
        DeviceFrame in = gpu.upload(host);
        DeviceFrame out = gpu.allocate(W, H);

        double upload = median(() -> {
            gpu.upload(host).release();
            return null;
        });
        double download = median(() -> {
            gpu.download(in, frames).release();
            return null;
        });
        ClMemory memory = ((ClFrame) in).memory;
        ByteBuffer reused = ByteBuffer.allocateDirect((int) BYTES);
        double transfer = median(() -> {
            ((OpenClGpu) gpu).guarded("download", () -> {
                ((OpenClGpu) gpu).readInto(memory, reused);
                return null;
            });
            return null;
        });
        int[] array = new int[W * H];
        double read = median(() -> {
            program.kernel("copy").launch(W, H).in(in).out(out).run(); // new pixels: no host copy
            out.read(array); // a download into the host copy, then the copy into the array
            return null;
        });
        double reread = median(() -> {
            out.read(array); // from the host copy
            return null;
        });
        double invert = median(() -> {
            program.kernel("invert").launch(W, H).in(in).out(out).run();
            gpu.finish();
            return null;
        });
        double gray = median(() -> {
            program.kernel("gray").launch(W, H).in(in).out(out).run();
            gpu.finish();
            return null;
        });
        double copy = median(() -> {
            program.kernel("copy").launch(W, H).in(in).out(out).run();
            gpu.finish();
            return null;
        });
        double[] grayDevice = new double[1];
        median(() -> {
            GpuTimer timer = gpu.startTimer();
            program.kernel("gray").launch(W, H).in(in).out(out).run();
            timer.close();
            gpu.finish();
            OptionalLong nanos = timer.deviceNanos();
            grayDevice[0] = nanos.orElse(0) / 1e6;
            return null;
        });
        double chain = median(() -> {
            DeviceFrame a = gpu.upload(host);
            DeviceFrame b = gpu.allocate(W, H);
            DeviceFrame c = gpu.allocate(W, H);
            program.kernel("invert").launch(W, H).in(a).out(b).run();
            program.kernel("gray").launch(W, H).in(b).out(c).run();
            gpu.download(c, frames).release();
            a.release();
            b.release();
            c.release();
            return null;
        });
        int[] pixels = Kernels.read(host);
        double javaGray = median(() -> Kernels.gray(pixels));
        in.release();
        out.release();
        host.release();

        System.out.printf("[gpu] 1920x1080 RGBA8 (%.1f MB) on %s (%s), median of %d:%n", BYTES / 1e6,
                gpu.deviceName(), gpu.path(), RUNS);
        System.out.printf("[gpu]   upload            %7.2f ms  %5.1f GB/s%n", upload, gbps(BYTES, upload));
        System.out.printf("[gpu]   download          %7.2f ms  %5.1f GB/s (into a pooled host frame)%n", download,
                gbps(BYTES, download));
        System.out.printf("[gpu]     of which transfer %7.2f ms  %5.1f GB/s (into a reused host buffer)%n", transfer,
                gbps(BYTES, transfer));
        System.out.printf("[gpu]   copy kernel + read(int[]) %7.2f ms (download into the host copy, then the array)%n",
                read);
        System.out.printf("[gpu]   read(int[]) again %7.2f ms (from the host copy)%n", reread);
        System.out.printf("[gpu]   invert kernel     %7.2f ms%n", invert);
        System.out.printf("[gpu]   gray kernel       %7.2f ms (device time by its timer: %.2f ms)%n", gray,
                grayDevice[0]);
        System.out.printf("[gpu]   copy kernel       %7.2f ms  %5.1f GB/s (read + write)%n", copy,
                gbps(2 * BYTES, copy));
        System.out.printf("[gpu]   upload+invert+gray+download %7.2f ms (%.0f fps)%n", chain, 1000 / chain);
        System.out.printf("[gpu]   gray in Java (int loop, for scale) %7.2f ms%n", javaGray);
        System.out.println("[gpu]   " + gpu.stats());
    }

    private static double median(Supplier<?> work) {
        for (int i = 0; i < 3; i++) {
            work.get();
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            work.get();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return ms[RUNS / 2];
    }

    private static double gbps(long bytes, double ms) {
        return bytes / (ms / 1000) / 1e9;
    }
}
