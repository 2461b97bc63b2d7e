package dev.scope.bench.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.Engine;
import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.InstalledPlugin;
import dev.scope.engine.api.PluginManager;
import dev.scope.engine.api.Session;
import dev.scope.engine.api.SessionClock;
import dev.scope.engine.api.SessionMetrics;
import dev.scope.engine.api.SessionSpec;
import dev.scope.engine.api.StageSpec;
import dev.scope.engine.api.TimedFrame;

/**
 * The hot swap under a live stream: a real-time 1280x720@30 stream through gray > invert > blur
 * while the invert example plugin is updated ten times (each a rebuilt JAR: a new build, installed
 * beside the old one and swapped in between two frames). Measures each update call, from the call
 * until it returns (the new build installed and started, the stage's new instance built and taken
 * at a frame boundary, the old build removed), and the largest gap between output frames while the
 * swaps happen, against the frame period.
 */
final class SwapBench {

    static final String CASE = "swap invert";
    private static final String PLUGIN = "scope-example-invert";
    private static final int SWAPS = 10;
    /** Output frames between two swaps (half a second at 30 fps). */
    private static final int FRAMES_BETWEEN = 15;

    private final Engine engine;
    private final PluginManager plugins;
    private final PrintStream out;

    SwapBench(Engine engine, PluginManager plugins, PrintStream out) {
        this.engine = engine;
        this.plugins = plugins;
        this.out = out;
    }

    /** A sink that notes when each output frame arrives, and its pts. */
    private static final class Arrivals implements FrameSink {
        private long[] nanos = new long[1024];
        private long[] pts = new long[1024];
        private int count;

        @Override
        public String description() {
            return "arrival times";
        }

        @Override
        public synchronized void accept(TimedFrame frame, double frameRate) {
            if (count == nanos.length) {
                nanos = Arrays.copyOf(nanos, count * 2);
                pts = Arrays.copyOf(pts, count * 2);
            }
            nanos[count] = System.nanoTime();
            pts[count++] = frame.ptsMicros();
            notifyAll();
        }

        synchronized int count() {
            return count;
        }

        /** Waits for the n-th output frame; a stream that stops for ten seconds ends the case. */
        synchronized void awaitCount(int n) throws InterruptedException {
            long end = System.nanoTime() + 10_000_000_000L;
            while (count < n) {
                long left = (end - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new IllegalStateException("the stream stopped at frame " + count + " (waited for " + n + ")");
                }
                wait(left);
            }
        }

        /** @return the largest gap between consecutive arrivals in [from, to), in ms */
        synchronized double largestGapMillis(int from, int to) {
            long largest = 0;
            for (int i = Math.max(1, from); i < Math.min(to, count); i++) {
                largest = Math.max(largest, nanos[i] - nanos[i - 1]);
            }
            return largest / 1e6;
        }

        /** @return the pts steps from {@code from} on that are not one frame period */
        synchronized int ptsJumps(int from, long periodMicros) {
            int jumps = 0;
            for (int i = Math.max(1, from); i < count; i++) {
                if (Math.abs(pts[i] - pts[i - 1] - periodMicros) > periodMicros / 4) {
                    jumps++;
                }
            }
            return jumps;
        }

        @Override
        public void close() {
            // nothing kept
        }
    }

