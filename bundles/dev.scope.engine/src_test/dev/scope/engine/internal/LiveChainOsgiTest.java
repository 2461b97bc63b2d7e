package dev.scope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.scope.engine.api.ChainException;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.PipelineLoadException;
import dev.scope.engine.api.Session;
import dev.scope.engine.api.SessionSpec;
import dev.scope.engine.api.StageSpec;
import dev.scope.engine.api.StageStatus;
import dev.scope.engine.api.TimedFrame;
import dev.scope.engine.api.UnknownPipelineException;
import dev.scope.engine.fixture.MarkFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * A session whose chain and sinks change while it streams: {@link Session#replaceChain},
 * {@link Session#addSink}, {@link Session#removeSink}. The source lets one frame through at a time
 * (a gate), and each check waits for that frame at the sink, so every change lands at a known frame
 * boundary; nothing depends on the wall clock.
 *
 * <p>{@code fixture-mark} writes into pixel {@code slot}: red = its {@code value}, green = the
 * instance's serial number, blue = that instance's calls (see {@link MarkFactory}).
 */
class LiveChainOsgiTest extends FrameworkFixture {

    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void markState() throws Exception {
        System.getProperties().put(MarkFactory.EVENTS, events);
        System.getProperties().put(MarkFactory.SERIAL, new AtomicInteger());
        startMarkFixture();
    }

    /** Keeps every pixel of every frame, and counts how often it was closed. */
    static final class PixelSink implements FrameSink {
        final LinkedBlockingQueue<int[]> frames = new LinkedBlockingQueue<>();
        final AtomicInteger closes = new AtomicInteger();
        final String name;

        PixelSink(String name) {
            this.name = name;
        }

        @Override
        public String description() {
            return name;
        }

        @Override
        public void accept(TimedFrame frame, double frameRate) {
            int[] px = new int[frame.frame().width() * frame.frame().height()];
            frame.frame().read(px);
            frames.add(px);
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }

        /** @return the next frame's pixels, waiting for it (at most 10 s) */
        int[] next() throws InterruptedException {
            int[] px = frames.poll(10, TimeUnit.SECONDS);
            assertNotNull(px, name + " got no frame");
            return px;
        }
    }

    private static int red(int px) {
        return px & 0xFF;
    }

    private static int green(int px) {
        return px >>> 8 & 0xFF;
    }

    private static int blue(int px) {
        return px >>> 16 & 0xFF;
    }

    private static StageSpec mark(int slot, int value) {
        return new StageSpec("fixture-mark", Map.of("slot", slot, "value", value));
    }

    private static final StageSpec ADD_NOTHING = new StageSpec("fixture-add", Map.of("amount", 0));

    private Session start(ChainSpec chain, int frames, Semaphore gate, FrameSink sink) {
        var source = new SessionOsgiTest.CountingSource(engine.frames(), frames, 30, gate);
        return engine.start(SessionSpec.of(chain, source, List.of(sink), false, 0));
    }

    /** Lets one frame through the gate and returns it as the sink got it. */
    private static int[] step(Semaphore gate, PixelSink sink) throws InterruptedException {
        gate.release();
        return sink.next();
    }

    private long count(String event) {
        return events.stream().filter(event::equals).count();
    }

    @Test
    void replacingTheChainWhileStreamingLosesNoFrameLeaksNoneAndKeepsTheStageThatStays() throws Exception {
        startAddFixture("fixture-live1");
        long inUse = engine.stats().framesInUse();
        Semaphore gate = new Semaphore(0);
        PixelSink sink = new PixelSink("sink");
        try (Session s = start(ChainSpec.of(List.of(mark(1, 10)), ADD_NOTHING, List.of(), null), 12, gate, sink)) {
            for (int f = 0; f < 4; f++) {
                int[] px = step(gate, sink);
                assertEquals(f, red(px[0]), "frame " + f);
                assertEquals(List.of(10, 1, f + 1), List.of(red(px[1]), green(px[1]), blue(px[1])));
            }
            s.replaceChain(ChainSpec.of(List.of(mark(2, 20), mark(1, 10)), ADD_NOTHING, List.of(mark(3, 30)), null));
            List<StageStatus> stages = s.stages();
            assertEquals(List.of("fixture-mark", "fixture-mark", "fixture-add", "fixture-mark"),
                    stages.stream().map(StageStatus::pipelineId).toList());
            assertEquals(List.of("pre", "pre", "main", "post"), stages.stream().map(StageStatus::role).toList());
            assertEquals(List.of(0L, 4L, 4L, 0L), stages.stream().map(StageStatus::calls).toList(),
                    "the kept stages keep their counts; the new ones have none yet");
            for (int f = 4; f < 12; f++) {
                int[] px = step(gate, sink);
                assertEquals(f, red(px[0]), "every frame arrives once, in order");
                assertEquals(List.of(10, 1, f + 1), List.of(red(px[1]), green(px[1]), blue(px[1])),
                        "the kept stage is the same instance, its state goes on: frame " + f);
                assertEquals(List.of(20, 2, f - 3), List.of(red(px[2]), green(px[2]), blue(px[2])));
                assertEquals(List.of(30, 3), List.of(red(px[3]), green(px[3])));
            }
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
            assertTrue(sink.frames.isEmpty(), "no frame twice");
            assertEquals(12, s.metrics().framesOut());
            assertEquals(List.of("create:1", "create:2", "create:3"), events, "nothing reloaded, nothing closed yet");
        }
        assertEquals(1, count("close:1"));
        assertEquals(1, count("close:2"));
        assertEquals(1, count("close:3"));
        assertEquals(1, sink.closes.get());
        assertEquals(inUse, engine.stats().framesInUse(), "every frame was released");
    }

    @Test
    void aKeptStageKeepsItsRuntimeValuesAndARemovedOneIsClosedAfterTheSwap() throws Exception {
        startAddFixture("fixture-live2");
        Semaphore gate = new Semaphore(0);
        PixelSink sink = new PixelSink("sink");
        try (Session s = start(ChainSpec.of(List.of(mark(1, 10), mark(2, 20)), ADD_NOTHING, List.of(), null), 20,
                gate, sink)) {
            step(gate, sink);
            s.setParams(0, Map.of("value", 77));
            assertEquals(77, red(step(gate, sink)[1]), "a value set live");
            s.replaceChain(ChainSpec.of(List.of(new StageSpec("fixture-mark", Map.of("slot", 1))), ADD_NOTHING,
                    List.of(), null));
            assertEquals(0, count("close:2"), "the stage that leaves runs until the swap, at the next frame");
            int[] px = step(gate, sink);
            assertEquals(List.of(77, 1, 3), List.of(red(px[1]), green(px[1]), blue(px[1])),
                    "kept: the same instance, with the value set live");
            assertEquals(0, px[2] & 0xFFFFFF, "the removed stage no longer marks");
            await(() -> count("close:2") == 1, "the removed stage is closed");

            s.replaceChain(ChainSpec.of(List.of(mark(1, 5)), ADD_NOTHING, List.of(), null));
            px = step(gate, sink);
            assertEquals(List.of(5, 1), List.of(red(px[1]), green(px[1])), "a value the spec gives a kept stage applies");

            s.replaceChain(ChainSpec.of(List.of(mark(3, 5)), ADD_NOTHING, List.of(), null));
            px = step(gate, sink);
            assertEquals(List.of(5, 3, 1), List.of(red(px[3]), green(px[3]), blue(px[3])),
                    "another load value: a new instance");
            await(() -> count("close:1") == 1, "the one it replaced is closed");
        }
        assertEquals(List.of(1L, 1L, 1L), List.of(count("close:1"), count("close:2"), count("close:3")));
    }

    @Test
    void indicesAddressTheNewChainAtOnceAndAKeptStageKeepsItsBypass() throws Exception {
        startAddFixture("fixture-live3");
        Semaphore gate = new Semaphore(0);
        PixelSink sink = new PixelSink("sink");
        try (Session s = start(ChainSpec.of(List.of(mark(1, 10)), ADD_NOTHING, List.of(), null), 10, gate, sink)) {
            s.setBypass(0, true);
            assertEquals(0, step(gate, sink)[1] & 0xFFFFFF, "bypassed");
            s.replaceChain(ChainSpec.of(List.of(mark(2, 20), mark(1, 10)), ADD_NOTHING, List.of(), null));
            assertEquals(List.of(StageStatus.State.OK, StageStatus.State.BYPASSED, StageStatus.State.OK),
                    s.stages().stream().map(StageStatus::state).toList(), "the new stage is not bypassed, the kept one is");
            s.setBypass(0, true); // the new stage, before the swap
            s.setBypass(1, false); // the kept one
            int[] px = step(gate, sink);
            assertEquals(0, px[2] & 0xFFFFFF, "the new stage, at index 0, is bypassed");
            assertEquals(List.of(10, 1, 1), List.of(red(px[1]), green(px[1]), blue(px[1])), "the kept one runs again");
            s.setParams(1, Map.of("value", 99));
            assertEquals(99, red(step(gate, sink)[1]), "setParams addresses the new chain's indices");
        }
    }

    @Test
    void aChainThatCannotOpenLeavesTheRunningOneAsItWas() throws Exception {
        startAddFixture("fixture-live4");
        Semaphore gate = new Semaphore(0);
        PixelSink sink = new PixelSink("sink");
        try (Session s = start(ChainSpec.of(List.of(mark(1, 10)), ADD_NOTHING, List.of(), null), 10, gate, sink)) {
            step(gate, sink);
            List<StageStatus> before = s.stages();
            UnknownPipelineException unknown = assertThrows(UnknownPipelineException.class, () -> s.replaceChain(
                    ChainSpec.of(List.of(), StageSpec.of("nope"), List.of(), null)));
            assertTrue(unknown.getMessage().startsWith("unknown pipeline 'nope'; available: "), unknown.getMessage());
            ChainException usage = assertThrows(ChainException.class, () -> s.replaceChain(
                    ChainSpec.of(List.of(ADD_NOTHING), ADD_NOTHING, List.of(), null)));
            assertEquals("pipeline 'fixture-add' is not a preprocessor; preprocessors: fixture-mark", usage.getMessage());
            IllegalArgumentException value = assertThrows(IllegalArgumentException.class, () -> s.replaceChain(
                    ChainSpec.of(List.of(mark(1, 300)), ADD_NOTHING, List.of(), null)));
            assertTrue(value.getMessage().contains("value = 300"), value.getMessage());
            StageSpec refused = new StageSpec("fixture-mark", Map.of("slot", 4, "refuse", true));
            PipelineLoadException load = assertThrows(PipelineLoadException.class, () -> s.replaceChain(
                    ChainSpec.of(List.of(mark(1, 50), mark(3, 30), refused), ADD_NOTHING, List.of(), null)));
            assertEquals("could not load pipeline 'fixture-mark' (fixture-mark 1.2.3): refused on purpose",
                    load.getMessage());
            assertEquals(List.of("create:1", "create:2", "close:2"), events,
                    "the stage loaded for the failed chain is closed; the running one is untouched");
            assertEquals(before.stream().map(StageStatus::pipelineId).toList(),
                    s.stages().stream().map(StageStatus::pipelineId).toList());
            int[] px = step(gate, sink);
            assertEquals(List.of(1, 10, 1, 2), List.of(red(px[0]), red(px[1]), green(px[1]), blue(px[1])),
                    "the old chain runs on, with its own values");
            assertEquals(StageStatus.State.OK, s.stages().get(0).state());
        }
    }

    @Test
    void aSinkAddedMidStreamGetsOnlyLaterFramesAndARemovedOneIsClosedOnce() throws Exception {
        startAddFixture("fixture-live5");
        long inUse = engine.stats().framesInUse();
        Semaphore gate = new Semaphore(0);
        PixelSink first = new PixelSink("first");
        PixelSink later = new PixelSink("later");
        PixelSink tooLate = new PixelSink("too late");
        try (Session s = start(ChainSpec.of(List.of(), ADD_NOTHING, List.of(), null), 6, gate, first)) {
            assertEquals(0, red(step(gate, first)[0]));
            assertEquals(1, red(step(gate, first)[0]));
            s.addSink(later);
            assertThrows(IllegalArgumentException.class, () -> s.addSink(later));
            for (int f = 2; f < 4; f++) {
                assertEquals(f, red(step(gate, first)[0]));
                assertEquals(f, red(later.next()[0]), "the added sink's first frame is the next one");
            }
            assertTrue(s.removeSink(first));
            assertEquals(1, first.closes.get(), "closed when removeSink returns");
            assertFalse(s.removeSink(first), "removed already");
            for (int f = 4; f < 6; f++) {
                assertEquals(f, red(step(gate, later)[0]));
            }
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
            assertTrue(first.frames.isEmpty(), "no frame after its removal");
            assertEquals(1, later.closes.get(), "the session closed the sink it was given");
            assertThrows(IllegalStateException.class, () -> s.addSink(tooLate));
        }
        assertEquals(1, first.closes.get());
        assertEquals(1, later.closes.get());
        assertEquals(0, tooLate.closes.get(), "a sink refused stays the caller's");
        assertEquals(inUse, engine.stats().framesInUse());
    }

    /**
     * Real time: the counts add up across a replacement, including the frames a first stage
     * skipped before it left the chain. The hanging fixture's third call holds the processing thread
     * while three frames queue up; its fourth call then samples the newest and skips two.
     */
    @Test
    void theCountsAddUpAfterAStageThatSkippedFramesLeft() throws Exception {
        startHangingFixture();
        startAddFixture("fixture-live6");
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> hangEvents = new CopyOnWriteArrayList<>();
        System.getProperties().put(dev.scope.engine.fixture.HangingFactory.RELEASE, release);
        System.getProperties().put(dev.scope.engine.fixture.HangingFactory.ENTERED,
                new java.util.concurrent.CountDownLatch(1));
        System.getProperties().put(dev.scope.engine.fixture.HangingFactory.EVENTS, hangEvents);
        ManualClock clock = new ManualClock();
        Semaphore gate = new Semaphore(0);
        PixelSink sink = new PixelSink("sink");
        var source = new SessionOsgiTest.CountingSource(engine.frames(), 10, 100, gate);
        ChainSpec hang = ChainSpec.of(List.of(), StageSpec.of("fixture-hang"), List.of(), null);
        try (Session s = engine.start(new SessionSpec(hang, source, List.of(sink), true, 0, 30, 8, clock))) {
            clock.advanceMillis(1_000); // every frame is due: pacing plays no part
            assertEquals(0, red(step(gate, sink)[0]));
            assertEquals(1, red(step(gate, sink)[0]));
            gate.release(); // the third call waits for the latch
            ((java.util.concurrent.CountDownLatch) System.getProperties()
                    .get(dev.scope.engine.fixture.HangingFactory.ENTERED)).await(10, TimeUnit.SECONDS);
            gate.release(3);
            // counted, queued, and the source waits at the gate again
            await(() -> s.metrics().framesIn() == 6 && gate.hasQueuedThreads(), "three more frames are queued");
            release.countDown();
            assertEquals(2, red(sink.next()[0]));
            assertEquals(5, red(sink.next()[0]), "the newest of the three; two skipped");
            assertEquals(2, s.metrics().skipped());
            s.replaceChain(ChainSpec.of(List.of(), ADD_NOTHING, List.of(), null));
            for (int f = 6; f < 10; f++) {
                assertEquals(f, red(step(gate, sink)[0]));
            }
            await(() -> hangEvents.contains("close"), "the stage that left is closed");
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
            var m = s.metrics();
            assertEquals(List.of(10L, 8L, 2L, 0L, 0L),
                    List.of(m.framesIn(), m.framesOut(), m.skipped(), m.inputDropped(), m.outputDropped()));
            assertEquals(m.framesIn(), m.framesOut() + m.skipped() + m.inputDropped() + m.outputDropped());
            assertEquals(List.of("fixture-add"), s.stages().stream().map(StageStatus::pipelineId).toList());
        }
        assertEquals(Collections.frequency(hangEvents, "close"), 1);
    }

    @Test
    void aSessionThatEndedTakesNoNewChain() throws Exception {
        startAddFixture("fixture-live7");
        PixelSink sink = new PixelSink("sink");
        Session s = start(ChainSpec.of(List.of(), ADD_NOTHING, List.of(), null), 2, null, sink);
        assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> s.replaceChain(ChainSpec.of(List.of(mark(1, 1)), ADD_NOTHING, List.of(), null)));
        assertEquals("the session has ended; its chain cannot be replaced", e.getMessage());
        s.close();
        assertEquals(List.of(), events, "nothing was loaded for it");
    }

    /** Uninstalling a plugin while its pipeline runs: the stream goes on, the stage is bypassed with the reason. */
    @Test
    void aStageWhosePluginIsUninstalledWhileStreamingPassesFramesThroughWithTheReasonAndIsClosed() throws Exception {
        startAddFixture("fixture-live8");
        Bundle markBundle = java.util.Arrays.stream(context.getBundles())
                .filter(b -> "fixture-mark".equals(b.getSymbolicName())).findFirst().orElseThrow();
        long inUse = engine.stats().framesInUse();
        Semaphore gate = new Semaphore(0);
        PixelSink sink = new PixelSink("sink");
        try (Session s = start(ChainSpec.of(List.of(mark(1, 10)), ADD_NOTHING, List.of(), null), 6, gate, sink)) {
            for (int f = 0; f < 2; f++) {
                assertEquals(10, red(step(gate, sink)[1]), "the stage marks frame " + f);
            }
            markBundle.uninstall();
            for (int f = 2; f < 6; f++) {
                int[] px = step(gate, sink);
                assertEquals(f, red(px[0]), "every frame arrives once, in order");
                assertEquals(0, px[1] & 0xFF_FFFF, "frame " + f + " passes the retired stage unchanged");
            }
            StageStatus pre = s.stages().get(0);
            assertEquals(StageStatus.State.FAILED, pre.state());
            assertTrue(pre.reason().startsWith("its plugin fixture-mark ") && pre.reason().contains(" was uninstalled"),
                    pre.reason());
            assertEquals(1, count("close:1"), "the instance was closed at the boundary");
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
            assertEquals(6, s.metrics().framesOut());
        }
        assertEquals(1, count("close:1"), "and not again when the session closed");
        assertEquals(inUse, engine.stats().framesInUse(), "every frame was released");
    }
}
