package dev.scope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.scope.engine.fixture.FixtureConfig;
import dev.scope.gpu.api.DeviceFrame;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Params;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.Requirements;
import dev.scope.schema.ConfigModel;

import org.junit.jupiter.api.Test;

/** The engine releases each device frame it owns exactly once, and never the caller's. */
class FrameOwnershipTest {

    /** A device frame that counts its releases, with a label to tell frames apart. */
    static final class CountingFrame implements DeviceFrame {
        final int label;
        int releases;

        CountingFrame() {
            this(-1);
        }

        CountingFrame(int label) {
            this.label = label;
        }

        @Override
        public int width() {
            return 1;
        }

        @Override
        public int height() {
            return 1;
        }

        @Override
        public Residency residency() {
            return Residency.DEVICE;
        }

        @Override
        public ByteBuffer pixels() {
            return ByteBuffer.allocateDirect(4).asReadOnlyBuffer();
        }

        @Override
        public void release() {
            releases++;
        }
    }

    /** A device that names the path {@code opencl-cpu} and counts the waits for its queue. */
    static final class FakeDevice implements Device {
        final long finishMillis;
        int finishes;

        FakeDevice(long finishMillis) {
            this.finishMillis = finishMillis;
        }

        @Override
        public String path() {
            return "opencl-cpu";
        }

        @Override
        public void finish() {
            finishes++;
            try {
                Thread.sleep(finishMillis); // the queued kernels
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static Stage stage(int index, int inputSize, Function<List<Frame>, List<Frame>> body) {
        return stage(index, inputSize, body, new FakeDevice(0));
    }

    static Stage stage(int index, int inputSize, Function<List<Frame>, List<Frame>> body, Device device) {
        Pipeline p = new Pipeline() {
            @Override
            public Requirements prepare(Params params) {
                return new Requirements(inputSize);
            }

            @Override
            public Output call(List<Frame> video, Params params) {
                return Output.of(body.apply(video));
            }
        };
        return new Stage(index, index == 0 ? "main" : "post", "s" + index, "test", ConfigModel.of(FixtureConfig.class),
                p, Params.empty(), true, device);
    }

    @Test
    void framesPassedBetweenStagesAreReleasedOnceAndOutputsAreTheCallers() {
        List<CountingFrame> made = new ArrayList<>();
        Function<List<Frame>, List<Frame>> fresh = in -> {
            CountingFrame f = new CountingFrame();
            made.add(f);
            return List.of(f);
        };
        CountingFrame input = new CountingFrame();
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(0, 1, fresh), stage(1, 1, fresh)))) {
            List<Frame> out = chain.push(input);
            assertEquals(0, input.releases, "the caller's frame is the caller's");
            assertEquals(1, made.get(0).releases, "the first stage's output, consumed by the second");
            assertEquals(0, made.get(1).releases, "the chain's output goes to the caller");
            assertSame(made.get(1), out.get(0));
            assertEquals("opencl-cpu", chain.metrics().get(1).path());
        }
    }

