package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuStats;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Params;
import dev.scope.pipeline.api.Pipeline;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every effect on the OpenCL path against its Java path, on the same inputs at every size of
 * {@link Patterns#SIZES} and one more odd one, from host frames and from frames already on the
 * device. Tolerances: none: the kernels use the Java path's integer arithmetic, and where the
 * effect computes in floating point the same operations in the same precision without fused
 * multiply-adds (the kaleidoscope in float, the edge level in double), so every level must match
 * exactly (on a device without doubles the edge kernel falls back to float and would not; this
 * machine's PoCL has them). After each test, as
 * many device frames are in use as before it and none was leaked.
 */
@ExtendWith(OpenCl.class)
class OpenClPathsTest {

    static final List<int[]> SIZES = sizes();

    private Gpu gpu;
    private GpuStats start;

    private static List<int[]> sizes() {
        List<int[]> sizes = new ArrayList<>(Patterns.SIZES);
        sizes.add(new int[] {333, 197});
        return List.copyOf(sizes);
    }

    @BeforeEach
    void device() {
        gpu = OpenCl.gpu();
        start = gpu.stats();
    }

    @AfterEach
    void noDeviceFrameLeft() {
        GpuStats end = gpu.stats();
        assertEquals(start.framesInUse(), end.framesInUse(), "device frames in use after the test");
        assertEquals(start.framesLeaked(), end.framesLeaked(), "device frames collected without release");
    }

    /** Calls a one-frame effect on each path and compares; releases what the device path returned. */
    private void compare(String what, Function<Supplier<Gpu>, Pipeline> make, Params params) throws Exception {
        for (int[] size : SIZES) {
            Frame host = Patterns.colourful(size[0], size[1], 0, 0);
            String where = what + " " + size[0] + "x" + size[1];
            List<Frame> made = new ArrayList<>();
            DeviceFrame onDevice = gpu.upload(host);
            made.add(onDevice);
            try (Pipeline java = make.apply(() -> gpu); Pipeline opencl = make.apply(() -> gpu)) {
                Params first = params.with("init_cache", true);
                Frame expected = single(java.call(List.of(host), first.with(Backend.PARAM, "java")));
                assertEquals(Frame.Residency.HOST, expected.residency(), where + ": backend=java runs Java");
                Frame fromHost = single(opencl.call(List.of(host), first.with(Backend.PARAM, "opencl")));
                made.add(fromHost);
                Frame fromDevice = single(opencl.call(List.of(onDevice), first.with(Backend.PARAM, "auto")));
                made.add(fromDevice);
                assertInstanceOf(DeviceFrame.class, fromHost, where + ": backend=opencl runs OpenCL");
                assertInstanceOf(DeviceFrame.class, fromDevice, where + ": auto follows a device frame");
                assertEquals(0, Patterns.maxDiff(expected, fromHost), where + " from a host frame");
                assertEquals(0, Patterns.maxDiff(expected, fromDevice), where + " from a device frame");
                Patterns.assertOpaque(fromHost);
                // a device input read on the Java path
                Frame javaOfDevice = single(java.call(List.of(onDevice), first.with(Backend.PARAM, "java")));
                assertEquals(Frame.Residency.HOST, javaOfDevice.residency());
                assertEquals(0, Patterns.maxDiff(expected, javaOfDevice), where + ": Java path of a device frame");
            } finally {
                releaseOnce(made, List.of());
            }
        }
    }

    private static Frame single(Output out) {
        assertEquals(1, out.size());
        return out.frames().get(0);
    }

    @Test
    void blurMatchesJava() throws Exception {
        for (double sigma : new double[] {0.5, 1.3, 2, 7.5, 20}) {
            compare("blur sigma " + sigma, BlurPipeline::new, Patterns.params("sigma", sigma));
        }
    }

    @Test
    void colorGradeMatchesJava() throws Exception {
        compare("color-grade identity", ColorGradePipeline::new, Params.empty());
        compare("color-grade", ColorGradePipeline::new,
                Patterns.params("brightness", 0.1, "contrast", 1.4, "saturation", 1.7, "hue", 33.0));
        compare("color-grade extreme", ColorGradePipeline::new,
                Patterns.params("brightness", -0.8, "contrast", 3.0, "saturation", 0.0, "hue", -180.0));
    }

    @Test
    void kaleidoscopeMatchesJava() throws Exception {
        Object[][] settings = {
            {6, 0.0, 1.0, true, "mirror"},
            {5, 17.5, 1.3, true, "wrap"},
            {8, 359.0, 0.4, false, "clamp"},
            {2, 90.0, 2.0, false, "mirror"},
            {24, 200.0, 0.25, true, "wrap"},
        };
        for (Object[] s : settings) {
            compare("kaleidoscope " + java.util.Arrays.toString(s), KaleidoscopePipeline::new,
                    Patterns.params("segments", s[0], "rotation", s[1], "zoom", s[2], "mirror", s[3], "edge", s[4]));
        }
    }

    @Test
    void kaleidoscopeSpinsAlikeOnBothPaths() throws Exception {
        Frame in = Patterns.colourful(96, 64, 0, 0);
        try (Pipeline java = new KaleidoscopePipeline(() -> gpu); Pipeline opencl = new KaleidoscopePipeline(() -> gpu)) {
            for (int n = 0; n < 4; n++) {
                Params p = Patterns.params("segments", 7, "spin", 7.5, "init_cache", n == 0);
                Frame expected = single(java.call(List.of(in), p.with(Backend.PARAM, "java")));
                DeviceFrame actual = (DeviceFrame) single(opencl.call(List.of(in), p));
                assertEquals(0, Patterns.maxDiff(expected, actual), "frame " + n);
                actual.release();
            }
        }
    }

    @Test
    void edgesMatchJava() throws Exception {
        for (String mode : new String[] {"sobel", "lineart"}) {
            for (double[] s : new double[][] {{1, 0.1}, {0.3, 0}, {2.5, 0.4}, {4, 1}}) {
                for (boolean lineArt : new boolean[] {false, true}) {
                    compare("edges " + mode + " " + s[0] + " " + s[1] + " " + lineArt, EdgesPipeline::new,
                            Patterns.params("mode", mode, "strength", s[0], "threshold", s[1], "line_art", lineArt));
                }
            }
        }
    }

    /** The edge kernel as built for a device without doubles, in float: the level within one of Java's. */
    @Test
    void floatKernelsAreClose() throws Exception {
        Frame in = Patterns.colourful(333, 197, 0, 0);
        for (String mode : new String[] {"sobel", "lineart"}) {
            Params p = Patterns.params("mode", mode, "strength", 1.7, "threshold", 0.05);
            try (Pipeline java = new EdgesPipeline(); Pipeline opencl = new EdgesPipeline(() -> gpu, false)) {
                Frame expected = single(java.call(List.of(in), p));
                DeviceFrame actual = (DeviceFrame) single(opencl.call(List.of(in), p));
                int diff = Patterns.maxDiff(expected, actual);
                actual.release();
                assertTrue(diff <= 1, "edges " + mode + " in float: " + diff + " levels off");
            }
        }
    }

    @Test
    void interpolateMatchesJava() throws Exception {
        int[][] motions = {{0, 0}, {3, -2}, {-11, 7}, {17, -13}};
        for (int[] size : SIZES) {
            for (int[] m : motions) {
                Frame prev = Patterns.colourful(size[0], size[1], 0, 0);
                Frame cur = Patterns.colourful(size[0], size[1], m[0], m[1]);
                for (int range : new int[] {4, 16, 32}) {
                    for (String method : new String[] {"motion", "blend"}) {
                        String what = method + " " + range + " " + size[0] + "x" + size[1] + " moving " + m[0] + ","
                                + m[1];
                        interpolateOnBothPaths(what, List.of(prev, cur), Patterns.params("method", method,
                                "search_range", range), false);
                    }
                }
            }
        }
    }

    @Test
    void interpolateBatchesAndDeviceInputs() throws Exception {
        List<Frame> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(Patterns.colourful(160, 120, 6 * i, 2 * i));
        }
        interpolateOnBothPaths("a batch of 5", batch, Patterns.params("method", "motion"), true);
        interpolateOnBothPaths("a blended batch of 5", batch, Patterns.params("method", "blend"), true);
        interpolateOnBothPaths("device inputs", batch, Patterns.params("method", "motion"), false);
    }

    /**
     * Runs the frames through interpolate on both paths: one call with all frames when
     * {@code batch} (so the first input gets a lead frame), else one call per frame, from device
     * frames when not batched; compares every output, checks that inserted frames are no copies
     * of their neighbours, and releases what the device path returned.
     */
    private void interpolateOnBothPaths(String what, List<Frame> frames, Params params, boolean batch) throws Exception {
        List<DeviceFrame> uploaded = new ArrayList<>();
        try (Pipeline java = new InterpolatePipeline(() -> gpu); Pipeline opencl = new InterpolatePipeline(() -> gpu)) {
            List<Frame> expected = new ArrayList<>();
            List<Frame> actual = new ArrayList<>();
            if (batch) {
                expected.addAll(java.call(frames, params.with("init_cache", true).with(Backend.PARAM, "java")).frames());
                actual.addAll(opencl.call(frames, params.with("init_cache", true).with(Backend.PARAM, "opencl")).frames());
            } else {
                for (int i = 0; i < frames.size(); i++) {
                    Params p = params.with("init_cache", i == 0);
                    expected.addAll(java.call(List.of(frames.get(i)), p.with(Backend.PARAM, "java")).frames());
                    DeviceFrame in = gpu.upload(frames.get(i));
                    uploaded.add(in);
                    List<Frame> out = opencl.call(List.of(in), p).frames();
                    assertSame(in, out.get(out.size() - 1), what + ": a device input is returned itself");
                    actual.addAll(out);
                }
            }
            int lead = batch ? 1 : 0;
            assertEquals(2 * frames.size() - 1 + lead, actual.size(), what);
            assertEquals(expected.size(), actual.size(), what);
            for (int i = 0; i < actual.size(); i++) {
                assertInstanceOf(DeviceFrame.class, actual.get(i), what + " output " + i);
                assertEquals(0, Patterns.maxDiff(expected.get(i), actual.get(i)), what + " output " + i);
            }
            for (int i = 1 - lead; i < actual.size(); i += 2) {
                int k = (i + 1 - lead) / 2; // inserted before input k; the lead is made with input 1
                if (Patterns.maxDiff(frames.get(k == 0 ? 1 : k - 1), frames.get(k)) > 0) {
                    assertTrue((i == 0 || Patterns.maxDiff(actual.get(i - 1), actual.get(i)) > 0)
                            && Patterns.maxDiff(actual.get(i + 1), actual.get(i)) > 0,
                            what + ": inserted frame " + i + " is a copy of a neighbour");
                }
            }
            releaseOnce(actual, uploaded);
        } finally {
            uploaded.forEach(DeviceFrame::release);
        }
    }

    /** Releases the device frames among {@code outputs} once each, except the caller's {@code inputs}. */
    static void releaseOnce(List<Frame> outputs, List<? extends Frame> inputs) {
        Set<Frame> done = Collections.newSetFromMap(new IdentityHashMap<>());
        done.addAll(inputs);
        for (Frame f : outputs) {
            if (done.add(f) && f instanceof DeviceFrame d) {
                d.release();
            }
        }
    }

    @Test
    void interpolateSwitchesPathsBetweenFrames() throws Exception {
        String[] backends = {"java", "opencl", "opencl", "java", "opencl", "java", "java"};
        try (Pipeline reference = new InterpolatePipeline(); Pipeline mixed = new InterpolatePipeline(() -> gpu)) {
            for (int i = 0; i < backends.length; i++) {
                Frame in = Patterns.colourful(120, 90, 4 * i, -3 * i);
                Params p = Patterns.params("method", i % 3 == 2 ? "blend" : "motion", "init_cache", i == 0);
                List<Frame> expected = reference.call(List.of(in), p).frames();
                List<Frame> actual = mixed.call(List.of(in), p.with(Backend.PARAM, backends[i])).frames();
                assertEquals(expected.size(), actual.size());
                for (int j = 0; j < actual.size(); j++) {
                    assertEquals(backends[i].equals("java") ? Frame.Residency.HOST : Frame.Residency.DEVICE,
                            actual.get(j).residency());
                    assertEquals(0, Patterns.maxDiff(expected.get(j), actual.get(j)), "frame " + i + " output " + j);
                }
                releaseOnce(actual, List.of());
            }
        }
    }

    @Test
    void autoRunsComputeBoundEffectsOnTheDeviceAndMemoryBoundOnesWhereTheFrameIs() throws Exception {
        Frame host = Patterns.colourful(64, 48, 0, 0);
        DeviceFrame device = gpu.upload(host);
        Params grade = Patterns.params("contrast", 1.5);
        try (Pipeline blur = new BlurPipeline(() -> gpu); Pipeline colour = new ColorGradePipeline(() -> gpu);
                Pipeline noGpu = new BlurPipeline(() -> null)) {
            Frame blurred = single(blur.call(List.of(host), Params.empty()));
            assertEquals(Frame.Residency.DEVICE, blurred.residency(), "blur is compute-bound: uploads");
            ((DeviceFrame) blurred).release();
            Frame graded = single(colour.call(List.of(host), grade));
            assertEquals(Frame.Residency.HOST, graded.residency(), "color-grade on a host frame stays in Java");
            Frame gradedOnDevice = single(colour.call(List.of(device), grade));
            assertEquals(Frame.Residency.DEVICE, gradedOnDevice.residency(), "color-grade follows a device frame");
            ((DeviceFrame) gradedOnDevice).release();
            Frame forced = single(colour.call(List.of(host), grade.with(Backend.PARAM, "opencl")));
            assertEquals(Frame.Residency.DEVICE, forced.residency(), "backend=opencl");
            ((DeviceFrame) forced).release();
            Frame javaOnly = single(noGpu.call(List.of(device), Params.of(java.util.Map.of(Backend.PARAM, "opencl"))));
            assertEquals(Frame.Residency.HOST, javaOnly.residency(), "no Gpu service: Java, whatever backend says");
        } finally {
            device.release();
        }
    }
}
