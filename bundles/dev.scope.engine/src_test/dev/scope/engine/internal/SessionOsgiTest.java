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

import dev.scope.engine.api.ChainException;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.Session;
import dev.scope.engine.api.SessionClock;
import dev.scope.engine.api.SessionMetrics;
import dev.scope.engine.api.SessionSpec;
import dev.scope.engine.api.StageSpec;
import dev.scope.engine.api.StageStatus;
import dev.scope.engine.api.TimedFrame;
import dev.scope.engine.fixture.HangingFactory;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;

import org.junit.jupiter.api.Test;

/**
 * Sessions: threads, queues, pacing, drops, live parameters, failures, hangs, close. Time is the
 * session's clock: a {@link ManualClock} where pacing or the watchdog matter, so no test depends on
 * the wall clock or on sleeping.
 */
class SessionOsgiTest extends FrameworkFixture {

    /** Frames whose red level is their number; optionally released one by one through a gate. */
    static class CountingSource implements FrameSource {
        final FrameAllocator frames;
        final int count;
        final double rate;
        final Semaphore gate;
        int next;

        CountingSource(FrameAllocator frames, int count, double rate, Semaphore gate) {
            this.frames = frames;
            this.count = count;
            this.rate = rate;
            this.gate = gate;
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
            int[] px = new int[8];
            px[0] = next & 0xFF;
            return new TimedFrame(frames.of(4, 2, px), Math.round(next++ * 1e6 / rate));
        }

        @Override
        public void close() {
        }
    }

    /** Keeps the red level and pts of every frame; can break, or wait before taking frames. */
    static class RecordingSink implements FrameSink {
        final LinkedBlockingQueue<long[]> frames = new LinkedBlockingQueue<>();
        final List<Double> rates = new CopyOnWriteArrayList<>();
        final int failAt;
        final Semaphore gate;
        volatile boolean closed;

        RecordingSink(int failAt, Semaphore gate) {
            this.failAt = failAt;
            this.gate = gate;
        }