    /**
     * Device work is asynchronous: a stage whose outputs are device frames is timed until the
     * device has run its work (the engine waits for the queue), a host stage without waiting.
     */
    @Test
    void aDeviceStagesTimeIncludesItsQueuedWork() {
        FakeDevice device = new FakeDevice(25);
        Function<List<Frame>, List<Frame>> toDevice = in -> List.of(new CountingFrame());
        Function<List<Frame>, List<Frame>> toHost = in -> List.of(Frame.allocate(1, 1));
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(0, 1, toDevice, device),
                stage(1, 1, toHost, device)))) {
            for (int i = 0; i < 3; i++) {
                chain.push(new CountingFrame()).forEach(Frame::release);
            }
            assertEquals(3, device.finishes, "one wait per device call, none for the host stage");
            assertTrue(chain.metrics().get(0).p50Millis() >= 25, "p50 " + chain.metrics().get(0).p50Millis());
            assertTrue(chain.metrics().get(1).p50Millis() < 25, "p50 " + chain.metrics().get(1).p50Millis());
            assertEquals("java", chain.metrics().get(1).path());
        }
    }

    @Test
    void aFramePassedOnUnchangedIsNotReleasedUntilItIsDone() {
        List<CountingFrame> made = new ArrayList<>();
        Function<List<Frame>, List<Frame>> three = in -> {
            List<Frame> out = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                CountingFrame f = new CountingFrame();
                made.add(f);
                out.add(f);
            }
            return out;
        };
        CountingFrame input = new CountingFrame();
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(0, 1, three), stage(1, 1, in -> in),
                stage(2, 1, in -> List.of(new CountingFrame()))))) {
            chain.push(input);
            // stage 1 takes the three one by one and passes each on unchanged; stage 2 consumes them
            for (CountingFrame f : made) {
                assertEquals(1, f.releases, "each of the three is released exactly once");
            }
            assertEquals(0, input.releases);
        }
    }

    /**
     * Only the chain's first stage samples (Scope's catch-up with real time over the frames pushed
     * in); a later stage takes every frame an earlier one made, in order, a batch a call: four
     * frames out of a doubling stage through a stage of batches of one give four calls.
     */
    @Test
    void laterStagesTakeEveryFrameInBatchesAndOnlyTheFirstSamples() {
        List<Integer> seen = new ArrayList<>();
        Function<List<Frame>, List<Frame>> doubling = in -> List.of(new CountingFrame(1), new CountingFrame(2),
                new CountingFrame(3), new CountingFrame(4));
        Function<List<Frame>, List<Frame>> record = in -> {
            in.forEach(f -> seen.add(((CountingFrame) Frames.underlying(f)).label));
            return List.of(new CountingFrame());
        };
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(0, 1, doubling), stage(1, 1, record),
                stage(2, 2, in -> List.of(new CountingFrame()))))) {
            List<Frame> out = chain.push(List.of(new CountingFrame(), new CountingFrame(), new CountingFrame()));
            assertEquals(List.of(1, 2, 3, 4), seen, "stage 1 got every frame, in order");
            assertEquals(2, out.size(), "stage 2 made two batches of two out of stage 1's four frames");
            assertEquals(2, chain.metrics().get(0).skipped(), "the first stage sampled one of the three pushed");
            assertEquals(0, chain.metrics().get(1).skipped());
            assertEquals(4, chain.metrics().get(1).calls());
            assertEquals(2, chain.metrics().get(2).calls());
        }
    }

    @Test
    void aCallersFrameCollectedAcrossPushesIsNeverReleased() {
        CountingFrame a = new CountingFrame();
        CountingFrame b = new CountingFrame();
        List<CountingFrame> made = new ArrayList<>();
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(0, 2, in -> {
            CountingFrame f = new CountingFrame();
            made.add(f);
            return List.of(in.get(1), f); // passes the newest input on, and a new frame
        })))) {
            chain.push(a);
            List<Frame> out = chain.push(b); // the stage now takes a (from the earlier push) and b
            assertSame(b, out.get(0), "outputs are the frames themselves, not the engine's views");
            chain.push(a);
        }
        assertEquals(0, a.releases, "the caller's frames stay the caller's, whichever push brought them");
        assertEquals(0, b.releases);
    }

    @Test
    void handedOverFramesAreReleasedOnce() {
        CountingFrame a = new CountingFrame();
        CountingFrame b = new CountingFrame();
        try (ChainImpl chain = ChainImpl.of("video", List.of(stage(0, 2, in -> List.of(new CountingFrame()))))) {
            chain.pushOwned(List.of(a));
            chain.pushOwned(List.of(b));
        }
        assertEquals(1, a.releases);
        assertEquals(1, b.releases);
    }

    @Test
    void framesStillCollectedAreReleasedAtClose() {
        List<CountingFrame> made = new ArrayList<>();
        Function<List<Frame>, List<Frame>> fresh = in -> {
            CountingFrame f = new CountingFrame();
            made.add(f);
            return List.of(f);
        };
        ChainImpl chain = ChainImpl.of("video", List.of(stage(0, 1, fresh), stage(1, 2, fresh)));
        chain.push(new CountingFrame());
        assertEquals(0, made.get(0).releases, "collected, waiting for a second frame");
        chain.close();
        assertEquals(1, made.get(0).releases);
    }
}
