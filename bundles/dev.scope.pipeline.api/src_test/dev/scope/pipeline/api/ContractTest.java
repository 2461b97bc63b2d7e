package dev.scope.pipeline.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ReadOnlyBufferException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ContractTest {

    @PipelineConfig(id = "t")
    public static class TConfig extends BasePipelineConfig {
    }

    static final class Direct implements PipelineFactory<TConfig> {
        @Override
        public Pipeline create(TConfig load) {
            return (video, params) -> Output.idle();
        }
    }

    abstract static class Base<C extends BasePipelineConfig> implements PipelineFactory<C> {
    }

    static final class ViaGenericBase extends Base<TConfig> {
        @Override
        public Pipeline create(TConfig load) {
            return null;
        }
    }

    @Test
    void configClassComesFromTheDeclaration() {
        assertSame(TConfig.class, new Direct().configClass());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ViaGenericBase().configClass());
        assertTrue(e.getMessage().endsWith("without a concrete config class; override configClass()"), e.getMessage());
    }

    @Test
    void floatFramesRoundOnceAndRejectNonFiniteValues() {
        FloatFrame f = new FloatFrame(2, 1, new float[] {0f, 0.5f, 1f, -3f, 2f, 0.498f});
        Frame b = f.toFrame();
        assertEquals(0, b.pixels().get(0) & 0xFF);
        assertEquals(128, b.pixels().get(1) & 0xFF, "0.5 * 255 = 127.5 rounds to 128");
        assertEquals(255, b.pixels().get(2) & 0xFF);
        assertEquals(0, b.pixels().get(4) & 0xFF, "clamped below");
        assertEquals(255, b.pixels().get(5) & 0xFF, "clamped above");
        assertEquals(127, b.pixels().get(6) & 0xFF);
        FloatFrame nan = new FloatFrame(1, 1, new float[] {0f, Float.NaN, 0f});
        assertEquals("non-finite value NaN at pixel (0, 0) channel 1",
                assertThrows(IllegalArgumentException.class, nan::toFrame).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FloatFrame(2, 2, new float[3]));
    }

    @Test
    void framesHaveTheDocumentedLayout() {
        Frame f = Frame.allocate(3, 2);
        assertEquals(3 * 2 * 4, f.pixels().limit());
        f.pixels().put((1 * 3 + 2) * 4, (byte) 0xAB).put((1 * 3 + 2) * 4 + 2, (byte) 0x01);
        assertEquals(0xAB0001, f.rgb(2, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> f.rgb(3, 0));
        assertThrows(IllegalArgumentException.class, () -> Frame.allocate(0, 5));
        Frame copy = Frame.copyOf(f);
        assertEquals(0xAB0001, copy.rgb(2, 1));
        copy.pixels().put(0, (byte) 9);
        assertEquals(0, f.pixels().get(0), "a copy does not share memory");
        assertThrows(ReadOnlyBufferException.class, () -> f.pixels().asReadOnlyBuffer().put(0, (byte) 1));
    }

    @Test
    void releasedFrameMemoryIsReusedZeroedAndTheOldFrameRefusesAccess() {
        Frame a = Frame.allocate(64, 32);
        java.nio.ByteBuffer p = a.pixels();
        for (int i = 0; i < p.limit(); i++) {
            p.put(i, (byte) 7);
        }
        a.release();
        assertEquals("the frame was released; its memory belongs to another frame now",
                assertThrows(IllegalStateException.class, a::pixels).getMessage());
        a.release(); // twice is harmless
        Frame b = Frame.allocate(64, 32);
        java.nio.ByteBuffer q = b.pixels();
        for (int i = 0; i < q.limit(); i++) {
            assertEquals(0, q.get(i), "a reused buffer is zeroed");
        }
        b.release();
    }

    @Test
    void anUninitializedFrameReusesMemoryWithoutClearingIt() {
        Frame a = Frame.allocate(48, 16);
        a.pixels().put(5, (byte) 9);
        a.release();
        Frame b = Frame.allocateUninitialized(48, 16);
        assertEquals(9, b.pixels().get(5), "the released frame's bytes are still there: no zeroing pass");
        assertEquals(48 * 16 * Frame.BYTES_PER_PIXEL, b.pixels().remaining());
        assertFalse(b.pixels().isReadOnly());
        assertThrows(IllegalArgumentException.class, () -> Frame.allocateUninitialized(0, 5));
        b.release();
        Frame c = Frame.allocate(48, 16);
        assertEquals(0, c.pixels().get(5), "allocate still zeroes a reused buffer");
        c.release();
    }

    @Test
    void paramsConvertAndFallBack() {
        Params p = Params.of(Map.of("i", 3, "d", 0.25, "b", true, "s", "wrap"));
        assertEquals(3.0, p.getDouble("i", 0));
        assertEquals(0, p.getInt("d", 9));
        assertEquals(7, p.getInt("missing", 7));
        assertTrue(p.getBoolean("b", false));
        assertEquals(Usage.POSTPROCESSOR, Params.of(Map.of("u", "postprocessor")).getEnum("u", Usage.class, null));
        assertEquals("parameter 's' is wrap, not a number",
                assertThrows(IllegalArgumentException.class, () -> p.getDouble("s", 0)).getMessage());
        Params q = p.with("i", 4);
        assertEquals(3, p.getInt("i", 0), "snapshots are immutable");
        assertEquals(4, q.getInt("i", 0));
    }

    @Test
    void outputsCarryFramesAndExtras() {
        Output o = Output.of(List.of(Frame.allocate(1, 1))).with("depth", 0.5);
        assertEquals(1, o.size());
        assertEquals(Map.of("depth", 0.5), o.extras());
        assertThrows(IllegalArgumentException.class, () -> o.with("video", 1));
        assertTrue(Output.idle().isEmpty());
        assertFalse(o.isEmpty());
        assertEquals(1, Output.ofFloat(List.of(FloatFrame.allocate(2, 2))).video().size());
    }
}
