package dev.scope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

import dev.scope.engine.api.ChainException;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.Session;
import dev.scope.engine.api.SessionMetrics;
import dev.scope.engine.api.SessionSpec;
import dev.scope.engine.api.StageSpec;
import dev.scope.engine.api.StageStatus;
import dev.scope.engine.api.TimedFrame;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.Test;

/** Sessions: threads, queues, pacing, drops, live parameters, failures, reload. */
class SessionOsgiTest extends FrameworkFixture {

    /** Frames whose first byte is their number (or made by a factory); optionally released one by one. */
    static class CountingSource implements FrameSource {
        final int count;
        final double rate;
        final Semaphore gate;
        final IntFunction<Frame> make;
        int next;

        CountingSource(int count, double rate, Semaphore gate) {
            this(count, rate, gate, n -> {
                Frame f = Frame.allocate(4, 2);
                f.pixels().put(0, (byte) n);
                return f;
            });
        }

        CountingSource(int count, double rate, Semaphore gate, IntFunction<Frame> make) {
            this.count = count;
            this.rate = rate;
            this.gate = gate;
            this.make = make;
        }

        @Override
        public String description() {
            return "counting source";
        }

        @Override
        public double frameRate() {
            return rate;
        }

        @Override
        public int width() {
            return 4;
        }

        @Override
        public int height() {
            return 2;
        }

        @Override
        public TimedFrame next() throws IOException {
            if (next == count) {
                return null;
            }
            if (gate != null) {
                try {
                    gate.acquire();
                } catch (InterruptedException e) {
                    throw new IOException("interrupted");
                }
            }
            Frame f = make.apply(next);
            return new TimedFrame(f, Math.round(next++ * 1e6 / rate));
        }

        @Override
        public void close() {
        }
    }

    /** Keeps the first byte and pts of every frame; can be slow or break. */
    static class RecordingSink implements FrameSink {
        final LinkedBlockingQueue<long[]> frames = new LinkedBlockingQueue<>();
        final List<Double> rates = new CopyOnWriteArrayList<>();
        volatile boolean closed;
        final long delayMillis;
        final int failAt;

        RecordingSink(long delayMillis, int failAt) {
            this.delayMillis = delayMillis;
            this.failAt = failAt;
        }

        @Override
        public String description() {
            return "recording sink";
        }

