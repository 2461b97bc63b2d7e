package dev.scope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.PipelineLoadException;
import dev.scope.engine.api.PluginSwap;
import dev.scope.engine.api.Session;
import dev.scope.engine.api.SessionSpec;
import dev.scope.engine.api.StageSpec;
import dev.scope.engine.api.StageStatus;
import dev.scope.engine.api.TimedFrame;
import dev.scope.engine.fixture.MarkFactory;
import dev.scope.engine.fixture.VersionFactory;
import dev.scope.engine.fixture.VersionTwoFactory;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

/**
 * Swapping a plugin's running pipeline to another version of it, side by side, while a stream
 * runs ({@link dev.scope.engine.api.Engine#swapPlugin}). The source lets frames through a gate and
 * the checks wait for frames at the sink, so nothing depends on the wall clock. The fixture
 * ({@link VersionFactory}) takes batches of 3 and stamps each frame with its bundle's minor
 * version, so a swap lands in the middle of a batch and the output shows which version made it.
 */
class HotSwapOsgiTest extends FrameworkFixture {

    private static final String NAME = "fixture-version";
    private static final String IMPORTS = API + ",org.osgi.framework";
    private final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void eventLog() {
        System.getProperties().put(MarkFactory.EVENTS, events);
    }

    /** Every frame with its pts. */
    static final class Sink implements FrameSink {
        final LinkedBlockingQueue<long[]> frames = new LinkedBlockingQueue<>();

        @Override
        public String description() {
            return "sink";
        }

        @Override
        public void accept(TimedFrame frame, double frameRate) {
            int[] px = new int[frame.frame().width() * frame.frame().height()];
            frame.frame().read(px);
            frames.add(new long[] {px[0] & 0xFF, frame.ptsMicros(), px[px.length - 1] >>> 8 & 0xFF,
                    px[px.length - 1] & 0xFF});
        }

        @Override
        public void close() {
        }

        /** @return frame number, pts, version stamp and level of the next frame (waiting at most 10 s) */
        long[] next() throws InterruptedException {
            long[] f = frames.poll(10, TimeUnit.SECONDS);
            assertNotNull(f, "no frame came");
            return f;
        }
    }

    private Bundle version(int minor) throws Exception {
        Bundle b = install(NAME, "1." + minor + ".0", IMPORTS, List.of(VersionFactory.class, VersionFactory.Config.class,
                VersionFactory.Stamp.class));
        b.start();
        return b;
    }

    private Bundle versionTwo(int minor) throws Exception {
        Bundle b = install(NAME, "1." + minor + ".0", IMPORTS, List.of(VersionTwoFactory.class,
                VersionTwoFactory.Config.class, VersionFactory.Stamp.class));
        b.start();
        return b;
    }

    private Session start(Semaphore gate, int frames, Sink sink, Map<String, Object> params) {
        var source = new SessionOsgiTest.CountingSource(engine.frames(), frames, 30, gate);
        ChainSpec chain = ChainSpec.of(List.of(), new StageSpec("fixture-add", Map.of("amount", 0)),
                List.of(new StageSpec(VersionFactory.ID, params)), null);
        return engine.start(SessionSpec.of(chain, source, List.of(sink), false, 0));
    }

    private long count(String event) {
        return events.stream().filter(event::equals).count();
    }

    @Test
    void twentyUpdatesUnderALiveStreamDropAndRepeatNoFrameAndEachVersionServes() throws Exception {
        startAddFixture("fixture-swap1");
        long inUse = engine.stats().framesInUse();
        int perVersion = 4; // more than a batch, and not a multiple of one: swaps land inside batches
        int total = perVersion * 21;
        Bundle running = version(0);
        await(() -> registry.find(VersionFactory.ID).isPresent(), "the fixture is listed");
        Semaphore gate = new Semaphore(0);
        Sink sink = new Sink();
        List<long[]> out = new ArrayList<>();
        try (Session s = start(gate, total, sink, Map.of("level", 9))) {
            gate.release(perVersion);
            out.add(sink.next()); // version 0 serves
            for (int v = 1; v <= 20; v++) {
                Bundle next = version(v);
                PluginSwap swap = engine.swapPlugin(running.getBundleId(), next.getBundleId());
                assertEquals(1, swap.stages(), "update " + v);
                assertEquals(List.of(), swap.resets(), "same parameters: every value kept");
                running.uninstall(); // at once: the stage no longer needs the old bundle
                running = next;
                gate.release(perVersion);
                int version = v;
                long[] f;
                do {
                    f = sink.next();
                    out.add(f);
                } while (f[2] != version);
                assertTrue(swap.applied().isDone(), "the new instance served a frame: the swap was applied");
            }
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
            sink.frames.drainTo(out);
            assertEquals(StageStatus.State.OK, s.stages().get(1).state(), s.stages().get(1).reason());
        }
        assertEquals(total, out.size(), "every frame came out once");
        int lastVersion = 0;
        for (int i = 0; i < total; i++) {
            long[] f = out.get(i);
            assertEquals(i, f[0], "frames in order, none dropped or repeated");
            assertEquals(Math.round(i * 1e6 / 30), f[1], "timestamps continuous at frame " + i);
            assertTrue(f[2] >= lastVersion, "versions only move on: frame " + i);
            assertEquals(9, f[3], "the value set at load survives every swap: frame " + i);
            lastVersion = (int) f[2];
        }
        assertEquals(20, lastVersion);
        for (int v = 0; v <= 20; v++) {
            assertEquals(1, count("create:" + v), "one instance of version " + v);
            assertEquals(1, count("close:" + v), "version " + v + " closed once");
        }
        assertEquals(inUse, engine.stats().framesInUse(), "every frame was released");
    }

