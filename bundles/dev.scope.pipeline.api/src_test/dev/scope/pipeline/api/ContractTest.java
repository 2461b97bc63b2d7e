package dev.scope.pipeline.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The API's own logic: the default methods of {@link Frame}, {@link FrameAllocator}, {@link FrameEffect},
 * {@link Pipeline} and {@link PipelineFactory}, {@link Output}, {@link Backend} and the records' checks.
 */
class ContractTest {

    /** The smallest frame: only the abstract methods, pixels in an array; it records its row calls. */
    static final class TinyFrame implements Frame {
        final int width;
        final int height;
        final int[] pixels;
        final List<String> calls = new ArrayList<>();
        int releases;

        TinyFrame(int width, int height) {
            this.width = width;
            this.height = height;
            this.pixels = new int[width * height];
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public int height() {
            return height;
        }

        @Override
        public Residency residency() {
            return Residency.HOST;
        }

        @Override
        public boolean writable() {
            return true;
        }

        @Override
        public void readRows(int firstRow, int rows, int[] dst, int offset) {
            calls.add("read " + firstRow + "+" + rows + "@" + offset);
            Objects.checkFromIndexSize(firstRow, rows, height);
            System.arraycopy(pixels, firstRow * width, dst, offset, rows * width);
        }

        @Override
        public void writeRows(int firstRow, int rows, int[] src, int offset) {
            calls.add("write " + firstRow + "+" + rows + "@" + offset);
            Objects.checkFromIndexSize(firstRow, rows, height);
            Objects.checkFromIndexSize(offset, rows * width, src.length);
            for (int i = 0; i < rows * width; i++) {
                pixels[firstRow * width + i] = src[offset + i] | OPAQUE;
            }
        }

        @Override
        public Frame retain() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release() {
            releases++;
        }
    }

    /** Makes tiny frames and remembers them. */
    static final class TinyAllocator implements FrameAllocator {
        final List<TinyFrame> made = new ArrayList<>();
        final List<String> calls = new ArrayList<>();

        @Override
        public Frame allocate(int width, int height) {
            calls.add("allocate");
            return make(width, height);
        }

        @Override
        public Frame allocateUninitialized(int width, int height) {
            calls.add("allocateUninitialized");
            return make(width, height);
        }

        @Override
        public Frame copyOf(Frame source) {
            throw new UnsupportedOperationException();
        }

        private TinyFrame make(int width, int height) {
            TinyFrame f = new TinyFrame(width, height);
            made.add(f);
            return f;
        }
    }

    /** A context with only the mode and the allocator. */
    record Context(boolean videoMode, FrameAllocator frames) implements CallContext {
        @Override
        public boolean initCache() {
            return true;
        }

        @Override
        public int width() {
            return 4;
        }

        @Override
        public int height() {
            return 4;
        }

        @Override
        public double frameRate() {
            return 30;
        }

        @Override
        public Map<String, Object> upstream() {
            return Map.of();
        }

        @Override
        public List<String> prompts() {
            return List.of();
        }

        @Override
        public PixelOps pixels() {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> Optional<T> device(Class<T> type) {
            return Optional.empty();
        }
    }

    @PipelineConfig(id = "t")
    public static class TConfig extends BasePipelineConfig {
        public double gain = 1;
    }

    static final class Direct implements PipelineFactory<TConfig> {
        @Override
        public Pipeline<TConfig> create(TConfig load) {
            return (video, params, context) -> Output.idle();
        }
    }

    abstract static class Base<C extends BasePipelineConfig> implements PipelineFactory<C> {
    }

    static final class ViaGenericBase extends Base<TConfig> {
        @Override
        public Pipeline<TConfig> create(TConfig load) {
            return null;
        }
    }

    static class OfDirect extends DirectFactory {
    }

    static class DirectFactory implements PipelineFactory<TConfig> {
        @Override
        public Pipeline<TConfig> create(TConfig load) {
            return null;
        }
    }

    /** Adds the gain to every channel's code; records what it was given. */
    static final class AddEffect implements FrameEffect<TConfig> {
        final List<Frame> inputs = new ArrayList<>();
        int failAt = -1;
        boolean failWithError;

