package dev.scope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.scope.engine.api.StageMetrics;
import dev.scope.engine.api.StageStatus;
import dev.scope.engine.fixture.FixtureConfig;
import dev.scope.frames.FramePool;
import dev.scope.pipeline.api.CallContext;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.PixelEffect;
import dev.scope.pipeline.api.PixelMap;
import dev.scope.schema.ConfigModel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fusion: consecutive {@link PixelEffect} stages run as one pass, with the levels of separate
 * stages, and a bypass, a parameter change or a failure holds from the next frame.
 */
class FusionTest {

    private final FramePool pool = new FramePool();

    @AfterEach
    void unfusedOff() {
        System.clearProperty(ChainImpl.FUSION_PROPERTY);
    }

    /** Adds {@code amount} to every level (a table: it clamps), or fails when {@code failing} is set. */
    static final class Add implements PixelEffect<FixtureConfig> {
        final AtomicInteger maps = new AtomicInteger();
        final AtomicInteger applied = new AtomicInteger();
        volatile boolean failing;

        @Override
        public PixelMap map(FixtureConfig params) {
            maps.incrementAndGet();
            if (failing) {
                throw new IllegalStateException("map broke");
            }
            return PixelMap.affine(1, params.amount);
        }

        @Override
        public Frame apply(Frame in, FixtureConfig params, CallContext context) throws Exception {
            applied.incrementAndGet();
            return PixelEffect.super.apply(in, params, context);
        }

        @Override
        public boolean isIdentity(FixtureConfig params) {
            return params.amount == 0;
        }
    }

    private Stage stage(int index, Add effect, int amount) {
        return new Stage(index, index == 0 ? "main" : "post", "add" + index, "test 1.0.0", "test",
                ConfigModel.of(FixtureConfig.class), TestStages.NO_LOADER, effect, Map.of("amount", amount), true,
                index == 0, 30, TestStages.services(pool), new Placement(false, null));
    }

    /** A stage that is no pixel effect: inverts by its own code, as a plugin's call would. */
    private Stage plain(int index) {
        return TestStages.stage(pool, index, 1, in -> {
            int[] px = new int[in.get(0).width() * in.get(0).height()];
            in.get(0).read(px);
            for (int i = 0; i < px.length; i++) {
                px[i] = ~px[i] & 0xFFFFFF;
            }
            return List.of(pool.of(in.get(0).width(), in.get(0).height(), px));
        });
    }

    private Frame input() {
        int[] px = new int[32 * 8];
        for (int i = 0; i < px.length; i++) {
            px[i] = (i * 7 & 0xFF) | (i * 13 & 0xFF) << 8 | (255 - i & 0xFF) << 16;
        }
        return pool.of(32, 8, px);
    }

    /** @return the levels of one push, the output released */
    private static int[] push(ChainImpl chain, Frame in) {
        List<Frame> out = chain.push(in);
        assertEquals(1, out.size());
        int[] px = new int[in.width() * in.height()];
        out.get(0).read(px);
        out.forEach(Frame::release);
        return px;
    }

    private static int[] expected(Frame in, int... steps) {
        int[] px = new int[in.width() * in.height()];
        in.read(px);
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            for (int step : steps) {
                if (step == Integer.MIN_VALUE) { // the plain stage's inversion
                    p = ~p & 0xFFFFFF;
                    continue;
                }
                int r = Math.min(255, (p & 0xFF) + step);
                int g = Math.min(255, (p >> 8 & 0xFF) + step);
                int b = Math.min(255, (p >> 16 & 0xFF) + step);
                p = r | g << 8 | b << 16;
            }
            px[i] = p | Frame.OPAQUE;
        }
        return px;
    }

    private static final int PLAIN = Integer.MIN_VALUE;

    @Test
    void consecutivePixelEffectsRunAsOnePassWithTheLevelsOfSeparateStages() {
        Frame in = input();
        int[][] outputs = new int[2][];
        long[] made = new long[2];
        for (int fused = 0; fused < 2; fused++) {
            if (fused == 0) {
                System.setProperty(ChainImpl.FUSION_PROPERTY, "false");
            } else {
                System.clearProperty(ChainImpl.FUSION_PROPERTY);
            }
            Add a = new Add();
            Add b = new Add();
            Add c = new Add();
            try (ChainImpl chain = ChainImpl.of("video", List.of(stage(0, a, 10), stage(1, b, 20), plain(2),
                    stage(3, c, 5)))) {
                push(chain, in); // the first frame sizes the pool's buckets
                long before = pool.stats().buffersCreated() + pool.stats().buffersReused();
                outputs[fused] = push(chain, in);
                made[fused] = pool.stats().buffersCreated() + pool.stats().buffersReused() - before;
                assertEquals(2, a.maps.get(), "a map a frame");
                assertEquals(fused == 0 ? 2 : 0, b.applied.get(), fused == 0 ? "unfused, through apply"
                        : "fused, the engine runs the maps itself");
                List<StageMetrics> m = chain.metrics();
                assertEquals(List.of(2L, 2L, 2L, 2L), m.stream().map(StageMetrics::calls).toList());
                assertEquals(List.of(2L, 2L, 2L, 2L), m.stream().map(StageMetrics::framesOut).toList());
            }
        }
        int[] want = expected(in, 10, 20, PLAIN, 5);
        assertArrayEquals(want, outputs[0], "unfused");
        assertArrayEquals(want, outputs[1], "fused: the same levels");
        assertEquals(4, made[0], "unfused: a frame a stage");
        assertEquals(3, made[1], "fused: one frame for the first two stages");
        in.release();
    }

    @Test
    void aBypassOrAParameterChangeHoldsAtTheNextFrame() {
        Frame in = input();
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(0, new Add(), 10), stage(1, new Add(), 20),
                stage(2, new Add(), 30)))) {
            assertArrayEquals(expected(in, 10, 20, 30), push(chain, in));
            chain.setBypass(1, true);
            assertArrayEquals(expected(in, 10, 30), push(chain, in), "the bypass at the next frame");
            chain.stageList().get(0).update(Map.of("amount", 0)); // identity: hands on
            assertArrayEquals(expected(in, 30), push(chain, in), "the change at the next frame");
            chain.setBypass(1, false);
            chain.stageList().get(2).update(Map.of("amount", 1));
            assertArrayEquals(expected(in, 20, 1), push(chain, in));
            assertEquals(StageStatus.State.OK, chain.stages().get(1).state());
        }
        in.release();
    }

    @Test
    void aFailingMapFailsItsStageOnlyAndTheFrameGoesOnThroughTheOthers() {
        Frame in = input();
        Add broken = new Add();
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(0, new Add(), 10), stage(1, broken, 20),
                stage(2, new Add(), 30)))) {
            assertArrayEquals(expected(in, 10, 20, 30), push(chain, in));
            broken.failing = true;
            assertArrayEquals(expected(in, 10, 30), push(chain, in), "the frame goes on without the failed map");
            StageStatus failed = chain.stages().get(1);
            assertEquals(StageStatus.State.FAILED, failed.state());
            assertTrue(failed.reason().contains("map broke"), failed.reason());
            assertArrayEquals(expected(in, 10, 30), push(chain, in), "and stays bypassed");
            assertEquals(2, broken.maps.get(), "a failed stage is not asked again");
        }
        in.release();
    }
}
