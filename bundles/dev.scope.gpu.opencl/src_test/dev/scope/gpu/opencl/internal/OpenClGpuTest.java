package dev.scope.gpu.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.scope.frames.FrameAccess;
import dev.scope.frames.FramePool;
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

    private final FramePool frames = new FramePool();
    private Gpu gpu;
    private GpuProgram program;

    @BeforeEach
    void device() {
        gpu = TestGpus.service();
        program = Kernels.program(gpu);
    }

    private DeviceFrame run(String kernel, Frame in) {
        DeviceFrame out = gpu.allocate(in.width(), in.height());
        program.kernel(kernel).launch(in.width(), in.height()).in(in).out(out).run();
        return out;
    }

    @Test
    void discoveryReportsTheDevice() {
        assertTrue(List.of(Gpu.PATH_OPENCL_GPU, Gpu.PATH_OPENCL_CPU).contains(gpu.path()), gpu.path());
        assertFalse(gpu.deviceName().isBlank());
        assertTrue(gpu.memoryBytes() > 64L << 20, "global memory " + gpu.memoryBytes());
        System.out.println("[gpu] device: " + gpu.deviceName() + ", path " + gpu.path() + ", "
                + (gpu.memoryBytes() >> 20) + " MiB, doubles " + gpu.doubles());
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
        int[] pixels = Kernels.opaqueRandom(641, 359, 1);
        Frame host = frames.of(641, 359, pixels);
        GpuStats before = gpu.stats();
        DeviceFrame in = gpu.upload(host);
        DeviceFrame out = run("invert", in);
        Frame back = gpu.download(out, frames);
        assertEquals(-1, Kernels.firstDifference(Kernels.invert(pixels), back));
        assertEquals(Frame.Residency.HOST, back.residency());
        assertEquals(Frame.Residency.DEVICE, out.residency());
        GpuStats delta = gpu.stats().since(before);
        assertEquals(1, delta.uploads());
        assertEquals(1, delta.downloads());
        assertEquals(641L * 359 * 4, delta.downloadedBytes());
        in.release();
        out.release();
        back.release();
        host.release();
    }

    @Test
    void grayMatchesTheFixedPointJavaReference() {
        int[] pixels = Kernels.opaqueRandom(1280, 720, 2);
        Frame host = frames.of(1280, 720, pixels);
        assertTrue(matches("gray", host, Kernels.gray(pixels)));
        host.release();
    }

    /** Upload, one kernel, compare with the reference; releases both device frames. */
    private boolean matches(String kernel, Frame host, int[] expected) {
        DeviceFrame in = gpu.upload(host);
        DeviceFrame out = run(kernel, in);
        in.release();
        boolean same = Kernels.firstDifference(expected, out) == -1;
        out.release();
        return same;
    }

    /**
     * Stages as the engine runs them: each gets its input as a borrowed view, and the next device
     * stage takes the device frame without a copy; the pixels reach the host once, at the end.
     */
    @Test
    void chainedKernelsStayOnTheDevice() {
        int[] pixels = Kernels.opaqueRandom(320, 240, 3);
        Frame host = frames.of(320, 240, pixels);
        GpuStats before = gpu.stats();
        DeviceFrame in = gpu.upload(host);
        Frame lent = FrameAccess.borrow(in);
        DeviceFrame inverted = run("invert", lent);
        FrameAccess.endLoan(lent);
        in.release();

        Frame view = FrameAccess.borrow(inverted);
        DeviceFrame again = gpu.upload(view); // a device stage's upload of its input: a new handle, no copy
        assertFalse(again.writable());
        assertNotSame(inverted, again);
        DeviceFrame gray = run("gray", again);
        again.release();
        FrameAccess.endLoan(view);
        inverted.release();
        GpuStats chain = gpu.stats().since(before);
        assertEquals(1, chain.uploads(), "one upload for the whole chain");
        assertEquals(0, chain.downloads(), "no host copy between device stages");
        assertEquals(2, chain.launches());

        // the sink reads the pixels: one download, kept for the second read
        assertEquals(-1, Kernels.firstDifference(Kernels.gray(Kernels.invert(pixels)), gray));
        Kernels.read(gray);
        assertEquals(1, gpu.stats().since(before).downloads());
        gray.release();
        host.release();
    }

    @Test
    void readsDownloadOnceAndALaunchIntoTheFrameRefreshesThem() {
        int[] pixels = Kernels.opaqueRandom(64, 32, 4);
        Frame host = frames.of(64, 32, pixels);
        DeviceFrame frame = gpu.upload(host);
        assertTrue(frame.writable(), "a copy made by upload is the caller's to write");
        long downloads = gpu.stats().downloads();
        assertEquals(-1, Kernels.firstDifference(pixels, frame));
        int[] rows = new int[64 * 3];
        frame.readRows(7, 3, rows, 0);
        assertEquals(-1, Kernels.firstDifference(java.util.Arrays.copyOfRange(pixels, 7 * 64, 10 * 64), rows));
        assertEquals(host.rgb(5, 7), frame.rgb(5, 7));
        assertEquals(downloads + 1, gpu.stats().downloads(), "one download for every read");

        // the frame as a kernel's output: its host copy is dropped, the next read sees the result
        DeviceFrame source = gpu.upload(host);
        program.kernel("invert").launch(64, 32).in(source).out(frame).run();
        source.release();
        assertEquals(-1, Kernels.firstDifference(Kernels.invert(pixels), frame));
        assertEquals(downloads + 2, gpu.stats().downloads());
        frame.release();
        host.release();
    }

    /**
     * An array argument's buffer is kept while the values stay the same (one upload for many
     * launches), and a change of values, even in a reused array, reaches the next launch.
     */
    @Test
    void arrayArgumentsAreUploadedOnceUntilTheyChange() {
        int[] pixels = Kernels.opaqueRandom(16, 8, 9);
        Frame host = frames.of(16, 8, pixels);
        DeviceFrame in = gpu.upload(host);
        DeviceFrame out = gpu.allocate(16, 8);
        GpuKernel scale = program.kernel("scale");
        float[] weights = {1f, 1f, 1f};
        long before = gpu.stats().uploadedBytes();
        for (int i = 0; i < 5; i++) {
            scale.launch(16, 8).in(in).out(out).arg(16).arg(1f).arg(weights).run();
        }
        assertEquals(3 * Float.BYTES, gpu.stats().uploadedBytes() - before, "one upload of the three weights");
        assertEquals(pixels[0] & 0xFF, Kernels.read(out)[0] & 0xFF);
        out.release();
        out = gpu.allocate(16, 8);
        weights[0] = 0f; // the same array, new values
        scale.launch(16, 8).in(in).out(out).arg(16).arg(1f).arg(weights).run();
        assertEquals(6 * Float.BYTES, gpu.stats().uploadedBytes() - before, "the new values were uploaded");
        int[] dst = Kernels.read(out);
        for (int i = 0; i < dst.length; i++) {
            assertEquals(0, dst[i] & 0xFF, "red scaled by the new weight 0 at pixel " + i);
            assertEquals(pixels[i] >>> 8 & 0xFF, dst[i] >>> 8 & 0xFF, "green kept at pixel " + i);
        }
        in.release();
        out.release();
        host.release();
    }

    @Test
    void typedArgumentsReachTheKernel() {
        int[] pixels = Kernels.opaqueRandom(33, 17, 5);
        Frame host = frames.of(33, 17, pixels);
        DeviceFrame in = gpu.upload(host);
        DeviceFrame out = gpu.allocate(33, 17);
        float[] weights = {0.5f, 1f, 0.25f};
        program.kernel("scale").launch(33, 17).in(in).out(out).arg(33).arg(1.5f).arg(weights).run();
        int[] dst = Kernels.read(out);
        for (int i = 0; i < pixels.length; i++) {
            for (int c = 0; c < 3; c++) {
                int expected = Math.min(255, Math.round((pixels[i] >>> 8 * c & 0xFF) * 1.5f * weights[c]));
                assertEquals(expected, dst[i] >>> 8 * c & 0xFF, 1, "pixel " + i + " channel " + c);
            }
        }
        in.release();
        out.release();
        host.release();
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
    void aSecondCompileIsACacheHit() {
        String source = Kernels.source(Kernels.RESOURCE) + "\n// cache test\n";
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
    void theDiskCacheSkipsTheCompilerInANewProcess(@TempDir Path cache) throws Exception {
        String source = Kernels.source(Kernels.RESOURCE) + "\n// disk cache test " + System.nanoTime() + "\n";
        OpenClGpu.Settings settings = new OpenClGpu.Settings("", cache);
        int[] pixels = Kernels.opaqueRandom(16, 16, 6);
        Frame host = frames.of(16, 16, pixels);
        OpenClGpu first = OpenClGpu.open(settings);
        long[] fromSource = compileAndLaunch(first, source, host, pixels);
        assertEquals(1, first.stats().programsBuilt());
        first.close();

        OpenClGpu second = OpenClGpu.open(settings);
        long[] fromDisk = compileAndLaunch(second, source, host, pixels);
        assertEquals(0, second.stats().programsBuilt());
        assertEquals(1, second.stats().programsLoaded());
        second.close();
        host.release();
        System.out.printf("[gpu] compile + first launch: from source %.0f + %.0f ms, from the binary cache %.0f + %.0f ms%n",
                fromSource[0] / 1e6, fromSource[1] / 1e6, fromDisk[0] / 1e6, fromDisk[1] / 1e6);
    }

    /** @return nanoseconds to compile and to run the first launch (PoCL compiles kernels on first use) */
    private static long[] compileAndLaunch(Gpu gpu, String source, Frame host, int[] pixels) {
        long t0 = System.nanoTime();
        GpuProgram program = gpu.compile(source, "");
        long t1 = System.nanoTime();
        DeviceFrame in = gpu.upload(host);
        DeviceFrame out = gpu.allocate(host.width(), host.height());
        program.kernel("invert").launch(host.width(), host.height()).in(in).out(out).run();
        gpu.finish();
        long t2 = System.nanoTime();
        assertEquals(-1, Kernels.firstDifference(Kernels.invert(pixels), out));
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
        Frame host = frames.allocate(4, 4);
        GpuKernel invert = program.kernel("invert");
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> invert.launch(4, 4).in(frame).run());
        assertTrue(count.getMessage().contains("takes 2 arguments"), count.getMessage());
        IllegalArgumentException type = assertThrows(IllegalArgumentException.class,
                () -> invert.launch(4, 4).in(frame).arg(7).run());
        assertTrue(type.getMessage().contains("argument 1"), type.getMessage());
        IllegalArgumentException hostIn = assertThrows(IllegalArgumentException.class,
                () -> invert.launch(4, 4).in(host));
        assertTrue(hostIn.getMessage().contains("host frame") && hostIn.getMessage().contains("gpu.upload"),
                hostIn.getMessage());
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> program.kernel("nope"));
        assertTrue(name.getMessage().contains("invert"), name.getMessage());
        assertThrows(IllegalArgumentException.class, () -> gpu.allocate(0, 5));
        assertThrows(IllegalArgumentException.class, () -> gpu.allocate(Frame.MAX_SIDE + 1, 5));
        assertThrows(IllegalArgumentException.class, () -> invert.launch(0, 1));
        assertThrows(IllegalArgumentException.class, () -> gpu.download(host, frames));
        DeviceFrame out = gpu.allocate(4, 4);
        GpuKernel.Launch once = invert.launch(4, 4).in(frame).out(out);
        once.run();
        assertThrows(IllegalStateException.class, once::run);
        out.release();
        frame.release();
        host.release();
    }

    /** A frame released between adding it to a launch and running the launch: its memory may be reused already. */
    @Test
    void aLaunchOfAReleasedFrameIsRefused() {
        DeviceFrame in = gpu.allocate(8, 8);
        DeviceFrame out = gpu.allocate(8, 8);
        GpuKernel.Launch launch = program.kernel("invert").launch(8, 8).in(in).out(out);
        in.release();
        IllegalStateException e = assertThrows(IllegalStateException.class, launch::run);
        assertTrue(e.getMessage().contains("released"), e.getMessage());
        out.release();
    }

    @Test
    void twoThreadsLaunchAtOnce() throws Exception {
        int[] a = Kernels.opaqueRandom(257, 129, 7);
        int[] b = Kernels.opaqueRandom(257, 129, 8);
        Frame hostA = frames.of(257, 129, a);
        Frame hostB = frames.of(257, 129, b);
        Callable<Integer> invertA = () -> loop(hostA, "invert", Kernels.invert(a));
        Callable<Integer> grayB = () -> loop(hostB, "gray", Kernels.gray(b));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = threads.invokeAll(List.of(invertA, grayB, invertA, grayB));
            for (Future<Integer> result : results) {
                assertEquals(40, result.get());
            }
        } finally {
            threads.shutdownNow();
        }
        hostA.release();
        hostB.release();
    }

    private int loop(Frame host, String kernel, int[] expected) {
        int ok = 0;
        for (int i = 0; i < 40; i++) {
            // a borrowed view of the host frame, as a stage gets it, read from two threads at once
            Frame view = FrameAccess.borrow(host);
            if (matches(kernel, view, expected)) {
                ok++;
            }
        }
        return ok;
    }

    @Test
    void anUnreleasedHandleIsReclaimed() throws Exception {
        long leaked = gpu.stats().framesLeaked();
        long inUse = gpu.stats().framesInUse();
        ReferenceQueue<Object> collected = new ReferenceQueue<>();
        PhantomReference<Object> dropped = dropAHandle(collected);
        for (int i = 0; i < 100 && collected.poll() == null; i++) {
            System.gc();
            collected.remove(100); // returns as soon as the handle is collected
        }
        for (int i = 0; i < 1000 && gpu.stats().framesLeaked() == leaked; i++) {
            gpu.allocate(1, 1).release(); // allocation reclaims collected handles
            Thread.yield();
        }
        assertTrue(gpu.stats().framesLeaked() > leaked, "the dropped handle was not reclaimed");
        assertEquals(inUse, gpu.stats().framesInUse(), "its memory went back");
        dropped.clear();
    }

    private PhantomReference<Object> dropAHandle(ReferenceQueue<Object> queue) {
        return new PhantomReference<>(gpu.allocate(16, 16), queue); // never released
    }
}