        @Override
        public boolean isIdentity(TConfig params) {
            return params.gain == 0;
        }

        @Override
        public Frame apply(Frame in, TConfig params, CallContext context) throws Exception {
            if (inputs.size() == failAt) {
                inputs.add(in);
                if (failWithError) {
                    throw new LinkageError("broken");
                }
                throw new java.io.IOException("cannot");
            }
            inputs.add(in);
            int[] px = new int[in.width() * in.height()];
            in.read(px);
            for (int i = 0; i < px.length; i++) {
                px[i] += (int) params.gain;
            }
            return context.frames().of(in.width(), in.height(), px);
        }
    }

    private static TinyFrame frame(int width, int height, int... pixels) {
        TinyFrame f = new TinyFrame(width, height);
        System.arraycopy(pixels, 0, f.pixels, 0, pixels.length);
        return f;
    }

    @Test
    void readAndWriteMoveEveryRowInOneBulkCall() {
        TinyFrame f = frame(3, 2, 1, 2, 3, 4, 5, 6);
        int[] dst = new int[6];
        f.read(dst);
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, dst);
        f.write(new int[] {7, 8, 9, 10, 11, 12, 99});
        assertEquals(List.of("read 0+2@0", "write 0+2@0"), f.calls);
        assertEquals(0xFF00000C, f.pixels[5]);
    }

    @Test
    void rgbReadsOneRowAndReordersTheChannels() {
        TinyFrame f = frame(3, 2, 0, 0, 0, 0, 0, 0xAA563412); // red 0x12, green 0x34, blue 0x56, padding ignored
        assertEquals(0x123456, f.rgb(2, 1));
        assertEquals(List.of("read 1+1@0"), f.calls, "only the pixel's row");
        assertEquals(0, f.rgb(0, 0));
        for (int[] at : new int[][] {{3, 0}, {0, 2}, {-1, 0}, {0, -1}}) {
            assertEquals("pixel (" + at[0] + ", " + at[1] + ") outside 3x2",
                    assertThrows(IndexOutOfBoundsException.class, () -> f.rgb(at[0], at[1])).getMessage());
        }
        assertEquals(2, f.calls.size(), "nothing read for a pixel outside");
        assertEquals(0xFF000000, Frame.OPAQUE);
        assertEquals(8192, Frame.MAX_SIDE);
    }

    @Test
    void ofWritesThePixelsIntoAnUninitializedFrame() {
        TinyAllocator frames = new TinyAllocator();
        Frame f = frames.of(2, 2, new int[] {1, 2, 3, 4});
        assertSame(frames.made.get(0), f);
        assertEquals(List.of("allocateUninitialized"), frames.calls, "no zeroing: every pixel is written");
        assertArrayEquals(new int[] {0xFF000001, 0xFF000002, 0xFF000003, 0xFF000004}, frames.made.get(0).pixels);
    }

    @Test
    void ofWithTooFewPixelsThrowsAndReleasesTheFrame() {
        TinyAllocator frames = new TinyAllocator();
        assertThrows(IndexOutOfBoundsException.class, () -> frames.of(2, 2, new int[3]));
        assertEquals(1, frames.made.size());
        assertEquals(1, frames.made.get(0).releases, "the frame it made is not left to the caller, who never saw it");
    }

    @Test
    void aFrameEffectAppliesItselfToEveryInputInOrder() throws Exception {
        AddEffect effect = new AddEffect();
        TinyAllocator frames = new TinyAllocator();
        TConfig p = new TConfig();
        p.gain = 5;
        TinyFrame a = frame(1, 1, 10);
        TinyFrame b = frame(1, 1, 20);
        Output out = effect.call(List.of(a, b), p, new Context(true, frames));
        assertEquals(List.of(a, b), effect.inputs);
        assertEquals(2, out.size());
        assertEquals(List.copyOf(frames.made), out.frames());
        assertEquals(0xFF00000F, frames.made.get(0).pixels[0]);
        assertEquals(0xFF000019, frames.made.get(1).pixels[0]);
        assertEquals(0, a.releases + b.releases, "inputs are never released");
        assertTrue(effect.call(List.of(), p, new Context(true, frames)).isEmpty());
    }

