package dev.scope.bench.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.Engine;
import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.Session;
import dev.scope.engine.api.SessionClock;
import dev.scope.engine.api.SessionMetrics;
import dev.scope.engine.api.SessionSpec;
import dev.scope.media.MediaService;

/**
 * The soak ({@code --case soak}, never in the default run): a real-time 1920x1080 30 fps test
 * pattern through the headline chain with an MP4 recording, for {@code --soak-seconds} (600 by
 * default), sampling every 10 s the process's resident set ({@code VmRSS} of
 * {@code /proc/self/status}) and its frame memory (what the engine's pool keeps free plus the frames
 * in use). Flat means: after the first minute (or the first sixth of a shorter run), neither grows
 * by 5% or more over what it was then. Also the peak of the sampled resident set.
 */
final class SoakBench {

    static final String CASE = "soak";
    private static final long SAMPLE_MILLIS = 10_000;

    private final Engine engine;
    private final MediaService media;
    private final double seconds;

    SoakBench(Engine engine, MediaService media, double seconds) {
        this.engine = engine;
        this.media = media;
        this.seconds = seconds;
    }

    void run(Consumer<Map<String, Object>> emit) throws IOException, InterruptedException {
        ChainSpec spec = Bench.headline();
        // The copy bounds measured before this held about 0.8 GiB of direct buffers, which the JVM
        // gives back only once a collection finds them unreachable: in one run at 165 s of the
        // soak, the resident set falling from 1604 to 780 MiB. A collection now starts the soak
        // from the memory of this process's own work.
        System.gc();
        Path dir = Files.createTempDirectory("scope-bench-soak");
        Path mp4 = dir.resolve("soak.mp4");
        FrameSource source = media.openSource("testsrc:1920x1080@30", false);
        FrameSink sink = media.openSink(mp4.toString());
        List<long[]> samples = new ArrayList<>(); // seconds, rss, frame memory, in use, heap, non-heap (committed)
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        SessionMetrics last;
        try (Session session = engine.start(new SessionSpec(spec, source, List.of(sink), true, seconds, 30, 4,
                SessionClock.SYSTEM))) {
            long t0 = System.nanoTime();
            while (!session.awaitDone(SAMPLE_MILLIS, TimeUnit.MILLISECONDS)) {
                SessionMetrics m = session.metrics();
                // frame memory: what the pool keeps free and the frames in use (each a 1080p frame here)
                samples.add(new long[] {(System.nanoTime() - t0) / 1_000_000_000L, status("VmRSS"),
                        m.pooledBytes() + m.framesInUse() * 1920L * 1080 * 4, m.framesInUse(),
                        memory.getHeapMemoryUsage().getCommitted(), memory.getNonHeapMemoryUsage().getCommitted()});
            }
            last = session.metrics();
        } finally {
            Files.deleteIfExists(mp4);
            Files.deleteIfExists(dir);
        }
        long settle = (long) Math.min(60, seconds / 6);
        long[] base = samples.stream().filter(s -> s[0] >= settle).findFirst().orElse(null);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("case", CASE + " 1920x1080@30");
        row.put("chain", String.join(">", Bench.CHAIN));
        row.put("seconds", seconds);
        row.put("frames_out", last.framesOut());
        row.put("input_dropped", last.inputDropped());
        row.put("skipped", last.skipped());
        row.put("output_dropped", last.outputDropped());
        row.put("latency_p50_ms", Math.round(last.latencyP50Millis() * 100) / 100.0);
        row.put("latency_p99_ms", Math.round(last.latencyP99Millis() * 100) / 100.0);
        row.put("peak_rss_mib", samples.stream().mapToLong(s -> s[1]).max().orElse(0) >> 20);
        row.put("process_peak_rss_mib", status("VmHWM") >> 20); // the whole run's, earlier cases included
        if (base != null) {
            long rssMax = samples.stream().filter(s -> s[0] >= settle).mapToLong(s -> s[1]).max().orElse(base[1]);
            long poolMax = samples.stream().filter(s -> s[0] >= settle).mapToLong(s -> s[2]).max().orElse(base[2]);
            row.put("after_seconds", base[0]);
            row.put("rss_then_mib", base[1] >> 20);
            row.put("rss_max_after_mib", rssMax >> 20);
            row.put("rss_growth", Math.round(1000.0 * (rssMax - base[1]) / base[1]) / 1000.0);
            row.put("frame_memory_then_mib", base[2] >> 20);
            row.put("frame_memory_max_after_mib", poolMax >> 20);
            row.put("frame_memory_growth", base[2] == 0 ? 0
                    : Math.round(1000.0 * (poolMax - base[2]) / base[2]) / 1000.0);
            row.put("flat", rssMax < base[1] * 1.05 && poolMax < base[2] * 1.05);
            long heapMax = samples.stream().filter(s -> s[0] >= settle).mapToLong(s -> s[4] + s[5]).max().orElse(0);
            row.put("java_committed_then_mib", (base[4] + base[5]) >> 20);
            row.put("java_committed_max_after_mib", heapMax >> 20);
        }
        List<String> series = new ArrayList<>();
        for (long[] s : samples) {
            series.add(s[0] + "s rss " + (s[1] >> 20) + " MiB frame memory " + (s[2] >> 20) + " MiB in use " + s[3]
                    + " java heap " + (s[4] >> 20) + " MiB non-heap " + (s[5] >> 20) + " MiB (committed)");
        }
        row.put("samples", series);
        emit.accept(row);
    }

    /** @return a {@code /proc/self/status} size field in bytes, 0 where there is none */
    private static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) << 10;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** @return the table's line for a row */
    static String line(Map<String, Object> r) {
        return r.get("case") + " " + r.get("chain") + " with a recording, " + r.get("seconds") + " s: "
                + r.get("frames_out") + " frames out, " + r.get("input_dropped") + " dropped in, " + r.get("skipped")
                + " skipped; latency p50/p99 " + r.get("latency_p50_ms") + "/" + r.get("latency_p99_ms") + " ms; resident"
                + " set " + r.get("rss_then_mib") + " MiB at " + r.get("after_seconds") + " s, at most "
                + r.get("rss_max_after_mib") + " MiB after (growth " + r.get("rss_growth") + "), frame memory "
                + r.get("frame_memory_then_mib") + " -> " + r.get("frame_memory_max_after_mib") + " MiB (growth "
                + r.get("frame_memory_growth") + "); peak resident set "
                + r.get("peak_rss_mib") + " MiB; flat: " + r.get("flat");
    }
}
