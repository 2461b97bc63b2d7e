package dev.scope.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.CallContext;
import dev.scope.pipeline.api.FloatFrame;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameEffect;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Param;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.pipeline.api.PipelineFactory;
import dev.scope.pipeline.api.Requirements;

class PipelineHarnessTest {

    /** A video-mode pipeline's config. */
    @PipelineConfig(id = "plain", modes = @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true))
    public static class PlainConfig extends BasePipelineConfig {
        @Param(min = 0, max = 1)
        public double amount = 1.0;
    }

    /** A text-mode generator's config. */
    @PipelineConfig(id = "gen", modes = @ModeDefaults(value = ModeDefaults.TEXT, isDefault = true))
    public static class GenConfig extends BasePipelineConfig {
        @Param(min = 0, max = 255)
        public int level = 7;
    }

    /** Two frames a call in video mode, from the mode's defaults. */
    @PipelineConfig(id = "pairs", modes = @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true, inputSize = 2))
    public static class PairsConfig extends BasePipelineConfig {
    }

    /** Copies every input. */
    static final class Copy implements FrameEffect<PlainConfig> {
        @Override
        public Frame apply(Frame in, PlainConfig p, CallContext context) {
            return context.frames().copyOf(in);
        }
    }

    private static PipelineHarness<PlainConfig> plain(Pipeline<PlainConfig> pipeline) {
        return PipelineHarness.of(PlainConfig.class, load -> pipeline);
    }

    @Test
    void runsAFrameEffectOnTheGivenPixels() {
        try (PipelineHarness<PosterizeConfig> h = PipelineHarness.of(new PosterizeFactory())) {
            h.set("levels", 2);
            Image g = Image.gradient(256, 64);
            Image.assertClose(g.mapLevels(v -> v < 128 ? 0 : 255), h.call(g).frame(), 0);
            h.set("levels", 3);
            Image.assertClose(g.mapLevels(v -> v < 64 ? 0 : v < 192 ? 128 : 255), h.call(g).frame(), 0);
            assertEquals(0, h.framesHeld());
        }
    }

    @Test
    void valuesAreCheckedAndNormalizedByTheSchema() {
        try (PipelineHarness<PosterizeConfig> h = PipelineHarness.of(new PosterizeFactory())) {
            IllegalArgumentException range = assertThrows(IllegalArgumentException.class, () -> h.set("levels", 1));
            assertTrue(range.getMessage().startsWith("posterize: levels"), range.getMessage());
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> h.set("level", 3));
            assertTrue(unknown.getMessage().contains("unknown parameter 'level'"), unknown.getMessage());
            assertThrows(IllegalArgumentException.class, () -> h.set("palette", "sepia"));
            assertThrows(IllegalArgumentException.class, () -> h.set("levels", "four"));
            assertThrows(IllegalArgumentException.class, () -> h.set("gamma", null));
            h.set("dither", "ORDERED").set("palette", "warm").set("custom_levels", List.of(0, 255))
                    .set("seed", 5).set("keep_luma", true);
            PosterizeConfig p = h.params();
            assertEquals(PosterizeConfig.Dither.ORDERED, p.dither);
            assertEquals("warm", p.palette);
            assertEquals(List.of(0, 255), p.customLevels);
            assertEquals(5, p.seed);
            assertTrue(p.keepLuma);
            h.set("seed", null);
            assertNull(h.params().seed);
        }
    }

    @Test
    void theSameParametersObjectUntilAValueOrTheSizeChanges() {
        List<PlainConfig> configured = new ArrayList<>();
        List<PlainConfig> called = new ArrayList<>();
        Pipeline<PlainConfig> recorder = new Pipeline<>() {
            @Override
            public void configure(PlainConfig params) {
                configured.add(params);
            }

            @Override
            public Output call(List<Frame> video, PlainConfig p, CallContext context) {
                called.add(p);
                return Output.idle();
            }
        };
        try (PipelineHarness<PlainConfig> h = plain(recorder)) {
            h.call(Image.solid(4, 4, 0, 0, 0));
            h.call(Image.solid(4, 4, 0, 0, 0));
            assertEquals(1, configured.size());
            assertSame(called.get(0), called.get(1));
            assertSame(configured.get(0), called.get(0));
            h.set("amount", 0.25);
            h.call(Image.solid(4, 4, 0, 0, 0));
            assertEquals(2, configured.size());
            assertNotSame(called.get(1), called.get(2));
            assertEquals(0.25, called.get(2).amount);
            h.call(Image.solid(8, 2, 0, 0, 0));
            assertEquals(3, configured.size());
            assertEquals(0.25, called.get(3).amount);
            assertEquals(8, called.get(3).width);
            assertEquals(2, called.get(3).height);
        }
    }

    @Test
    void videoModeTakesTheSizeFromTheInputs() {
        int[] seen = new int[4];
        try (PipelineHarness<PlainConfig> h = plain((video, p, context) -> {
            seen[0] = p.width;
            seen[1] = p.height;
            seen[2] = context.width();
            seen[3] = context.height();
            return Output.idle();
        })) {
            assertEquals("video", h.mode());
            assertTrue(h.call(Image.solid(40, 30, 1, 2, 3)).idle());
            assertEquals(List.of(40, 30, 40, 30), List.of(seen[0], seen[1], seen[2], seen[3]));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> h.set("width", 64));
            assertEquals("plain: width is the input's width in video mode, decided by the stream; it can be set in"
                    + " text mode only", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> h.call());
            assertThrows(IllegalArgumentException.class, () -> h.text());
            assertThrows(IllegalArgumentException.class,
                    () -> h.call(Image.solid(4, 4, 0, 0, 0), Image.solid(4, 2, 0, 0, 0)));
        }
    }

    @Test
    void initCacheOnTheFirstCallAndAfterAReset() {
        List<Boolean> flags = new ArrayList<>();
        try (PipelineHarness<PlainConfig> h = plain((video, p, context) -> {
            flags.add(context.initCache());
            return Output.idle();
        })) {
            Image in = Image.solid(2, 2, 0, 0, 0);
            h.call(in);
            h.call(in);
            h.resetCache().call(in);
            h.call(in);
            assertEquals(List.of(true, false, true, false), flags);
        }
    }

    @Test
    void textModeGeneratesAtTheSetSize() {
        PipelineFactory<GenConfig> gen = load -> (video, p, context) -> {
            assertTrue(video.isEmpty());
            assertFalse(context.videoMode());
            assertEquals(p.width, context.width());
            int[] px = new int[p.width * p.height];
            java.util.Arrays.fill(px, Image.pack(p.level, p.level, p.level));
            return Output.of(context.frames().of(p.width, p.height, px));
        };
        try (PipelineHarness<GenConfig> h = PipelineHarness.of(GenConfig.class, gen)) {
            assertEquals("text", h.mode());
            Image.assertClose(Image.solid(512, 512, 7, 7, 7), h.call().frame(), 0);
            h.set("width", 8).set("height", 4).set("level", 200);
            Image.assertClose(Image.solid(8, 4, 200, 200, 200), h.call().frame(), 0);
            IllegalArgumentException past = assertThrows(IllegalArgumentException.class, () -> h.set("width", 9000));
            assertEquals("gen: width = 9000 is past the frame size limit; allowed: 1 to 8192", past.getMessage());
            assertThrows(IllegalArgumentException.class, () -> h.call(Image.solid(2, 2, 0, 0, 0)));
            assertThrows(IllegalArgumentException.class, () -> h.video());
        }
    }

    @Test
    void aTextModePipelineAskingForInputFails() {
        PipelineFactory<GenConfig> asks = load -> new Pipeline<>() {
            @Override
            public Requirements prepare(GenConfig params, CallContext context) {
                return new Requirements(1);
            }

            @Override
            public Output call(List<Frame> video, GenConfig p, CallContext context) {
                return Output.idle();
            }
        };
        try (PipelineHarness<GenConfig> h = PipelineHarness.of(GenConfig.class, asks)) {
            AssertionError e = assertThrows(AssertionError.class, () -> h.call());
            assertEquals("gen (call 1): prepare() asks for 1 input frames in text mode, which has none", e.getMessage());
        }
    }

    @Test
    void theModesInputSizeReachesTheDefaultPrepare() {
        PipelineFactory<PairsConfig> copy = load -> new FrameEffect<>() {
            @Override
            public Frame apply(Frame in, PairsConfig p, CallContext context) {
                return context.pixels().affine(in, -1, 255);
            }
        };
        try (PipelineHarness<PairsConfig> h = PipelineHarness.of(PairsConfig.class, copy)) {
            assertEquals(2, h.params().inputSize);
            Image a = Image.solid(3, 3, 0, 0, 0);
            Image b = Image.solid(3, 3, 255, 255, 255);
            AssertionError e = assertThrows(AssertionError.class, () -> h.call(a));
            assertEquals("pairs (call 1): prepare() asks for 2 input frames a call; call() was given 1", e.getMessage());
            Outputs out = h.call(a, b);
            assertEquals(List.of(b, a), out.frames());
            assertThrows(AssertionError.class, out::frame);
        }
    }

    @Test
    void loadParametersReachCreateAndAreFixedAfterwards() {
        PosterizeConfig[] load = new PosterizeConfig[1];
        PipelineFactory<PosterizeConfig> factory = config -> {
            load[0] = config;
            return new PosterizeFactory().create(config);
        };
        try (PipelineHarness<PosterizeConfig> h = PipelineHarness.of(PosterizeConfig.class, factory)) {
            h.set("table_bits", 12).set("levels", 5);
            h.call(Image.solid(2, 2, 9, 9, 9));
            assertEquals(12, ((PosterizePipeline) h.pipeline()).tableBits);
            assertEquals(5, load[0].levels);
            assertNotSame(load[0], h.params()); // the load object is the instance's, the parameters a new one
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> h.set("table_bits", 8));
            assertEquals("posterize: table_bits is a load parameter: set it before the first call (the engine"
                    + " reloads the pipeline to change it)", e.getMessage());
            h.set("levels", 3); // a runtime parameter still changes
            assertEquals(3, h.params().levels);
        }
    }

    @Test
    void upstreamPromptsAndRateReachTheContext() {
        List<Object> seen = new ArrayList<>();
        try (PipelineHarness<PlainConfig> h = plain((video, p, context) -> {
            seen.add(context.upstream());
            seen.add(context.prompts());
            seen.add(context.frameRate());
            return Output.idle();
        })) {
            h.upstream(Map.of("depth", 0.5)).prompts("a cat", "a hat").frameRate(24).call(Image.solid(1, 1, 0, 0, 0));
            assertEquals(List.of(Map.of("depth", 0.5), List.of("a cat", "a hat"), 24.0), seen);
        }
    }

    @Test
    void aFrameKeptByAStatelessPipelineFailsTheCall() {
        List<Frame> leaked = new ArrayList<>();
        PipelineHarness<PlainConfig> h = plain((video, p, context) -> {
            leaked.add(context.frames().allocate(2, 2)); // never released
            return Output.of(context.frames().copyOf(video.get(0)));
        });
        AssertionError e = assertThrows(AssertionError.class, () -> h.call(Image.solid(2, 2, 0, 0, 0)));
        assertEquals("plain (call 1): after the call it holds 1 frame (allowed: 0): a frame it allocated or retained"
                + " was neither returned nor released; a pipeline that keeps frames across calls says so with"
                + " allowFramesHeld(n)", e.getMessage());
        AssertionError atClose = assertThrows(AssertionError.class, h::close);
        assertEquals("plain: 1 frame is still in use after close(): a frame it allocated or retained was"
                + " never released", atClose.getMessage());
        leaked.forEach(Frame::release);
    }

    /** Keeps the previous input, as a temporal filter does, and releases it in close(). */
    static final class KeepsPrevious implements Pipeline<PlainConfig> {
        Frame previous;
        final boolean releaseOnClose;

        KeepsPrevious(boolean releaseOnClose) {
            this.releaseOnClose = releaseOnClose;
        }

        @Override
        public Output call(List<Frame> video, PlainConfig p, CallContext context) {
            Frame out = context.frames().copyOf(previous != null ? previous : video.get(0));
            if (previous != null) {
                previous.release();
            }
            previous = video.get(0).retain();
            return Output.of(out);
        }

        @Override
        public void close() {
            if (releaseOnClose && previous != null) {
                previous.release();
            }
        }
    }

    @Test
    void aPipelineMayKeepFramesWhenItSaysSo() {
        Image first = Image.solid(2, 2, 1, 1, 1);
        Image second = Image.solid(2, 2, 2, 2, 2);
        PipelineHarness<PlainConfig> h = plain(new KeepsPrevious(true)).allowFramesHeld(1);
        assertEquals(first, h.call(first).frame());
        assertEquals(first, h.call(second).frame());
        assertEquals(second, h.call(first).frame());
        assertEquals(1, h.framesHeld());
        h.close();
        assertEquals(0, h.framesHeld());

        try (PipelineHarness<PlainConfig> strict = plain(new KeepsPrevious(true))) {
            AssertionError e = assertThrows(AssertionError.class, () -> strict.call(first));
            assertTrue(e.getMessage().contains("holds 1 frame (allowed: 0)"), e.getMessage());
        }
    }

    @Test
    void closeFailsWhenAKeptFrameIsNeverReleased() {
        PipelineHarness<PlainConfig> h = plain(new KeepsPrevious(false)).allowFramesHeld(1);
        h.call(Image.solid(2, 2, 1, 1, 1));
        AssertionError e = assertThrows(AssertionError.class, h::close);
        assertEquals("plain: 1 frame is still in use after close(): a frame it allocated or retained was"
                + " never released", e.getMessage());
        h.close(); // once only
    }

    @Test
    void releasingABorrowedInputFails() {
        try (PipelineHarness<PlainConfig> h = plain((video, p, context) -> {
            video.get(0).release();
            return Output.idle();
        })) {
            AssertionError e = assertThrows(AssertionError.class, () -> h.call(Image.solid(2, 2, 0, 0, 0)));
            assertTrue(e.getMessage().startsWith("plain (call 1): call() failed: IllegalStateException: an input frame"
                    + " is borrowed from the engine"), e.getMessage());
            assertInstanceOf(IllegalStateException.class, e.getCause());
            assertEquals(0, h.framesHeld());
        }
    }

    @Test
    void releasingAFrameItReturnsFails() {
        try (PipelineHarness<PlainConfig> h = plain((video, p, context) -> {
            Frame out = context.frames().copyOf(video.get(0));
            out.release();
            return Output.of(out);
        })) {
            AssertionError e = assertThrows(AssertionError.class, () -> h.call(Image.solid(2, 2, 0, 0, 0)));
            assertEquals("plain (call 1): output frame 0 cannot be read (this frame handle was released; retain() a"
                    + " frame to keep it): a frame handed over in an Output belongs to the engine; do not release it",
                    e.getMessage());
        }
    }

    @Test
    void returningOneHandleTwiceFails() {
        try (PipelineHarness<PlainConfig> h = plain((video, p, context) -> {
            Frame out = context.frames().copyOf(video.get(0));
            return Output.of(out, out);
        })) {
            AssertionError e = assertThrows(AssertionError.class, () -> h.call(Image.solid(2, 2, 0, 0, 0)));
            assertEquals("plain (call 1): output frame 1 is a handle it returned already in this Output; retain() a"
                    + " frame for a second handle", e.getMessage());
            assertEquals(0, h.framesHeld());
        }
    }

    @Test
    void returningAnInputOfAnEarlierCallFails() {
        List<Frame> kept = new ArrayList<>();
        try (PipelineHarness<PlainConfig> h = plain((video, p, context) -> {
            if (kept.isEmpty()) {
                kept.add(video.get(0)); // the view, not retained
                return Output.of(video);
            }
            return Output.of(kept.get(0));
        })) {
            Image in = Image.solid(2, 2, 5, 6, 7);
            assertEquals(in, h.call(in).frame());
            AssertionError e = assertThrows(AssertionError.class, () -> h.call(in));
            assertEquals("plain (call 2): output frame 0 is an input of an earlier call, lent for that call only;"
                    + " retain() a frame to keep it", e.getMessage());
        }
    }

    @Test
    void atIdentityTheInputsGoOnAsTheyAre() {
        FrameEffect<PlainConfig> fade = new FrameEffect<>() {
            @Override
            public boolean isIdentity(PlainConfig p) {
                return p.amount == 1;
            }

            @Override
            public Frame apply(Frame in, PlainConfig p, CallContext context) {
                return context.pixels().affine(in, p.amount, 0);
            }
        };
        try (PipelineHarness<PlainConfig> h = plain(fade)) {
            Image g = Image.gradient(16, 16);
            assertEquals(g, h.call(g).frame());
            h.set("amount", 0.5);
            Image.assertClose(g.mapLevels(v -> (int) Math.round(v * 0.5)), h.call(g).frame(), 1);
            assertEquals(0, h.framesHeld());
        }
    }

    @Test
    void retainedInputsMayBeReturned() {
        try (PipelineHarness<PlainConfig> h = plain((video, p, context) -> Output.of(video.get(0).retain()))) {
            Image in = Image.solid(3, 1, 1, 2, 3);
            assertEquals(in, h.call(in).frame());
            assertEquals(0, h.framesHeld());
        }
    }

    @Test
    void floatOutputsAreRoundedAsTheEngineDoes() {
        float[] rgb = {0.5f, 0f, 1f};
        try (PipelineHarness<PlainConfig> h = plain(
                (video, p, context) -> Output.ofFloat(List.of(new FloatFrame(1, 1, rgb))))) {
            assertEquals(Image.solid(1, 1, 128, 0, 255), h.call(Image.solid(1, 1, 0, 0, 0)).frame());
            rgb[1] = Float.NaN;
            AssertionError e = assertThrows(AssertionError.class, () -> h.call(Image.solid(1, 1, 0, 0, 0)));
            assertEquals("plain (call 2): float output frame 0: non-finite value NaN at pixel (0, 0) channel 1",
                    e.getMessage());
        }
    }

    @Test
    void outputsOfMixedSizesFail() {
        try (PipelineHarness<PlainConfig> h = plain((video, p, context) -> Output.of(context.frames().allocate(2, 2),
                context.frames().allocate(3, 2)))) {
            AssertionError e = assertThrows(AssertionError.class, () -> h.call(Image.solid(2, 2, 0, 0, 0)));
            assertEquals("plain (call 1): returned frames of mixed sizes: 2x2 and 3x2", e.getMessage());
            assertEquals(0, h.framesHeld());
        }
    }

    @Test
    void extrasComeBackByName() {
        try (PipelineHarness<PlainConfig> h = plain(
                (video, p, context) -> Output.of(video).with("mean", 0.5).with("label", "x"))) {
            Outputs out = h.call(Image.solid(1, 1, 0, 0, 0));
            assertEquals(Map.of("mean", 0.5, "label", "x"), out.extras());
            assertEquals(List.of("mean", "label"), List.copyOf(out.extras().keySet()));
        }
    }

    @Test
    void whatThePipelineThrowsFailsTheCallInOneLine() {
        IllegalArgumentException thrown = new IllegalArgumentException("no frames to blend\n\tat somewhere");
        try (PipelineHarness<PlainConfig> h = plain((video, p, context) -> {
            throw thrown;
        })) {
            AssertionError e = assertThrows(AssertionError.class, () -> h.call(Image.solid(1, 1, 0, 0, 0)));
            assertEquals("plain (call 1): call() failed: IllegalArgumentException: no frames to blend", e.getMessage());
            assertSame(thrown, e.getCause());
            assertEquals(0, h.framesHeld());
        }
        PipelineFactory<PlainConfig> refuses = load -> {
            throw new IllegalStateException("no model file");
        };
        try (PipelineHarness<PlainConfig> h = PipelineHarness.of(PlainConfig.class, refuses)) {
            AssertionError e = assertThrows(AssertionError.class, () -> h.call(Image.solid(1, 1, 0, 0, 0)));
            assertEquals("plain (call 1): create() failed: IllegalStateException: no model file", e.getMessage());
        }
    }

    @Test
    void aLambdaFactoryNeedsItsConfigClassNamed() {
        PipelineFactory<PlainConfig> lambda = load -> new Copy();
        AssertionError e = assertThrows(AssertionError.class, () -> PipelineHarness.of(lambda));
        assertTrue(e.getMessage().contains("configClass() failed")
                && e.getMessage().endsWith("for a lambda use PipelineHarness.of(ConfigClass.class, factory)"),
                e.getMessage());
        try (PipelineHarness<PlainConfig> h = PipelineHarness.of(PlainConfig.class, lambda)) {
            assertEquals(Image.solid(1, 1, 4, 5, 6), h.call(Image.solid(1, 1, 4, 5, 6)).frame());
        }
    }

    @Test
    void aConfigWithoutASchemaFailsAtOnce() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> PipelineHarness.of(BasePipelineConfig.class, load -> null));
        assertTrue(e.getMessage().startsWith("BasePipelineConfig: the schema cannot be generated: "), e.getMessage());
    }

    @Test
    void aFactoryReturningNullFails() {
        try (PipelineHarness<PlainConfig> h = PipelineHarness.of(PlainConfig.class, load -> null)) {
            AssertionError e = assertThrows(AssertionError.class, h::pipeline);
            assertEquals("plain: its factory's create() returned null", e.getMessage());
        }
    }

    @Test
    void bandsOfRowsCoverTheWholeFrame() {
        try (PipelineHarness<MirrorConfig> h = PipelineHarness.of(new MirrorFactory())) {
            Image g = Image.gradient(300, 200); // large enough to be split into bands over the cores
            Image out = h.call(g).frame();
            for (int y = 0; y < 200; y++) {
                for (int x = 0; x < 300; x++) {
                    if (out.pixel(x, y) != g.pixel(299 - x, y)) {
                        throw new AssertionError("(" + x + ", " + y + ") is not mirrored");
                    }
                }
            }
        }
    }

    @Test
    void aPixelFunctionRunsOnEveryPixel() {
        try (PipelineHarness<SwapConfig> h = PipelineHarness.of(SwapConfig.class, load -> new SwapPipeline())) {
            Image g = Image.gradient(256, 256);
            Image out = h.call(g).frame();
            for (int y = 0; y < 256; y += 3) {
                for (int x = 0; x < 256; x++) {
                    assertEquals(Image.pack(g.blue(x, y), g.green(x, y), g.red(x, y)), out.pixel(x, y));
                }
            }
        }
    }

    @Test
    void aClosedHarnessRefusesCalls() {
        PipelineHarness<PlainConfig> h = plain(new Copy());
        h.close();
        assertThrows(IllegalStateException.class, () -> h.call(Image.solid(1, 1, 0, 0, 0)));
        assertThrows(IllegalStateException.class, () -> h.set("amount", 0.5));
    }
}