        @Override
        public void accept(TimedFrame frame, double frameRate) throws IOException {
            if (frames.size() == failAt) {
                throw new IOException("disk full");
            }
            frames.add(new long[] {frame.frame().pixels().get(0) & 0xFF, frame.ptsMicros()});
            rates.add(frameRate);
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static ChainSpec add(int amount) {
        return new ChainSpec(List.of(), new StageSpec("fixture-add", Map.of("amount", amount)), List.of(), null);
    }

    @Test
    void fastModeDeliversEveryFrameInOrderWithItsTime() throws Exception {
        startAddFixture("fixture-session1");
        RecordingSink sink = new RecordingSink(0, -1);
        try (Session s = engine.start(SessionSpec.of(add(5), new CountingSource(40, 25, null), List.of(sink), false, 0))) {
            assertTrue(s.awaitDone(20, TimeUnit.SECONDS));
            List<long[]> out = List.copyOf(sink.frames);
            assertEquals(40, out.size());
            for (int i = 0; i < 40; i++) {
                assertEquals(i + 5, out.get(i)[0]);
                assertEquals(i * 40_000L, out.get(i)[1], "the output keeps the source's timing");
            }
            assertTrue(sink.closed);
            assertEquals(25.0, sink.rates.get(0));
            SessionMetrics m = s.metrics();
            assertEquals(40, m.framesIn());
            assertEquals(40, m.framesOut());
            assertEquals(0, m.inputDropped() + m.skipped() + m.outputDropped());
            assertEquals(40, m.stages().get(0).calls());
            assertTrue(m.stages().get(0).p99Millis() >= m.stages().get(0).p50Millis());
            assertTrue(s.error().isEmpty());
        }
    }

    @Test
    void aParameterChangedMidStreamShowsFromTheNextFrameOn() throws Exception {
        startAddFixture("fixture-session2");
        Semaphore gate = new Semaphore(0);
        RecordingSink sink = new RecordingSink(0, -1);
        try (Session s = engine.start(SessionSpec.of(add(5), new CountingSource(4, 30, gate), List.of(sink), false, 0))) {
            gate.release();
            assertEquals(0 + 5, sink.frames.poll(10, TimeUnit.SECONDS)[0]);
            s.setParams(0, Map.of("amount", 50));
            gate.release();
            assertEquals(1 + 50, sink.frames.poll(10, TimeUnit.SECONDS)[0], "the next frame has the new value");
            gate.release(2);
            assertEquals(2 + 50, sink.frames.poll(10, TimeUnit.SECONDS)[0]);
            assertEquals(3 + 50, sink.frames.poll(10, TimeUnit.SECONDS)[0]);
            assertThrows(IllegalArgumentException.class, () -> s.setParams(0, Map.of("amount", 101)));
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aLoadParameterChangeReloadsThatStageOnly() throws Exception {
        startAddFixture("fixture-session3");
        Semaphore gate = new Semaphore(0);
        RecordingSink sink = new RecordingSink(0, -1);
        try (Session s = engine.start(SessionSpec.of(add(5), new CountingSource(2, 30, gate), List.of(sink), false, 0))) {
            gate.release();
            assertEquals(5, sink.frames.poll(10, TimeUnit.SECONDS)[0]);
            s.setParams(0, Map.of("offset", 20));
            gate.release();
            assertEquals(1 + 5 + 20, sink.frames.poll(10, TimeUnit.SECONDS)[0], "the new instance has the new offset");
            assertEquals(StageStatus.State.OK, s.stages().get(0).state());
        }
    }

    @Test
    void bypassPassesFramesThroughUnchanged() throws Exception {
        startAddFixture("fixture-session4");
        Semaphore gate = new Semaphore(0);
        RecordingSink sink = new RecordingSink(0, -1);
        try (Session s = engine.start(SessionSpec.of(add(5), new CountingSource(2, 30, gate), List.of(sink), false, 0))) {
            s.setBypass(0, true);
            gate.release();
            assertEquals(0, sink.frames.poll(10, TimeUnit.SECONDS)[0]);
            assertEquals(StageStatus.State.BYPASSED, s.stages().get(0).state());
            s.setBypass(0, false);
            gate.release();
            assertEquals(1 + 5, sink.frames.poll(10, TimeUnit.SECONDS)[0]);
        }
    }

    @Test
    void aStageThatThrowsIsBypassedAndTheStreamGoesOn() throws Exception {
        startAddFixture("fixture-session5");
        startFailingFixture();
        RecordingSink sink = new RecordingSink(0, -1);
        ChainSpec chain = new ChainSpec(List.of(), new StageSpec("fixture-add", Map.of("amount", 1)),
                List.of(StageSpec.of("fixture-fails")), null);
        try (Session s = engine.start(SessionSpec.of(chain, new CountingSource(10, 30, null), List.of(sink), false, 0))) {
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
            List<long[]> out = List.copyOf(sink.frames);
            assertEquals(10, out.size(), "no frame is lost");
            assertEquals(0, out.get(0)[0], "the postprocessor blanks frames while it works");
            for (int i = 2; i < 10; i++) {
                assertEquals(i + 1, out.get(i)[0], "bypassed from its failure on");
            }
            assertEquals(StageStatus.State.FAILED, s.stages().get(1).state());
            assertEquals("third call breaks", s.stages().get(1).reason());
        }
    }

    @Test
    void realTimeModePacesAndDropsWhenTheOutputCannotKeepUp() throws Exception {
        startAddFixture("fixture-session6");
        RecordingSink slow = new RecordingSink(40, -1); // 25 fps sink against a 100 fps source
        SessionSpec spec = new SessionSpec(add(0), new CountingSource(100, 100, null), List.of(slow), true, 0, 30, 2);
        long start = System.nanoTime();
        try (Session s = engine.start(spec)) {
            assertTrue(s.awaitDone(20, TimeUnit.SECONDS));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds >= 0.95, "paced to the source's rate: 100 frames at 100 fps took " + seconds + " s");
            SessionMetrics m = s.metrics();
            assertTrue(m.inputDropped() + m.skipped() + m.outputDropped() > 0, "frames were dropped: " + m);
            assertEquals(100, m.framesIn());
            assertEquals(m.framesOut(), slow.frames.size());
            // one output per input: every input is written, dropped at a queue or skipped
            assertEquals(100, m.framesOut() + m.outputDropped() + m.inputDropped() + m.skipped(), m.toString());
            assertTrue(m.latencyP99Millis() < 500, "latency stays bounded: " + m.latencyP99Millis() + " ms");
            List<long[]> out = List.copyOf(slow.frames);
            for (int i = 1; i < out.size(); i++) {
                assertTrue(out.get(i)[0] > out.get(i - 1)[0], "frames stay in order");
            }
        }
    }

    @Test
    void aFailingSinkIsDroppedAndTheOthersGoOn() throws Exception {
        startAddFixture("fixture-session7");
        RecordingSink broken = new RecordingSink(0, 3);
        RecordingSink good = new RecordingSink(0, -1);
        try (Session s = engine.start(SessionSpec.of(add(0), new CountingSource(8, 30, null), List.of(broken, good),
                false, 0))) {
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
            assertEquals(8, good.frames.size());
            assertEquals(3, broken.frames.size());
            assertTrue(broken.closed);
            assertEquals(List.of("output recording sink failed and was closed: disk full"), s.warnings());
        }
    }

    @Test
    void durationCountsSourceTimeAndPauseHoldsTheStream() throws Exception {
        startAddFixture("fixture-session8");
        RecordingSink sink = new RecordingSink(0, -1);
        try (Session s = engine.start(SessionSpec.of(add(0), new CountingSource(1000, 50, null), List.of(sink), false,
                0.5))) {
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
            assertEquals(25, sink.frames.size(), "0.5 s of a 50 fps source");
        }
        RecordingSink live = new RecordingSink(0, -1);
        try (Session s = engine.start(SessionSpec.of(add(0), new CountingSource(1000, 50, null), List.of(live), true, 0))) {
            await(() -> live.frames.size() > 3, "frames flow");
            s.pause();
            assertTrue(s.isPaused());
            Thread.sleep(100);
            int held = live.frames.size();
            Thread.sleep(300);
            assertTrue(live.frames.size() <= held + 1, "nothing flows while paused");
            s.resume();
            await(() -> live.frames.size() > held + 3, "frames flow again");
            assertFalse(s.isDone());
        }
    }

    @Test
    void sourceFramesAreReleasedOnceWhenTheChainIsDoneWithThem() throws Exception {
        startAddFixture("fixture-session10");
        List<FrameOwnershipTest.CountingFrame> made = new CopyOnWriteArrayList<>();
        FrameSource source = new CountingSource(12, 30, null, n -> {
            FrameOwnershipTest.CountingFrame f = new FrameOwnershipTest.CountingFrame();
            made.add(f);
            return f;
        });
        RecordingSink sink = new RecordingSink(0, -1);
        try (Session s = engine.start(SessionSpec.of(add(1), source, List.of(sink), false, 0))) {
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
        }
        assertEquals(12, sink.frames.size());
        for (FrameOwnershipTest.CountingFrame f : made) {
            assertEquals(1, f.releases, "every source frame is released exactly once");
        }
    }

    @Test
    void theEndOfAFiniteSourceFlushesTheLastPartialBatch() throws Exception {
        startDoublingFixture();
        RecordingSink sink = new RecordingSink(0, -1);
        ChainSpec doubling = new ChainSpec(List.of(), StageSpec.of("fixture-double"), List.of(), null);
        try (Session s = engine.start(SessionSpec.of(doubling, new CountingSource(10, 30, null), List.of(sink), false,
                0))) {
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
            List<long[]> out = List.copyOf(sink.frames);
            assertEquals(20, out.size(), "10 inputs in batches of 4, doubled: the last 2 are flushed, padded");
            for (int i = 0; i < 20; i++) {
                assertEquals(i, out.get(i)[0], "output " + i);
                assertTrue(i == 0 || out.get(i)[1] > out.get(i - 1)[1], "times increase");
            }
            assertTrue(Math.abs(out.get(19)[1] - 300_000) <= 2,
                    "flushed outputs go at the output rate, the last at the last input's time: " + out.get(19)[1]);
            assertEquals(60.0, sink.rates.get(19));
            assertEquals(StageStatus.State.OK, s.stages().get(0).state(), "the flushed call got 4 frames");
            assertEquals(20, s.metrics().framesOut());
        }
    }

    /**
     * In real time a stage that returns eight frames a call (batches of four, doubled) must not
     * lose them to the bound of the output queue (four) when the sink keeps up with the rate:
     * only a sink that falls behind loses frames.
     */
    @Test
    void realTimeKeepsABurstOfOutputsFromOneCall() throws Exception {
        startDoublingFixture();
        // the source gives a batch of 4 only once the sink has taken the 8 outputs of the last one,
        // so the sink always keeps up (on a loaded machine too) and only the bound could cut a burst
        Semaphore batches = new Semaphore(4);
        RecordingSink sink = new RecordingSink(0, -1) {
            @Override
            public void accept(TimedFrame frame, double frameRate) throws IOException {
                super.accept(frame, frameRate);
                if (frames.size() % 8 == 0) {
                    batches.release(4);
                }
            }
        };
        ChainSpec doubling = new ChainSpec(List.of(), StageSpec.of("fixture-double"), List.of(), null);
        try (Session s = engine.start(new SessionSpec(doubling, new CountingSource(12, 50, batches), List.of(sink),
                true, 0, 30, 4))) {
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
            SessionMetrics m = s.metrics();
            assertEquals(0, m.inputDropped() + m.skipped() + m.outputDropped(), "nothing dropped: " + m);
            assertEquals(24, sink.frames.size(), "12 inputs doubled");
        }
    }

    @Test
    void theFrameCountsOfADoublingChainAddUpWhenItDropsOnBothSides() throws Exception {
        startDoublingFixture();
        CountDownLatch sourceEnded = new CountDownLatch(1);
        FrameSource source = new CountingSource(60, 200, null) {
            @Override
            public TimedFrame next() throws IOException {
                TimedFrame f = super.next();
                if (f == null) {
                    sourceEnded.countDown();
                }
                return f;
            }
        };
        // the sink takes nothing until the source has ended, so the output queue must drop
        RecordingSink blocked = new RecordingSink(0, -1) {
            @Override
            public void accept(TimedFrame frame, double frameRate) throws IOException {
                try {
                    sourceEnded.await();
                } catch (InterruptedException e) {
                    throw new IOException("interrupted");
                }
                super.accept(frame, frameRate);
            }
        };
        ChainSpec doubling = new ChainSpec(List.of(), StageSpec.of("fixture-double"), List.of(), null);
        try (Session s = engine.start(new SessionSpec(doubling, source, List.of(blocked), true, 0, 30, 2))) {
            assertTrue(s.awaitDone(20, TimeUnit.SECONDS));
            SessionMetrics m = s.metrics();
            assertEquals(60, m.framesIn());
            assertTrue(m.outputDropped() > 0, "the blocked sink makes the output queue drop: " + m);
            long taken = m.framesIn() - m.inputDropped() - m.skipped();
            assertEquals(2 * taken, m.framesOut() + m.outputDropped(),
                    "every frame the chain took became two outputs, written or dropped at the output: " + m);
            assertEquals(m.framesOut(), blocked.frames.size());
        }
    }

    @Test
    void aVideoChainNeedsAnInput() throws Exception {
        startAddFixture("fixture-session9");
        ChainException e = assertThrows(ChainException.class,
                () -> engine.start(SessionSpec.of(add(0), null, List.of(), false, 1)));
        assertEquals("pipeline 'fixture-add' runs in video mode and needs an input", e.getMessage());
    }
}