    @Test
    void anIncompatibleNewVersionKeepsTheValuesItAcceptsAndReportsTheRest() throws Exception {
        startAddFixture("fixture-swap2");
        Bundle old = version(1);
        await(() -> registry.find(VersionFactory.ID).isPresent(), "the fixture is listed");
        Semaphore gate = new Semaphore(0);
        Sink sink = new Sink();
        try (Session s = start(gate, 9, sink, Map.of("level", 200, "gone", 5))) {
            gate.release(3);
            assertEquals(200, sink.next()[3]);
            Bundle two = versionTwo(2);
            PluginSwap swap = engine.swapPlugin(old.getBundleId(), two.getBundleId());
            assertEquals(List.of("fixture-version #2: level reset to 7 (fixture-version: level = 200 is out of range;"
                    + " allowed: 0 to 100)",
                    "fixture-version #2: gone is gone from the new version; its value 5 was dropped"), swap.resets());
            assertEquals("1.1.0", swap.fromVersion());
            assertEquals("1.2.0", swap.toVersion());
            old.uninstall();
            gate.release(6);
            for (int i = 1; i < 3; i++) {
                assertEquals(200, sink.next()[3], "the batch the old version had taken");
            }
            long[] f = sink.next();
            assertEquals(List.of(3L, 2L, 7L), List.of(f[0], f[2], f[3]), "the new version, with its default");
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aNewVersionThatCannotBeBuiltLeavesTheOldOneRunning() throws Exception {
        startAddFixture("fixture-swap3");
        Bundle old = version(1);
        await(() -> registry.find(VersionFactory.ID).isPresent(), "the fixture is listed");
        Semaphore gate = new Semaphore(0);
        Sink sink = new Sink();
        try (Session s = start(gate, 6, sink, Map.of("level", 3))) {
            gate.release(3);
            assertEquals(1, sink.next()[2]);
            Bundle broken = versionTwo(99);
            PipelineLoadException e = assertThrows(PipelineLoadException.class,
                    () -> engine.swapPlugin(old.getBundleId(), broken.getBundleId()));
            assertTrue(e.getMessage().contains("version 99 is broken on purpose")
                    && e.getMessage().endsWith("; version 1.1.0 keeps running"), e.getMessage());
            broken.uninstall();
            gate.release(3);
            sink.next();
            sink.next();
            long[] f = sink.next();
            assertEquals(List.of(3L, 1L, 3L), List.of(f[0], f[2], f[3]), "the old version goes on, its value kept");
            assertEquals(StageStatus.State.OK, s.stages().get(1).state());
            assertTrue(s.awaitDone(10, TimeUnit.SECONDS));
        }
        assertEquals(1, count("create:1"));
        assertEquals(1, count("close:1"));
    }

    @Test
    void whileTwoVersionsAreInstalledTheRegistryOffersTheNewerWithoutReportingAClash() throws Exception {
        version(3);
        Bundle newer = version(4);
        await(() -> registry.find(VersionFactory.ID).map(p -> p.plugin().version()).orElse("").equals("1.4.0"),
                "the newer version serves");
        assertEquals(newer.getBundleId(), registry.find(VersionFactory.ID).orElseThrow().plugin().bundleId());
        assertTrue(registry.failedPlugins().stream().noneMatch(f -> f.name().equals(NAME)), "no duplicate id");
    }
}