    @Test
    void atIdentityAFrameEffectHandsTheInputsOnAsTheyAre() throws Exception {
        AddEffect effect = new AddEffect();
        TinyAllocator frames = new TinyAllocator();
        TConfig p = new TConfig();
        p.gain = 0;
        TinyFrame a = frame(1, 1, 10);
        TinyFrame b = frame(1, 1, 20);
        Output out = effect.call(List.of(a, b), p, new Context(true, frames));
        assertSame(a, out.frames().get(0));
        assertSame(b, out.frames().get(1));
        assertTrue(effect.inputs.isEmpty(), "apply is not called");
        assertTrue(frames.made.isEmpty(), "no copy");
        FrameEffect<TConfig> never = (in, params, context) -> in;
        assertFalse(never.isIdentity(p), "by default an effect is never the identity");
    }

    @Test
    void aFailingApplyReleasesWhatTheCallMadeAndRethrows() {
        for (boolean error : new boolean[] {false, true}) {
            AddEffect effect = new AddEffect();
            effect.failAt = 2;
            effect.failWithError = error;
            TinyAllocator frames = new TinyAllocator();
            TConfig p = new TConfig();
            List<Frame> in = List.of(frame(1, 1, 1), frame(1, 1, 2), frame(1, 1, 3), frame(1, 1, 4));
            Throwable t = assertThrows(Throwable.class, () -> effect.call(in, p, new Context(true, frames)));
            assertEquals(error ? LinkageError.class : java.io.IOException.class, t.getClass());
            assertEquals(3, effect.inputs.size(), "stopped at the failing input");
            assertEquals(2, frames.made.size());
            for (TinyFrame made : frames.made) {
                assertEquals(1, made.releases, "what the call made is released once");
            }
        }
    }

