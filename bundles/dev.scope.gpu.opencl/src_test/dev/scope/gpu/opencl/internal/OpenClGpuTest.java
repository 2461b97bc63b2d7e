package dev.scope.gpu.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuBuildException;
import dev.scope.gpu.api.GpuKernel;
import dev.scope.gpu.api.GpuProgram;
import dev.scope.gpu.api.GpuStats;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The Gpu service in a running framework, against Java references. */
@ExtendWith(TestGpus.class)
class OpenClGpuTest {

    private Gpu gpu;
    private GpuProgram program;

    @BeforeEach
    void device() {
        gpu = TestGpus.service();
        program = gpu.compile(Kernels.SOURCE, "");
    }

    private DeviceFrame run(String kernel, DeviceFrame in) {
        DeviceFrame out = gpu.allocate(in.width(), in.height());
        program.kernel(kernel).launch(in.width(), in.height()).arg(in).arg(out).run();
        return out;
    }

    @Test
    void discoveryReportsTheDevice() {
        assertTrue(gpu.available());
        assertTrue(List.of(Gpu.PATH_OPENCL_GPU, Gpu.PATH_OPENCL_CPU).contains(gpu.path()), gpu.path());
        assertFalse(gpu.deviceName().isBlank());
        System.out.println("[gpu] device: " + gpu.deviceName() + ", path " + gpu.path());
    }

    @Test
    void joclLoadedItsLibraryFromTheFrameworksCopy() throws Exception {
        // Bundle-NativeCode at work: JOCL's own fallback unpacks to a temp file instead, which
        // breaks a refreshed bundle ("already loaded in another classloader")
        Path maps = Path.of("/proc/self/maps");
        if (Files.isReadable(maps)) {
            String library = Files.readAllLines(maps).stream().filter(l -> l.contains("libJOCL_2_0_6"))
                    .map(l -> l.substring(l.indexOf('/'))).findFirst().orElse("");
            System.out.println("[gpu] JOCL native library: " + library);
            assertTrue(library.contains("org.eclipse.osgi"), "JOCL loaded its library from '" + library
                    + "', not from the framework's bundle storage");
        }
    }

    @Test
    void invertRoundTripIsBitExact() {
        Frame host = Kernels.random(641, 359, 1);
        GpuStats before = gpu.stats();
        DeviceFrame in = gpu.upload(host);
        DeviceFrame out = run("invert", in);
        Frame back = gpu.download(out);
        assertEquals(-1, Kernels.firstDifference(Kernels.invert(host), back));
        assertEquals(Frame.Residency.HOST, back.residency());
        assertEquals(Frame.Residency.DEVICE, out.residency());
        GpuStats delta = gpu.stats().since(before);
        assertEquals(1, delta.uploads());
        assertEquals(1, delta.downloads());
        assertEquals(641L * 359 * 4, delta.downloadedBytes());
        in.release();
        out.release();
    }

    @Test
    void grayMatchesTheFixedPointJavaReference() {
        Frame host = Kernels.random(1280, 720, 2);
        assertTrue(matches("gray", host, Kernels.gray(host)));
    }

    /** Upload, one kernel, compare with the reference; releases both device frames. */
    private boolean matches(String kernel, Frame host, Frame expected) {
        DeviceFrame in = gpu.upload(host);
        DeviceFrame out = run(kernel, in);
        in.release();
        boolean same = Kernels.firstDifference(expected, out) == -1;
        out.release();
        return same;
    }

    @Test
    void chainedKernelsStayOnTheDevice() {
        Frame host = Kernels.random(320, 240, 3);
        GpuStats before = gpu.stats();
        DeviceFrame in = gpu.upload(host);
        DeviceFrame inverted = run("invert", in);
        // the next stage gets the frame through an engine view (unwrap reaches the frame behind
        // it): upload is a no-op
        Frame asHandedOn = (Frame) Proxy.newProxyInstance(Frame.class.getClassLoader(),
                new Class<?>[] {Frame.class}, (proxy, method, args) -> method.invoke(inverted, args));
        DeviceFrame again = gpu.upload(asHandedOn);
        assertSame(inverted, again);
        DeviceFrame gray = run("gray", again);
        again.release();
        inverted.release();
        in.release();
        GpuStats chain = gpu.stats().since(before);
        assertEquals(1, chain.uploads(), "one upload for the whole chain");
        assertEquals(0, chain.downloads(), "no host copy between device stages");
        assertEquals(2, chain.launches());

        // the sink reads the pixels: one download, cached for the second read
        assertEquals(-1, Kernels.firstDifference(Kernels.gray(Kernels.invert(host)), gray));
        gray.pixels();
        assertEquals(1, gpu.stats().since(before).downloads());
        gray.release();
    }