    void run(FrameSource source, Consumer<Map<String, Object>> emit) throws IOException, InterruptedException {
        Optional<InstalledPlugin> invert = plugins.list().stream().filter(p -> p.name().equals(PLUGIN)).findFirst();
        if (invert.isEmpty() || !Files.isRegularFile(Path.of(invert.get().source()))) {
            out.println("(the " + PLUGIN + " plugin is not installed from a JAR: the swap case is skipped)");
            source.close();
            return;
        }
        Path original = Path.of(invert.get().source());
        Path dir = Files.createTempDirectory("scope-bench-swap");
        List<Path> builds = new ArrayList<>();
        for (int i = 1; i <= SWAPS; i++) {
            builds.add(rebuilt(original, dir.resolve("invert-build-" + i + ".jar"), i));
        }
        List<StageSpec> stages = List.of(new StageSpec("gray", Map.of()),
                new StageSpec("invert", Bench.SETTINGS.get("invert")),
                new StageSpec("blur", Bench.SETTINGS.get("blur")));
        ChainSpec chain = new ChainSpec(stages.subList(0, 1), stages.get(1), stages.subList(2, 3), "video", null, 0);
        Arrivals arrivals = new Arrivals();
        double[] calls = new double[SWAPS];
        double[] control;
        int swapsFrom;
        SessionMetrics before;
        SessionMetrics m;
        try (Session session = engine.start(new SessionSpec(chain, source, List.of(arrivals), true, 0, 30, 4,
                SessionClock.SYSTEM))) {
            // a second to settle, then three seconds without swaps: what the stream does by itself
            arrivals.awaitCount(30);
            int controlFrom = arrivals.count();
            SessionMetrics settled = session.metrics();
            arrivals.awaitCount(controlFrom + 90);
            swapsFrom = arrivals.count();
            before = session.metrics();
            control = new double[] {arrivals.largestGapMillis(controlFrom, swapsFrom),
                    lost(before) - lost(settled)};
            for (int i = 0; i < SWAPS; i++) {
                long start = System.nanoTime();
                plugins.install(builds.get(i));
                calls[i] = (System.nanoTime() - start) / 1e6;
                arrivals.awaitCount(arrivals.count() + FRAMES_BETWEEN);
            }
            m = session.metrics();
        } finally {
            plugins.install(original);
            for (Path b : builds) {
                Files.deleteIfExists(b);
            }
            Files.deleteIfExists(dir);
        }
        double[] sorted = calls.clone();
        Arrays.sort(sorted);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("case", CASE);
        row.put("size", source.width() + "x" + source.height());
        row.put("chain", "gray>invert>blur");
        row.put("swaps", SWAPS);
        row.put("update_call_ms_min", round(sorted[0]));
        row.put("update_call_ms_median", round(sorted[SWAPS / 2]));
        row.put("update_call_ms_max", round(sorted[SWAPS - 1]));
        row.put("largest_output_gap_ms", round(arrivals.largestGapMillis(swapsFrom, Integer.MAX_VALUE)));
        row.put("largest_output_gap_ms_without_swaps", round(control[0]));
        row.put("frame_period_ms", round(1000.0 / 30));
        row.put("pts_jumps", arrivals.ptsJumps(swapsFrom, 1_000_000 / 30));
        row.put("lost_during_swaps", lost(m) - lost(before));
        row.put("lost_in_3s_without_swaps", (long) control[1]);
        row.put("frames_in", m.framesIn());
        row.put("frames_out", m.framesOut());
        row.put("input_dropped", m.inputDropped());
        row.put("skipped", m.skipped());
        row.put("output_dropped", m.outputDropped());
        emit.accept(row);
        out.println(line(row));
    }

    /** Frames the stream did not show: dropped at the input, skipped by a stage, dropped at the output. */
    private static long lost(SessionMetrics m) {
        return m.inputDropped() + m.skipped() + m.outputDropped();
    }

    static String line(Map<String, Object> r) {
        return String.format(Locale.ROOT, "swap under a live stream (%s, %s, %s updates): update call min/median/max"
                + " %s/%s/%s ms, largest output gap %s ms (%s ms in 3 s without swaps; frame period %s ms),"
                + " %s frames lost during the swaps (%s in 3 s without), %s pts jumps", r.get("size"), r.get("chain"),
                r.get("swaps"), r.get("update_call_ms_min"), r.get("update_call_ms_median"),
                r.get("update_call_ms_max"), r.get("largest_output_gap_ms"),
                r.get("largest_output_gap_ms_without_swaps"), r.get("frame_period_ms"), r.get("lost_during_swaps"),
                r.get("lost_in_3s_without_swaps"), r.get("pts_jumps"));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** The JAR with one entry more, so that its content (and so its build) differs. */
    private static Path rebuilt(Path jar, Path to, int build) throws IOException {
        try (JarFile in = new JarFile(jar.toFile()); OutputStream file = Files.newOutputStream(to);
                JarOutputStream out = new JarOutputStream(file, in.getManifest())) {
            for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                if (entry.getName().equals(JarFile.MANIFEST_NAME) || entry.getName().equals("META-INF/")) {
                    continue;
                }
                out.putNextEntry(new JarEntry(entry.getName()));
                try (InputStream data = in.getInputStream(entry)) {
                    data.transferTo(out);
                }
            }
            out.putNextEntry(new JarEntry("META-INF/scope-bench-build"));
            out.write(Integer.toString(build).getBytes(StandardCharsets.US_ASCII));
        }
        return to;
    }
}
