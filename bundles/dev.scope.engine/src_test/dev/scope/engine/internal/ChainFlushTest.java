package dev.scope.engine.internal;

import static dev.scope.engine.internal.TestStages.label;
import static dev.scope.engine.internal.TestStages.labelled;
import static dev.scope.engine.internal.TestStages.labels;
import static dev.scope.engine.internal.TestStages.stage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import dev.scope.frames.FramePool;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** End of stream: {@link ChainImpl#flush()} calls stages on what they hold, padded, and releases what it should. */
class ChainFlushTest {

    private final FramePool pool = new FramePool();

    /** A stage body that makes two new frames, labelled 2n and 2n + 1, for each input labelled n. */
    private final class Doubler implements Function<List<Frame>, List<Frame>> {
        final List<List<Integer>> batches = new ArrayList<>();

        @Override
        public List<Frame> apply(List<Frame> in) {
            batches.add(labels(in));
            List<Frame> out = new ArrayList<>();
            for (Frame f : in) {
                for (int k = 0; k < 2; k++) {
                    out.add(labelled(pool, 2 * label(f) + k));
                }
            }
            return out;
        }
    }

    private List<Frame> inputs(int n) {
        return IntStream.range(0, n).mapToObj(i -> labelled(pool, i)).toList();
    }

    @AfterEach
    void everyFrameIsReleasedOnce() {
        assertEquals(0, pool.stats().framesInUse(), "every handle was released, once (a second release throws)");
    }

    @Test
    void aPartialBatchIsPaddedWithItsLastFrameAndKeepsTheOutputsOfItsOwnFrames() {
        Doubler doubler = new Doubler();
        List<Frame> in = inputs(10);
        List<Frame> out = new ArrayList<>();
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(pool, 0, 4, doubler)))) {
            in.forEach(f -> out.addAll(chain.push(f)));
            assertEquals(16, out.size(), "two full batches; 8 and 9 wait for more");
            List<Frame> rest = chain.flush();
            assertEquals(List.of(8, 9, 9, 9), doubler.batches.get(2), "input_size frames: the last one repeated");
            assertEquals(List.of(16, 17, 18, 19), labels(rest), "the outputs of 8 and 9, not of the padding");
            out.addAll(rest);
            assertEquals(IntStream.range(0, 20).boxed().toList(), labels(out), "10 inputs, 20 outputs");
            assertEquals(List.of(), chain.flush(), "nothing is held any more");
            assertEquals(3, chain.metrics().get(0).calls());
            assertEquals(20, chain.metrics().get(0).framesOut());
        }
        out.forEach(Frame::release); // the caller's
        in.forEach(Frame::release); // still the caller's, after every push
    }

    @Test
    void stagesAreFlushedInChainOrderAndTheirOutputsGoOn() {
        Doubler doubler = new Doubler();
        List<Frame> out = new ArrayList<>();
        List<List<Integer>> second = new ArrayList<>();
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(pool, 0, 2, doubler), stage(pool, 1, 4, batch -> {
            second.add(labels(batch));
            return batch; // hands its inputs on as they are
        })))) {
            inputs(5).forEach(f -> out.addAll(chain.pushOwned(List.of(f))));
            assertEquals(8, out.size());
            out.addAll(chain.flush());
        }
        assertEquals(List.of(List.of(8, 9, 9, 9)), second.subList(2, 3),
                "the second stage gets the first one's flushed outputs, and is flushed in turn");
        assertEquals(IntStream.range(0, 10).boxed().toList(), labels(out));
        out.forEach(Frame::release);
    }

    @Test
    void aStageThatMakesOneFrameOfABatchKeepsItForAFewHeldFrames() {
        List<Frame> out = new ArrayList<>();
        List<Frame> in = inputs(5);
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(pool, 0, 4,
                batch -> List.of(labelled(pool, label(batch.get(0)))))))) {
            in.forEach(f -> out.addAll(chain.push(f)));
            out.addAll(chain.flush());
            assertEquals(List.of(0, 4), labels(out), "ceil(1 * 1 / 4): the held frame is not lost");
        }
        out.forEach(Frame::release);
        in.forEach(Frame::release);
    }

    @Test
    void aBypassedStageHandsOnWhatItHolds() {
        Doubler doubler = new Doubler();
        List<Frame> in = inputs(2);
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(pool, 0, 4, doubler)))) {
            in.forEach(chain::push);
            chain.setBypass(0, true);
            List<Frame> rest = chain.flush();
            assertEquals(List.of(0, 1), labels(rest), "the frames it held, as they are");
            assertEquals(List.of(), doubler.batches);
            rest.forEach(Frame::release);
        }
        in.forEach(Frame::release);
    }
}