    @Test
    void pixelsAreInNativeOrderReadOnlyAndRefreshedAfterALaunch() {
        Frame host = Kernels.random(64, 32, 4);
        DeviceFrame frame = gpu.upload(host);
        ByteBuffer pixels = frame.pixels();
        assertEquals(ByteOrder.nativeOrder(), pixels.order());
        assertTrue(pixels.isReadOnly());
        assertEquals(0, pixels.position());
        assertEquals(64 * 32 * 4, pixels.limit());
        assertEquals(host.pixels().getInt(100 * 4), pixels.getInt(100 * 4));
        assertEquals(host.rgb(5, 7), frame.rgb(5, 7));

        // the frame as a kernel's output: its host copy is dropped, the next read sees the result
        DeviceFrame source = gpu.upload(host);
        program.kernel("invert").launch(64, 32).arg(source).arg(frame).run();
        source.release();
        assertEquals(-1, Kernels.firstDifference(Kernels.invert(host), frame));
        frame.release();
    }

    /**
     * An array argument's buffer is kept while the values stay the same (one upload for many
     * launches), and a change of values, even in a reused array, reaches the next launch.
     */
    @Test
    void arrayArgumentsAreUploadedOnceUntilTheyChange() {
        Frame host = Kernels.random(16, 8, 9);
        DeviceFrame in = gpu.upload(host);
        DeviceFrame out = gpu.allocate(16, 8);
        GpuKernel scale = program.kernel("scale");
        float[] weights = {1f, 1f, 1f};
        long before = gpu.stats().uploadedBytes();
        for (int i = 0; i < 5; i++) {
            scale.launch(16, 8).arg(in).arg(out).arg(16).arg(1f).arg(weights).run();
        }
        assertEquals(3 * Float.BYTES, gpu.stats().uploadedBytes() - before, "one upload of the three weights");
        assertEquals(host.pixels().get(0) & 0xFF, out.pixels().get(0) & 0xFF);
        out.release();
        out = gpu.allocate(16, 8);
        weights[0] = 0f; // the same array, new values
        scale.launch(16, 8).arg(in).arg(out).arg(16).arg(1f).arg(weights).run();
        assertEquals(6 * Float.BYTES, gpu.stats().uploadedBytes() - before, "the new values were uploaded");
        ByteBuffer dst = out.pixels();
        for (int i = 0; i < dst.limit(); i += 4) {
            assertEquals(0, dst.get(i), "red scaled by the new weight 0 at byte " + i);
            assertEquals(host.pixels().get(i + 1), dst.get(i + 1), "green kept at byte " + (i + 1));
        }
        in.release();
        out.release();
    }

    @Test
    void typedArgumentsReachTheKernel() {
        Frame host = Kernels.random(33, 17, 5);
        DeviceFrame in = gpu.upload(host);
        DeviceFrame out = gpu.allocate(33, 17);
        float[] weights = {0.5f, 1f, 0.25f};
        program.kernel("scale").launch(33, 17).arg(in).arg(out).arg(33).arg(1.5f).arg(weights).run();
        ByteBuffer src = host.pixels();
        ByteBuffer dst = out.pixels();
        for (int i = 0; i < src.limit(); i += 4) {
            for (int c = 0; c < 3; c++) {
                int expected = Math.min(255, Math.round((src.get(i + c) & 0xFF) * 1.5f * weights[c]));
                assertEquals(expected, dst.get(i + c) & 0xFF, 1, "byte " + (i + c));
            }
        }
        in.release();
        out.release();
    }

    @Test
    void buffersComeBackFromThePool() {
        GpuStats before = gpu.stats();
        DeviceFrame first = gpu.allocate(199, 101);
        first.release();
        DeviceFrame second = gpu.allocate(199, 101);
        GpuStats delta = gpu.stats().since(before);
        assertTrue(delta.buffersCreated() <= 1, delta.toString());
        assertEquals(1, delta.buffersReused(), delta.toString());
        assertEquals(before.framesInUse() + 1, delta.framesInUse());
        second.release();
        assertEquals(before.framesInUse(), gpu.stats().framesInUse());
    }

    @Test
    void referencesAreCounted() {
        DeviceFrame frame = gpu.allocate(8, 8);
        assertSame(frame, gpu.upload(frame));
        frame.release();
        frame.pixels(); // one reference left
        frame.release();
        assertThrows(IllegalStateException.class, frame::pixels);
        assertThrows(IllegalStateException.class, frame::release);
        assertThrows(IllegalStateException.class,
                () -> program.kernel("invert").launch(8, 8).arg(frame).arg(frame).run());
    }

    @Test
    void aSecondCompileIsACacheHit() {
        String source = Kernels.SOURCE + "\n// cache test\n";
        GpuStats before = gpu.stats();
        long t0 = System.nanoTime();
        GpuProgram first = gpu.compile(source, "-DCACHE_TEST=1");
        long t1 = System.nanoTime();
        GpuProgram second = gpu.compile(source, "-DCACHE_TEST=1");
        long t2 = System.nanoTime();
        assertSame(first, second);
        assertSame(first.kernel("invert"), second.kernel("invert"));
        assertNotSame(first, gpu.compile(source, "-DCACHE_TEST=2"), "options are part of the key");
        GpuStats delta = gpu.stats().since(before);
        assertEquals(1, delta.programCacheHits());
        System.out.printf("[gpu] compile: first %.1f ms (%s), cached %.3f ms%n", (t1 - t0) / 1e6,
                delta.programsLoaded() > 0 ? "from the disk cache" : "from source", (t2 - t1) / 1e6);
    }