    @Test
    void anApplyThatReturnsNoFrameFailsTheCallAndReleasesWhatItMade() {
        TinyAllocator frames = new TinyAllocator();
        TConfig p = new TConfig();
        List<Frame> in = List.of(frame(1, 1, 1), frame(1, 1, 2));
        FrameEffect<TConfig> secondIsNull = new FrameEffect<>() {
            int n;

            @Override
            public Frame apply(Frame f, TConfig params, CallContext context) {
                return n++ == 0 ? context.frames().allocate(1, 1) : null;
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> secondIsNull.call(in, p, new Context(true, frames)));
        assertEquals("apply returned no frame", e.getMessage());
        assertEquals(1, frames.made.get(0).releases, "the first output is released");
    }

    @Test
    void theDefaultPrepareAsksForInputSizeInVideoModeAndForNothingInText() throws Exception {
        Pipeline<TConfig> pipeline = (video, params, context) -> Output.idle();
        TConfig p = new TConfig();
        CallContext video = new Context(true, new TinyAllocator());
        CallContext text = new Context(false, new TinyAllocator());
        assertEquals(Integer.valueOf(1), p.inputSize, "the base default");
        assertEquals(new Requirements(1), pipeline.prepare(p, video));
        p.inputSize = 4;
        assertEquals(new Requirements(4), pipeline.prepare(p, video));
        assertNull(pipeline.prepare(p, text), "text mode: no input");
        p.inputSize = null;
        assertEquals(new Requirements(1), pipeline.prepare(p, video), "unset: one frame");
        p.inputSize = 0;
        assertEquals("inputSize must be at least 1, was 0",
                assertThrows(IllegalArgumentException.class, () -> pipeline.prepare(p, video)).getMessage());
        pipeline.configure(p); // the defaults do nothing
        pipeline.close();
    }

    @Test
    void factoriesDeclareJavaAndTheirConfigClass() {
        assertEquals(Set.of(Backend.JAVA), new Direct().backends());
        assertSame(TConfig.class, new Direct().configClass());
        assertSame(TConfig.class, new OfDirect().configClass(), "from a superclass's declaration");
        IllegalStateException e = assertThrows(IllegalStateException.class, new ViaGenericBase()::configClass,
                "a generic base: the class must say");
        assertEquals(ViaGenericBase.class.getName() + " implements dev.scope.pipeline.api.PipelineFactory<C>"
                + " without a concrete config class; override configClass()", e.getMessage());
    }

    @Test
    void backendsAreSpelledAsTheCommandLineSpellsThem() {
        assertArrayEquals(new Backend[] {Backend.JAVA, Backend.OPENCL}, Backend.values());
        assertEquals("java", Backend.JAVA.value());
        assertEquals("opencl", Backend.OPENCL.value());
    }

    @Test
    void outputsCarryFramesOrFloatFramesAndExtras() {
        TinyFrame a = frame(1, 1);
        TinyFrame b = frame(1, 1);
        List<Frame> list = new ArrayList<>(List.of(a, b));
        Output o = Output.of(list);
        list.clear();
        assertEquals(List.of(a, b), o.frames(), "the list is copied");
        assertEquals(List.of(a, b), Output.of(a, b).frames());
        assertEquals(2, o.size());
        assertFalse(o.isEmpty());
        assertTrue(o.floatFrames().isEmpty());
        assertThrows(UnsupportedOperationException.class, () -> o.frames().add(a));

        Output extra = o.with("depth", 0.5).with("label", "x").with("depth", 0.75);
        assertEquals(List.of("depth", "label"), List.copyOf(extra.extras().keySet()), "insertion order");
        assertEquals(0.75, extra.extras().get("depth"));
        assertEquals(Map.of(), o.extras(), "with makes a new output");
        assertEquals(o.frames(), extra.frames());
        assertThrows(UnsupportedOperationException.class, () -> extra.extras().put("y", 1));
        assertEquals("'video' is the frame output, not an extra output",
                assertThrows(IllegalArgumentException.class, () -> o.with("video", 1)).getMessage());
        assertThrows(NullPointerException.class, () -> o.with(null, 1));

        Output floats = Output.ofFloat(List.of(FloatFrame.allocate(2, 2), FloatFrame.allocate(1, 1)));
        assertEquals(2, floats.size());
        assertTrue(floats.frames().isEmpty());
        assertEquals(2, floats.floatFrames().size());

        assertTrue(Output.idle().isEmpty());
        assertSame(Output.idle(), Output.idle());
        assertTrue(Output.of().isEmpty());
        assertEquals(Map.of("k", 1), Output.idle().with("k", 1).extras());
        assertTrue(Output.idle().extras().isEmpty(), "idle stays empty");
        assertThrows(NullPointerException.class, () -> Output.of(a, null));
        assertThrows(NullPointerException.class, () -> Output.of(java.util.Arrays.asList(a, null)));
        assertThrows(NullPointerException.class, () -> Output.ofFloat(java.util.Arrays.asList((FloatFrame) null)));
    }

    @Test
    void floatFramesCheckTheirSizeAndCompareByValue() {
        assertEquals("a 2x2 float frame needs 12 values, got 3",
                assertThrows(IllegalArgumentException.class, () -> new FloatFrame(2, 2, new float[3])).getMessage());
        assertEquals("a 0x5 float frame needs 0 values, got 0",
                assertThrows(IllegalArgumentException.class, () -> new FloatFrame(0, 5, new float[0])).getMessage());
        assertThrows(IllegalArgumentException.class, () -> FloatFrame.allocate(0, 5));
        assertThrows(NullPointerException.class, () -> new FloatFrame(1, 1, null));
        FloatFrame z = FloatFrame.allocate(2, 1);
        assertArrayEquals(new float[6], z.rgb());
        assertEquals(new FloatFrame(2, 1, new float[6]), z);
        assertEquals(new FloatFrame(2, 1, new float[6]).hashCode(), z.hashCode());
        assertNotEquals(new FloatFrame(1, 2, new float[6]), z);
        assertEquals("FloatFrame[2x1]", z.toString());
        assertEquals("inputSize must be at least 1, was -2",
                assertThrows(IllegalArgumentException.class, () -> new Requirements(-2)).getMessage());
    }
}
