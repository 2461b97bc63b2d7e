package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuStats;
import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipelines.effects.internal.EdgesConfig.Mode;
import dev.scope.pipelines.effects.internal.KaleidoscopeConfig.Edge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every effect on the OpenCL path against its Java path, on the same inputs at every size of
 * {@link Patterns#SIZES} and one more odd one, as the engine runs a stage placed on the device: the
 * inputs uploaded, lent as borrowed views, the stage's context on the Gpu. Tolerances: none: the
 * kernels use the Java path's integer arithmetic, and where the effect computes in floating point
 * the same operations in the same precision without fused multiply-adds (the kaleidoscope in
 * float, the edge level in double), so every level must match exactly (on a device without doubles
 * the edge kernels compute in float and would not; this machine's PoCL has them). After each test,
 * as many device frames are in use as before it, none was leaked, and no host frame is left.
 */
@ExtendWith(OpenCl.class)
class OpenClPathsTest {

    static final List<int[]> SIZES = sizes();

    private final TestFrames frames = new TestFrames();
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
    void noFrameLeft() {
        frames.close();
        GpuStats end = gpu.stats();
        assertEquals(start.framesInUse(), end.framesInUse(), "device frames in use after the test");
        assertEquals(start.framesLeaked(), end.framesLeaked(), "device frames collected without release");
    }

    /** @return the host frame on the device, as the engine hands it to a device stage (the test's) */
    private Frame upload(Frame host) {
        return frames.own(gpu.upload(host));
    }

    /** Runs a one-frame effect on each path, from the first call of a stage, and compares. */
    private <C extends BasePipelineConfig> void compare(String what, Supplier<Pipeline<C>> make, C params)
            throws Exception {
        compare(what, make, params, SIZES);
    }

    /** As {@link #compare(String, Supplier, BasePipelineConfig)}, at the given sizes. */
    private <C extends BasePipelineConfig> void compare(String what, Supplier<Pipeline<C>> make, C params,
            List<int[]> sizes) throws Exception {
        for (int[] size : sizes) {
            Frame host = frames.colourful(size[0], size[1], 0, 0);
            String where = what + " " + size[0] + "x" + size[1];
            try (Stage<C> java = new Stage<>(make.get(), frames);
                    Stage<C> opencl = new Stage<>(make.get(), frames, gpu)) {
                Frame expected = single(java.call(params, host));
                assertEquals(Frame.Residency.HOST, expected.residency(), where + ": the Java path");
                Frame actual = single(opencl.call(params, upload(host)));
                assertInstanceOf(DeviceFrame.class, actual, where + ": the OpenCL path");
                assertEquals(0, Patterns.maxDiff(expected, actual), where);
                if (opencl.lastOutput().frames().get(0) != opencl.lastLent().get(0)) {
                    Patterns.assertOpaque(actual);
                }
            }
            frames.releaseAll();
        }
    }

    private static Frame single(List<Frame> out) {
        assertEquals(1, out.size());
        return out.get(0);
    }

    @Test
    void blurMatchesJava() throws Exception {
        for (double sigma : new double[] {0.5, 1.3, 2, 7.5, 20}) {
            compare("blur sigma " + sigma, BlurPipeline::new, BlurTest.sigma(sigma));
        }
    }

    @Test
    void colorGradeMatchesJava() throws Exception {
        compare("color-grade identity", ColorGradePipeline::new, ColorGradeTest.grade(0, 1, 1, 0));
        compare("color-grade", ColorGradePipeline::new, ColorGradeTest.grade(0.1, 1.4, 1.7, 33));
        compare("color-grade extreme", ColorGradePipeline::new, ColorGradeTest.grade(-0.8, 3, 0, -180));
    }

    @Test
    void colorGradeAtItsIdentityHandsTheDeviceFrameOn() throws Exception {
        Frame in = upload(frames.colourful(64, 48, 0, 0));
        try (Stage<ColorGradeConfig> opencl = new Stage<>(new ColorGradePipeline(), frames, gpu)) {
            long launches = gpu.stats().launches();
            opencl.call(ColorGradeTest.grade(0, 1, 1, 0), in);
            assertSame(opencl.lastLent().get(0), opencl.lastOutput().frames().get(0));
            assertEquals(launches, gpu.stats().launches(), "no kernel ran");
        }
    }

    @Test
    void kaleidoscopeMatchesJava() throws Exception {
        KaleidoscopeTest.Settings[] settings = {
            new KaleidoscopeTest.Settings(6, 0.0, 1.0, true, Edge.MIRROR),
            new KaleidoscopeTest.Settings(5, 17.5, 1.3, true, Edge.WRAP),
            new KaleidoscopeTest.Settings(8, 359.0, 0.4, false, Edge.CLAMP),
            new KaleidoscopeTest.Settings(2, 90.0, 2.0, false, Edge.MIRROR),
            new KaleidoscopeTest.Settings(24, 200.0, 0.25, true, Edge.WRAP),
        };
        for (KaleidoscopeTest.Settings s : settings) {
            compare("kaleidoscope " + s, KaleidoscopePipeline::new, s.config());
        }
    }

    /**
     * At a video's size, where the device's blocks of 4x4 pixels mostly lie in one wedge and
     * inside the picture (their fast ways) and some straddle a wedge's border or sample outside:
     * every edge mode, mirrored and not, a zoom that samples far outside, and a width and a height
     * with remainders (blocks cut by the picture's edges).
     */
    @Test
    void kaleidoscopeMatchesJavaAtVideoSizes() throws Exception {
        KaleidoscopeTest.Settings[] settings = {
            new KaleidoscopeTest.Settings(6, 33.0, 1.0, true, Edge.MIRROR),
            new KaleidoscopeTest.Settings(6, 33.0, 1.0, true, Edge.WRAP),
            new KaleidoscopeTest.Settings(6, 33.0, 1.0, false, Edge.CLAMP),
            new KaleidoscopeTest.Settings(11, 250.0, 0.3, true, Edge.MIRROR),
        };
        for (KaleidoscopeTest.Settings s : settings) {
            compare("kaleidoscope " + s, KaleidoscopePipeline::new, s.config(),
                    List.of(new int[] {640, 360}, new int[] {647, 361}));
        }
    }

    @Test
    void kaleidoscopeSpinsAlikeOnBothPaths() throws Exception {
        Frame host = frames.colourful(96, 64, 0, 0);
        Frame device = upload(host);
        KaleidoscopeConfig p = Stage.video(new KaleidoscopeConfig());
        p.segments = 7;
        p.spin = 7.5;
        try (Stage<KaleidoscopeConfig> java = new Stage<>(new KaleidoscopePipeline(), frames);
                Stage<KaleidoscopeConfig> opencl = new Stage<>(new KaleidoscopePipeline(), frames, gpu)) {
            for (int n = 0; n < 4; n++) {
                Frame expected = single(java.call(p, host));
                Frame actual = single(opencl.call(p, device));
                assertInstanceOf(DeviceFrame.class, actual);
                assertEquals(0, Patterns.maxDiff(expected, actual), "frame " + n);
            }
        }
    }

    @Test
    void edgesMatchJava() throws Exception {
        for (Mode mode : Mode.values()) {
            for (double[] s : new double[][] {{1, 0.1}, {0.3, 0}, {2.5, 0.4}, {4, 1}}) {
                for (boolean lineArt : new boolean[] {false, true}) {
                    compare("edges " + mode + " " + s[0] + " " + s[1] + " " + lineArt, EdgesPipeline::new,
                            EdgesTest.edges(mode, s[0], s[1], lineArt));
                }
            }
        }
    }

    /** The edge kernels as built for a device without doubles, in float: the level within one of Java's. */
    @Test
    void floatKernelsAreClose() throws Exception {
        Frame host = frames.colourful(333, 197, 0, 0);
        Frame device = upload(host);
        for (Mode mode : Mode.values()) {
            EdgesConfig p = EdgesTest.edges(mode, 1.7, 0.05, false);
            try (Stage<EdgesConfig> java = new Stage<>(new EdgesPipeline(), frames);
                    Stage<EdgesConfig> opencl = new Stage<>(new EdgesPipeline(false), frames, gpu)) {
                Frame expected = single(java.call(p, host));
                Frame actual = single(opencl.call(p, device));
                int diff = Patterns.maxDiff(expected, actual);
                assertTrue(diff <= 1, "edges " + mode + " in float: " + diff + " levels off");
            }
        }
    }

    @Test
    void interpolateMatchesJava() throws Exception {
        int[][] motions = {{0, 0}, {3, -2}, {-11, 7}, {17, -13}};
        for (int[] size : SIZES) {
            for (int[] m : motions) {
                Frame prev = frames.colourful(size[0], size[1], 0, 0);
                Frame cur = frames.colourful(size[0], size[1], m[0], m[1]);
                for (int range : new int[] {4, 16, 32}) {
                    for (String method : new String[] {"motion", "blend"}) {
                        String what = method + " " + range + " " + size[0] + "x" + size[1] + " moving " + m[0] + ","
                                + m[1];
                        interpolateOnBothPaths(what, List.of(prev, cur), InterpolateTest.config(method, range), false);
                    }
                }
                frames.releaseAll();
            }
        }
    }

    @Test
    void interpolateBatches() throws Exception {
        List<Frame> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(frames.colourful(160, 120, 6 * i, 2 * i));
        }
        interpolateOnBothPaths("a batch of 5", batch, InterpolateTest.config("motion", 16), true);
        interpolateOnBothPaths("a blended batch of 5", batch, InterpolateTest.config("blend", 16), true);
        interpolateOnBothPaths("one at a time", batch, InterpolateTest.config("motion", 16), false);
    }

    /**
     * Runs the frames through interpolate on both paths: one call with all frames when
     * {@code batch} (so the first input gets a lead frame), else one call per frame; compares every
     * output, checks that every input is handed on itself and that inserted frames are no copies of
     * their neighbours.
     */
    private void interpolateOnBothPaths(String what, List<Frame> inputs, InterpolateConfig params, boolean batch)
            throws Exception {
        List<Frame> uploaded = inputs.stream().map(this::upload).toList();
        try (Stage<InterpolateConfig> java = new Stage<>(new InterpolatePipeline(), frames);
                Stage<InterpolateConfig> opencl = new Stage<>(new InterpolatePipeline(), frames, gpu)) {
            List<Frame> expected = new ArrayList<>();
            List<Frame> actual = new ArrayList<>();
            if (batch) {
                expected.addAll(java.call(params, inputs));
                actual.addAll(opencl.call(params, uploaded));
            } else {
                for (int i = 0; i < inputs.size(); i++) {
                    expected.addAll(java.call(params, inputs.get(i)));
                    List<Frame> out = opencl.call(params, uploaded.get(i));
                    List<Frame> returned = opencl.lastOutput().frames();
                    assertSame(opencl.lastLent().get(0), returned.get(returned.size() - 1),
                            what + ": the input is handed on itself");
                    actual.addAll(out);
                }
            }
            int lead = batch ? 1 : 0;
            assertEquals(2 * inputs.size() - 1 + lead, actual.size(), what);
            assertEquals(expected.size(), actual.size(), what);
            for (int i = 0; i < actual.size(); i++) {
                assertInstanceOf(DeviceFrame.class, actual.get(i), what + " output " + i);
                assertEquals(0, Patterns.maxDiff(expected.get(i), actual.get(i)), what + " output " + i);
            }
            for (int i = 1 - lead; i < actual.size(); i += 2) {
                int k = (i + 1 - lead) / 2; // inserted before input k; the lead is made with input 1
                if (Patterns.maxDiff(inputs.get(k == 0 ? 1 : k - 1), inputs.get(k)) > 0) {
                    assertTrue((i == 0 || Patterns.maxDiff(actual.get(i - 1), actual.get(i)) > 0)
                            && Patterns.maxDiff(actual.get(i + 1), actual.get(i)) > 0,
                            what + ": inserted frame " + i + " is a copy of a neighbour");
                }
            }
        }
    }

    /** A stage placed on the device for some frames and in Java for others gives the same frames. */
    @Test
    void interpolateSwitchesPathsBetweenFrames() throws Exception {
        boolean[] onDevice = {false, true, true, false, true, false, false};
        try (Stage<InterpolateConfig> reference = new Stage<>(new InterpolatePipeline(), frames);
                Stage<InterpolateConfig> mixed = new Stage<>(new InterpolatePipeline(), frames)) {
            InterpolateConfig motion = InterpolateTest.config("motion", 16);
            InterpolateConfig blend = InterpolateTest.config("blend", 16);
            for (int i = 0; i < onDevice.length; i++) {
                Frame in = frames.colourful(120, 90, 4 * i, -3 * i);
                InterpolateConfig p = i % 3 == 2 ? blend : motion;
                List<Frame> expected = reference.call(p, in);
                List<Frame> actual = mixed.on(onDevice[i] ? gpu : null).call(p, onDevice[i] ? upload(in) : in);
                assertEquals(expected.size(), actual.size());
                for (int j = 0; j < actual.size(); j++) {
                    assertEquals(onDevice[i] ? Frame.Residency.DEVICE : Frame.Residency.HOST,
                            actual.get(j).residency());
                    assertEquals(0, Patterns.maxDiff(expected.get(j), actual.get(j)), "frame " + i + " output " + j);
                }
            }
        }
    }

    /** The previous frame is kept on the device by a reference of the pipeline's, released by close. */
    @Test
    void interpolateKeepsItsPreviousDeviceFrameUntilClose() throws Exception {
        Stage<InterpolateConfig> opencl = new Stage<>(new InterpolatePipeline(), frames, gpu);
        InterpolateConfig motion = InterpolateTest.config("motion", 16);
        opencl.call(motion, upload(frames.colourful(64, 48, 0, 0)));
        long uploads = gpu.stats().uploads();
        frames.releaseAll();
        assertEquals(start.framesInUse() + 1, gpu.stats().framesInUse(), "the pipeline holds the first frame");
        opencl.call(motion, upload(frames.colourful(64, 48, 3, 1)));
        assertEquals(uploads + 1, gpu.stats().uploads(), "only the test's upload: the previous frame was not copied");
        frames.releaseAll();
        assertEquals(start.framesInUse() + 1, gpu.stats().framesInUse(), "the second replaced the first");
        opencl.close();
        assertEquals(start.framesInUse(), gpu.stats().framesInUse(), "close released it");
    }
}