    @Test
    void theDiskCacheSkipsTheCompilerInANewProcess(@TempDir Path cache) {
        String source = Kernels.SOURCE + "\n// disk cache test " + System.nanoTime() + "\n";
        OpenClGpu.Settings settings = new OpenClGpu.Settings("", cache);
        Frame host = Kernels.random(16, 16, 6);
        OpenClGpu first = new OpenClGpu(settings);
        long[] fromSource = compileAndLaunch(first, source, host);
        assertEquals(1, first.stats().programsBuilt());
        first.close();

        OpenClGpu second = new OpenClGpu(settings);
        long[] fromDisk = compileAndLaunch(second, source, host);
        assertEquals(0, second.stats().programsBuilt());
        assertEquals(1, second.stats().programsLoaded());
        second.close();
        System.out.printf("[gpu] compile + first launch: from source %.0f + %.0f ms, from the binary cache %.0f + %.0f ms%n",
                fromSource[0] / 1e6, fromSource[1] / 1e6, fromDisk[0] / 1e6, fromDisk[1] / 1e6);
    }

    /** @return nanoseconds to compile and to run the first launch (PoCL compiles kernels on first use) */
    private static long[] compileAndLaunch(Gpu gpu, String source, Frame host) {
        long t0 = System.nanoTime();
        GpuProgram program = gpu.compile(source, "");
        long t1 = System.nanoTime();
        DeviceFrame in = gpu.upload(host);
        DeviceFrame out = gpu.allocate(host.width(), host.height());
        program.kernel("invert").launch(host.width(), host.height()).arg(in).arg(out).run();
        gpu.finish();
        long t2 = System.nanoTime();
        assertEquals(-1, Kernels.firstDifference(Kernels.invert(host), out));
        in.release();
        out.release();
        return new long[] {t1 - t0, t2 - t1};
    }

    @Test
    void aBadKernelNamesTheErrorLine() {
        String source = """
                __kernel void broken(__global uchar4* dst) {
                    size_t i = get_global_id(0);
                    dst[i] = undefined_thing;
                }
                """;
        GpuBuildException e = assertThrows(GpuBuildException.class, () -> gpu.compile(source, ""));
        System.out.println("[gpu] build error: " + e.getMessage());
        assertTrue(e.getMessage().contains(":3:"), e.getMessage());
        assertTrue(e.getMessage().contains("undefined_thing"), e.getMessage());
        assertTrue(e.buildLog().contains("error"), e.buildLog());
        // not cached: the same mistake fails again
        assertThrows(GpuBuildException.class, () -> gpu.compile(source, ""));
    }

    @Test
    void callerMistakesAreNamed() {
        DeviceFrame frame = gpu.allocate(4, 4);
        GpuKernel invert = program.kernel("invert");
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> invert.launch(4, 4).arg(frame).run());
        assertTrue(count.getMessage().contains("takes 2 arguments"), count.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> invert.launch(4, 4).arg(frame).arg(7).run());
        assertTrue(type.getMessage().contains("argument 1"), type.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> program.kernel("nope"));
        assertTrue(name.getMessage().contains("invert"), name.getMessage());
        assertThrows(IllegalArgumentException.class, () -> gpu.allocate(0, 5));
        assertThrows(IllegalArgumentException.class, () -> invert.launch(0, 1));
        frame.release();
    }

    @Test
    void twoThreadsLaunchAtOnce() throws Exception {
        Frame a = Kernels.random(257, 129, 7);
        Frame b = Kernels.random(257, 129, 8);
        Frame expectedA = Kernels.invert(a);
        Frame expectedB = Kernels.gray(b);
        Callable<Integer> invertA = () -> loop(a, "invert", expectedA);
        Callable<Integer> grayB = () -> loop(b, "gray", expectedB);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = threads.invokeAll(List.of(invertA, grayB, invertA, grayB));
            for (Future<Integer> result : results) {
                assertEquals(40, result.get());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    private int loop(Frame host, String kernel, Frame expected) {
        int ok = 0;
        for (int i = 0; i < 40; i++) {
            if (matches(kernel, host, expected)) {
                ok++;
            }
        }
        return ok;
    }

    @Test
    void anUnreleasedFrameIsReclaimed() throws Exception {
        long leaked = gpu.stats().framesLeaked();
        gpu.allocate(16, 16); // dropped without release
        for (int i = 0; i < 50 && gpu.stats().framesLeaked() == leaked; i++) {
            System.gc();
            Thread.sleep(20);
            gpu.allocate(1, 1).release(); // allocation reclaims collected frames
        }
        assertTrue(gpu.stats().framesLeaked() > leaked, "the dropped frame was not reclaimed");
    }
}
