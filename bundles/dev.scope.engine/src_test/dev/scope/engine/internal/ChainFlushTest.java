package dev.scope.engine.internal;

import static dev.scope.engine.internal.FrameOwnershipTest.stage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import dev.scope.engine.internal.FrameOwnershipTest.CountingFrame;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.Test;

/** End of stream: {@link ChainImpl#flush()} calls stages on what they hold, padded, and keeps ownership straight. */
class ChainFlushTest {

    /** A stage body that makes two new frames, labelled 2n and 2n + 1, for each input labelled n. */
    private static final class Doubler implements Function<List<Frame>, List<Frame>> {
        final List<CountingFrame> made = new ArrayList<>();
        final List<List<Integer>> batches = new ArrayList<>();

        @Override
        public List<Frame> apply(List<Frame> in) {
            batches.add(in.stream().map(ChainFlushTest::label).toList());
            List<Frame> out = new ArrayList<>();
            for (Frame f : in) {
                for (int k = 0; k < 2; k++) {
                    CountingFrame made = new CountingFrame(2 * label(f) + k);
                    this.made.add(made);
                    out.add(made);
                }
            }
            return out;
        }
    }

    static int label(Frame f) {
        return ((CountingFrame) Frames.underlying(f)).label;
    }

    private static List<Integer> labels(List<Frame> frames) {
        return frames.stream().map(ChainFlushTest::label).toList();
    }

    private static List<CountingFrame> inputs(int n) {
        return IntStream.range(0, n).mapToObj(CountingFrame::new).toList();
    }

    @Test
    void aPartialBatchIsPaddedWithItsLastFrameAndKeepsTheOutputsOfItsOwnFrames() {
        Doubler doubler = new Doubler();
        List<CountingFrame> in = inputs(10);
        List<Frame> out = new ArrayList<>();
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(0, 4, doubler)))) {
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
        for (CountingFrame f : doubler.made) {
            assertEquals(out.contains(f) ? 0 : 1, f.releases,
                    "frame " + f.label + ": outputs are the caller's, the padding's are released once");
        }
        in.forEach(f -> assertEquals(0, f.releases, "the caller's frames stay the caller's"));
    }

    @Test
    void stagesAreFlushedInChainOrderAndTheirOutputsGoOn() {
        Doubler doubler = new Doubler();
        List<CountingFrame> in = inputs(5);
        List<Frame> out = new ArrayList<>();
        List<List<Integer>> second = new ArrayList<>();
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(0, 2, doubler), stage(1, 4, batch -> {
            second.add(labels(batch));
            return batch; // passes its inputs on
        })))) {
            in.forEach(f -> out.addAll(chain.pushOwned(List.of(f))));
            assertEquals(8, out.size());
            out.addAll(chain.flush());
        }
        assertEquals(List.of(List.of(8, 9, 9, 9)), second.subList(2, 3),
                "the second stage gets the first one's flushed outputs, and is flushed in turn");
        assertEquals(IntStream.range(0, 10).boxed().toList(), labels(out));
        in.forEach(f -> assertEquals(1, f.releases, "handed-over source frames are released once"));
        for (CountingFrame f : doubler.made) {
            assertEquals(out.contains(f) ? 0 : 1, f.releases, "frame " + f.label);
        }
    }

    @Test
    void aStageThatMakesOneFrameOfABatchKeepsItForAFewHeldFrames() {
        List<CountingFrame> made = new ArrayList<>();
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(0, 4, batch -> {
            CountingFrame f = new CountingFrame(label(batch.get(0)));
            made.add(f);
            return List.of(f);
        })))) {
            List<Frame> out = new ArrayList<>();
            inputs(5).forEach(f -> out.addAll(chain.push(f)));
            out.addAll(chain.flush());
            assertEquals(List.of(0, 4), labels(out), "ceil(1 * 1 / 4): the held frame is not lost");
        }
        made.forEach(f -> assertEquals(0, f.releases));
    }

    @Test
    void aBypassedStagePassesOnWhatItHolds() {
        List<CountingFrame> in = inputs(2);
        Doubler doubler = new Doubler();
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(0, 4, doubler)))) {
            in.forEach(chain::push);
            chain.setBypass(0, true);
            List<Frame> rest = chain.flush();
            assertEquals(2, rest.size());
            assertSame(in.get(0), rest.get(0));
            assertSame(in.get(1), rest.get(1));
            assertEquals(List.of(), doubler.batches);
        }
        in.forEach(f -> assertEquals(0, f.releases));
    }
}