        RecordingSink() {
            this(-1, null);
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
            if (gate != null) {
                try {
                    gate.acquire();
                } catch (InterruptedException e) {
                    throw new IOException("interrupted");
                }
            }
            int[] px = new int[frame.frame().width() * frame.frame().height()];
            frame.frame().read(px);
            frames.add(new long[] {px[0] & 0xFF, frame.ptsMicros()});
            rates.add(frameRate);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static ChainSpec add(int amount) {
        return ChainSpec.of(List.of(), new StageSpec("fixture-add", Map.of("amount", amount)), List.of(), null);
    }

    private CountingSource source(int count, double rate, Semaphore gate) {
        return new CountingSource(engine.frames(), count, rate, gate);
    }

    private static SessionSpec spec(ChainSpec chain, FrameSource source, FrameSink sink, boolean realTime,
            int queue, SessionClock clock) {
        return new SessionSpec(chain, source, List.of(sink), realTime, 0, 30, queue, clock);
    }

    @Test
    void fastModeDeliversEveryFrameInOrderWithItsTime() throws Exception {
        startAddFixture("fixture-session1");
        RecordingSink sink = new RecordingSink();
        long inUse = engine.stats().framesInUse();
        try (Session s = engine.start(SessionSpec.of(add(5), source(40, 25, null), List.of(sink), false, 0))) {
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
        assertEquals(inUse, engine.stats().framesInUse(), "every source and output frame was released");
    }

    @Test
    void aTypedParameterChangedMidStreamReachesThePipelineAtTheNextFrame() throws Exception {
        startAddFixture("fixture-session2");
        Semaphore gate = new Semaphore(0);
        RecordingSink sink = new RecordingSink();
        try (Session s = engine.start(SessionSpec.of(add(5), source(4, 30, gate), List.of(sink), false, 0))) {
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
        RecordingSink sink = new RecordingSink();
        try (Session s = engine.start(SessionSpec.of(add(5), source(2, 30, gate), List.of(sink), false, 0))) {
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
        RecordingSink sink = new RecordingSink();
        try (Session s = engine.start(SessionSpec.of(add(5), source(2, 30, gate), List.of(sink), false, 0))) {
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
        RecordingSink sink = new RecordingSink();
        ChainSpec chain = ChainSpec.of(List.of(), new StageSpec("fixture-add", Map.of("amount", 1)),
                List.of(StageSpec.of("fixture-fails")), null);
        try (Session s = engine.start(SessionSpec.of(chain, source(10, 30, null), List.of(sink), false, 0))) {
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

    /** Real time by the session's clock: the source waits for each frame's time, and no later. */
    @Test
    void realTimePacesTheSourceByTheSessionsClock() throws Exception {
        startAddFixture("fixture-session6");
        ManualClock clock = new ManualClock();
        RecordingSink sink = new RecordingSink();
        try (Session s = engine.start(spec(add(0), source(100, 100, null), sink, true, 4, clock))) {
            clock.advanceMillis(95); // frames at 0, 10, ..., 90 ms are due
            clock.awaitSleepers(2); // the source waits for 100 ms, the watchdog for its next look
            assertEquals(10, s.metrics().framesIn(), "exactly the frames whose time has come");
            clock.advanceMillis(10);
            clock.awaitSleepers(2);
            assertEquals(11, s.metrics().framesIn());
            s.pause();
            clock.advanceMillis(10_000);
            s.resume(); // the paused time is left out: the stream goes on from 110 ms, not from 10 s
            clock.advanceMillis(10);
            clock.awaitSleepers(2);
            assertTrue(s.metrics().framesIn() <= 13, "no burst after a pause: " + s.metrics().framesIn());
        }
    }

    /** Closed while the source waits for a frame's time: that frame is released too. */
    @Test
    void closingARealTimeSessionWhileItPacesReleasesTheFrameItHolds() throws Exception {
        startAddFixture("fixture-session-pace");
        ManualClock clock = new ManualClock();
        RecordingSink sink = new RecordingSink();
        long inUse = engine.stats().framesInUse();
        Session s = engine.start(spec(add(0), source(100, 100, null), sink, true, 4, clock));
        clock.advanceMillis(45);
        clock.awaitSleepers(2); // the source holds the frame due at 50 ms and waits for it
        assertEquals(5, s.metrics().framesIn());
        s.close();
        assertEquals(inUse, engine.stats().framesInUse(), "every frame read from the source was released");
    }

    /** A sink that falls behind makes the output queue drop; every input is accounted for. */
    @Test
    void realTimeDropsWhenTheOutputCannotKeepUpAndTheCountsAddUp() throws Exception {
        startAddFixture("fixture-session7");
        ManualClock clock = new ManualClock();
        Semaphore sinkGate = new Semaphore(0);
        RecordingSink slow = new RecordingSink(-1, sinkGate);
        try (Session s = engine.start(spec(add(0), source(100, 100, null), slow, true, 2, clock))) {
            clock.advanceMillis(1_000); // every frame is due at once while the sink takes nothing
            await(() -> s.metrics().framesIn() == 100, "the source has read everything");
            sinkGate.release(1_000);
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
            SessionMetrics m = s.metrics();
            assertTrue(m.inputDropped() + m.skipped() + m.outputDropped() > 0, "frames were dropped: " + m);
            assertEquals(100, m.framesIn());
            assertEquals(m.framesOut(), slow.frames.size());
            assertEquals(100, m.framesOut() + m.outputDropped() + m.inputDropped() + m.skipped(), m.toString());
            List<long[]> out = List.copyOf(slow.frames);
            for (int i = 1; i < out.size(); i++) {
                assertTrue(out.get(i)[0] > out.get(i - 1)[0], "frames stay in order");
            }
        }
    }

    @Test
    void aFailingSinkIsDroppedAndTheOthersGoOn() throws Exception {
        startAddFixture("fixture-session8");
        RecordingSink broken = new RecordingSink(3, null);
        RecordingSink good = new RecordingSink();
        try (Session s = engine.start(SessionSpec.of(add(0), source(8, 30, null), List.of(broken, good), false, 0))) {
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
            assertEquals(8, good.frames.size());
            assertEquals(3, broken.frames.size());
            assertTrue(broken.closed);
            assertEquals(List.of("output recording sink failed and was closed: disk full"), s.warnings());
        }
    }

    @Test
    void durationCountsSourceTime() throws Exception {
        startAddFixture("fixture-session9");
        RecordingSink sink = new RecordingSink();
        try (Session s = engine.start(SessionSpec.of(add(0), source(1000, 50, null), List.of(sink), false, 0.5))) {
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
            assertEquals(25, sink.frames.size(), "0.5 s of a 50 fps source");
        }
    }

    @Test
    void theEndOfAFiniteSourceFlushesTheLastPartialBatch() throws Exception {
        startDoublingFixture();
        RecordingSink sink = new RecordingSink();
        ChainSpec doubling = ChainSpec.of(List.of(), StageSpec.of("fixture-double"), List.of(), null);
        try (Session s = engine.start(SessionSpec.of(doubling, source(10, 30, null), List.of(sink), false, 0))) {
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
     * In real time a stage that returns eight frames a call (batches of four, doubled) must not lose
     * them to the bound of the output queue (four) when the sink keeps up: the source gives a batch
     * only once the sink has taken the 8 outputs of the last one.
     */
    @Test
    void realTimeKeepsABurstOfOutputsFromOneCall() throws Exception {
        startDoublingFixture();
        Semaphore batches = new Semaphore(4);
        RecordingSink sink = new RecordingSink() {
            @Override
            public void accept(TimedFrame frame, double frameRate) throws IOException {
                super.accept(frame, frameRate);
                if (frames.size() % 8 == 0) {
                    batches.release(4);
                }
            }
        };
        ChainSpec doubling = ChainSpec.of(List.of(), StageSpec.of("fixture-double"), List.of(), null);
        ManualClock clock = new ManualClock();
        try (Session s = engine.start(spec(doubling, source(12, 50, batches), sink, true, 4, clock))) {
            clock.advanceMillis(60_000); // every frame is due: pacing plays no part
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
            SessionMetrics m = s.metrics();
            assertEquals(0, m.inputDropped() + m.skipped() + m.outputDropped(), "nothing dropped: " + m);
            assertEquals(24, sink.frames.size(), "12 inputs doubled");
        }
    }

    @Test
    void aVideoChainNeedsAnInput() throws Exception {
        startAddFixture("fixture-session10");
        ChainException e = assertThrows(ChainException.class,
                () -> engine.start(SessionSpec.of(add(0), null, List.of(), false, 1)));
        assertEquals("pipeline 'fixture-add' runs in video mode and needs an input", e.getMessage());
    }

    /** A call that does not return is given up on at the deadline, the stage bypassed, the stream goes on. */
    @Test
    void aHungStageIsMarkedFailedAtTheDeadlineAndTheStreamGoesOn() throws Exception {
        startHangingFixture();
        CountDownLatch release = hangLatches();
        ManualClock clock = new ManualClock();
        RecordingSink sink = new RecordingSink();
        ChainSpec chain = new ChainSpec(List.of(), StageSpec.of("fixture-hang"), List.of(), null, null, 1_000);
        long abandonedBefore = engine.stats().abandonedCalls();
        try (Session s = engine.start(spec(chain, source(10, 30, null), sink, false, 4, clock))) {
            ((CountDownLatch) System.getProperties().get(HangingFactory.ENTERED)).await(10, TimeUnit.SECONDS);
            assertEquals(StageStatus.State.OK, s.stages().get(0).state(), "a call within its deadline is waited for");
            clock.awaitSleepers(1); // the watchdog waits for its next look (moving the clock before would skip it)
            clock.advanceMillis(1_500); // past the deadline of its third call
            await(() -> s.stages().get(0).state() == StageStatus.State.FAILED, "the watchdog gave up on the call");
            assertEquals("did not return within 1000 ms (its call() was abandoned)", s.stages().get(0).reason());
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS), "the stream went on to its end");
            List<long[]> out = List.copyOf(sink.frames);
            assertEquals(9, out.size(), "every frame but the one inside the hung call");
            assertEquals(List.of(0L, 1L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), out.stream().map(f -> f[0]).toList());
            assertEquals(abandonedBefore + 1, engine.stats().abandonedCalls());
            assertTrue(engine.stats().possiblyLeaking().contains("fixture-hang"), engine.stats().toString());
        } finally {
            release.countDown(); // the abandoned thread comes back, and leaves without touching the chain
        }
    }

    /** Close waits for the processing thread to leave plugin code (never interrupting it), then closes the stages. */
    @Test
    void closeWhileAStageIsInsideItsCallWaitsForTheCallThenClosesTheStage() throws Exception {
        startHangingFixture();
        CountDownLatch release = hangLatches();
        @SuppressWarnings("unchecked")
        List<String> events = (List<String>) System.getProperties().get(HangingFactory.EVENTS);
        RecordingSink sink = new RecordingSink();
        ChainSpec chain = ChainSpec.of(List.of(), StageSpec.of("fixture-hang"), List.of(), null);
        Session s = engine.start(SessionSpec.of(chain, source(1000, 30, null), List.of(sink), false, 0));
        ((CountDownLatch) System.getProperties().get(HangingFactory.ENTERED)).await(10, TimeUnit.SECONDS);
        Thread closer = new Thread(s::close, "test-close");
        closer.start();
        await(() -> closer.getState() == Thread.State.TIMED_WAITING, "close waits for the call");
        assertEquals(List.of(), events, "nothing interrupted the call, nothing closed the stage under it");
        release.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(closer.isAlive());
        assertEquals(List.of("call-end", "close"), events, "the call ended, then the stage was closed");
    }

    private static CountDownLatch hangLatches() {
        CountDownLatch release = new CountDownLatch(1);
        System.getProperties().put(HangingFactory.RELEASE, release);
        System.getProperties().put(HangingFactory.ENTERED, new CountDownLatch(1));
        System.getProperties().put(HangingFactory.EVENTS, new CopyOnWriteArrayList<String>());
        return release;
    }
}
