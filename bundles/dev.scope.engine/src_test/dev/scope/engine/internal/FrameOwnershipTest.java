package dev.scope.engine.internal;

import static dev.scope.engine.internal.TestStages.label;
import static dev.scope.engine.internal.TestStages.labelled;
import static dev.scope.engine.internal.TestStages.labels;
import static dev.scope.engine.internal.TestStages.stage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.scope.engine.api.StageStatus;
import dev.scope.engine.fixture.FixtureConfig;
import dev.scope.frames.FramePool;
import dev.scope.pipeline.api.CallContext;
import dev.scope.pipeline.api.FloatFrame;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.schema.ConfigModel;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One rule for frames: whoever holds a handle releases it; the chain keeps references of its own. */
class FrameOwnershipTest {

    private final FramePool pool = new FramePool();

    @AfterEach
    void everyFrameIsReleasedOnce() {
        assertEquals(0, pool.stats().framesInUse(), "every handle was released, once (a second release throws)");
    }

    @Test
    void framesPassedBetweenStagesAreReleasedAndOutputsAreTheCallers() {
        Frame input = labelled(pool, 7);
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(pool, 0, 1, in -> List.of(labelled(pool, 1))),
                stage(pool, 1, 1, in -> List.of(labelled(pool, label(in.get(0)) + 1)))))) {
            List<Frame> out = chain.push(input);
            assertEquals(List.of(2), labels(out), "the second stage got the first one's output");
            assertEquals(2, pool.stats().framesInUse(), "only the caller's input and its output are held");
            assertEquals(7, label(input), "the caller's frame is still the caller's");
            out.forEach(Frame::release);
        }
        input.release();
    }

    /** A batching stage keeps frames across pushes by references of its own: the caller may release at once. */
    @Test
    void aCallerThatReleasesRightAfterPushLosesNothing() {
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(pool, 0, 2,
                in -> List.of(labelled(pool, label(in.get(0)) * 100 + label(in.get(1)))))))) {
            Frame a = labelled(pool, 3);
            assertEquals(List.of(), chain.push(a), "the stage waits for a second frame");
            a.release(); // the caller is done with it; the stage still holds its own reference
            Frame b = labelled(pool, 4);
            List<Frame> out = chain.push(b);
            b.release();
            assertEquals(List.of(304), labels(out), "the first frame's pixels were intact a push later");
            out.forEach(Frame::release);
        }
    }

    @Test
    void aFloatOutputIsConvertedOnceAndEveryFrameIsReleasedOnce() {
        int[] calls = {0};
        try (ChainImpl chain = ChainImpl.of("video", List.of(
                floatStage(0, calls), stage(pool, 1, 1, in -> in)))) {
            Frame in = labelled(pool, 0);
            List<Frame> out = chain.push(in);
            in.release();
            assertEquals(1, out.size());
            assertEquals(0x40_80_FF, label(out.get(0)),
                    "(1.0, 0.5, 0.25) rounds to (255, 128, 64)");
            assertEquals(1, pool.stats().framesInUse(), "the converted frame only: nothing converted twice");
            out.forEach(Frame::release);
        }
        assertEquals(1, calls[0]);
    }

    private Stage floatStage(int index, int[] calls) {
        Pipeline<FixtureConfig> p = new Pipeline<>() {
            @Override
            public Output call(List<Frame> video, FixtureConfig params, CallContext context) {
                calls[0]++;
                return Output.ofFloat(List.of(new FloatFrame(1, 1, new float[] {1f, 0.5f, 0.25f})));
            }
        };
        return new Stage(index, "main", "float", "test", "test", ConfigModel.of(FixtureConfig.class),
                TestStages.NO_LOADER, p, Map.of(), true, true, 30, TestStages.services(pool), new Placement(false, null));
    }

    /**
     * Only the chain's first stage samples (Scope's catch-up with real time over the frames pushed
     * in); a later stage takes every frame an earlier one made, in order, a batch a call.
     */
    @Test
    void laterStagesTakeEveryFrameInBatchesAndOnlyTheFirstSamples() {
        List<Integer> seen = new ArrayList<>();
        try (ChainImpl chain = ChainImpl.of("video", List.of(
                stage(pool, 0, 1, in -> List.of(labelled(pool, 1), labelled(pool, 2), labelled(pool, 3),
                        labelled(pool, 4))),
                stage(pool, 1, 1, in -> {
                    seen.addAll(labels(in));
                    return in;
                }),
                stage(pool, 2, 2, in -> List.of(labelled(pool, 9)))))) {
            List<Frame> pushed = List.of(labelled(pool, 0), labelled(pool, 0), labelled(pool, 0));
            List<Frame> out = chain.push(pushed);
            pushed.forEach(Frame::release);
            assertEquals(List.of(1, 2, 3, 4), seen, "stage 1 got every frame, in order");
            assertEquals(2, out.size(), "stage 2 made two batches of two out of stage 1's four frames");
            assertEquals(2, chain.metrics().get(0).skipped(), "the first stage sampled one of the three pushed");
            assertEquals(0, chain.metrics().get(1).skipped());
            assertEquals(4, chain.metrics().get(1).calls());
            assertEquals(2, chain.metrics().get(2).calls());
            out.forEach(Frame::release);
        }
    }

    @Test
    void handedOverFramesAreTheChainsToRelease() {
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(pool, 0, 2, in -> List.of(labelled(pool, 1)))))) {
            chain.pushOwned(List.of(labelled(pool, 0)));
            chain.pushOwned(List.of(labelled(pool, 0))).forEach(Frame::release);
        }
    }

    @Test
    void framesStillCollectedAreReleasedAtClose() {
        ChainImpl chain = ChainImpl.of("video", List.of(stage(pool, 0, 1, in -> List.of(labelled(pool, 1))),
                stage(pool, 1, 2, in -> List.of(labelled(pool, 2)))));
        Frame in = labelled(pool, 0);
        chain.push(in);
        in.release();
        assertEquals(1, pool.stats().framesInUse(), "the first stage's output waits in the second");
        chain.close();
    }

    @Test
    void aStageThatReleasesABorrowedInputFailsAndTheStreamGoesOn() {
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(pool, 0, 1, in -> {
            in.get(0).release();
            return List.of();
        })))) {
            Frame in = labelled(pool, 5);
            List<Frame> out = chain.push(in);
            in.release();
            StageStatus s = chain.stages().get(0);
            assertEquals(StageStatus.State.FAILED, s.state());
            assertTrue(s.reason().contains("borrowed from the engine"), s.reason());
            assertEquals(List.of(5), labels(out), "bypassed: the input goes on, intact");
            out.forEach(Frame::release);
        }
    }

    @Test
    void aBorrowedInputKeptPastItsCallCannotBeReadButARetainedOneCan() {
        List<Frame> kept = new ArrayList<>();
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(pool, 0, 1, in -> {
            if (kept.isEmpty()) {
                kept.add(in.get(0).retain()); // the right way: a handle of its own
                kept.add(in.get(0)); // the wrong way: the loan ends with the call
                return List.of(labelled(pool, 0));
            }
            int previous = label(kept.get(0));
            kept.get(0).release();
            return List.of(labelled(pool, previous * 10 + label(kept.get(1))));
        })))) {
            Frame a = labelled(pool, 6);
            chain.push(a).forEach(Frame::release);
            a.release();
            Frame b = labelled(pool, 7);
            List<Frame> out = chain.push(b);
            StageStatus s = chain.stages().get(0);
            assertEquals(StageStatus.State.FAILED, s.state(), "reading an expired loan fails the stage");
            assertTrue(s.reason().contains("lent for its call only"), s.reason());
            assertEquals(List.of(7), labels(out));
            out.forEach(Frame::release);
            b.release();
        }
    }

    @Test
    void anInputHandedOnUnchangedIsNotCopied() {
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(pool, 0, 1, in -> in), stage(pool, 1, 1, in -> in)))) {
            Frame in = labelled(pool, 8);
            List<Frame> out = chain.push(in);
            assertEquals(List.of(8), labels(out));
            assertEquals(1, pool.stats().framesInUse(), "one frame's memory, held by two handles");
            in.release();
            out.forEach(Frame::release);
        }
    }
}
