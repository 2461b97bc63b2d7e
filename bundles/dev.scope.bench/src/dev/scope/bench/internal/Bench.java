package dev.scope.bench.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.scope.engine.api.Chain;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.Engine;
import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.Session;
import dev.scope.engine.api.SessionMetrics;
import dev.scope.engine.api.SessionClock;
import dev.scope.engine.api.SessionSpec;
import dev.scope.engine.api.StageSpec;
import dev.scope.engine.api.TimedFrame;
import dev.scope.media.TestPattern;
import dev.scope.pipeline.api.Backend;
import dev.scope.pipeline.api.Frame;
import dev.scope.schema.Json;

/**
 * The benchmark cases: every built-in stage alone and the three-stage chain, at 512x512 and
 * 1920x1080, on every path the machine has, each against the machine's copy bound; and the
 * end-to-end latency of the chain at 30 fps real-time pacing.
 */
final class Bench {

    /** Stage settings a user would choose; every case states them in its result. */
    static final Map<String, Map<String, Object>> SETTINGS = settings();

    static final List<String> STAGES = List.of("gray", "invert", "color-grade", "blur", "kaleidoscope",
            "edges", "interpolate");
    static final List<String> CHAIN = List.of("gray", "kaleidoscope", "blur");
    /**
     * A chain with per-pixel stages in a row, measured fused and unfused ({@link #fusion}): the
     * issue's {@code gray > color-grade > invert > blur} in the order the stages' roles allow
     * (invert is a main pipeline, color-grade a postprocessor only).
     */
    static final List<String> PIXEL_CHAIN = List.of("gray", "invert", "color-grade", "blur");
    /** The engine's switch for unfused chains (its ChainImpl.FUSION_PROPERTY). */
    static final String FUSION_PROPERTY = "scope.fusion";
    static final String FUSION = "fusion";
    static final List<int[]> SIZES = List.of(new int[] {512, 512}, new int[] {1920, 1080});

    private final PipelineRegistry registry;
    private final Engine engine;
    private final List<Placement> placements;
    private final PrintStream out;
    private final double seconds;
    private final List<Result> results = new ArrayList<>();
    private final List<Map<String, Object>> extra = new ArrayList<>();
    private final List<String> only;
    private double copyBandwidth;
    /** By frame size ({@code WxH}): the read+write bytes per second of copying frames from memory. */
    private final Map<String, Double> frameCopy = new LinkedHashMap<>();

    /** @param only run only the cases whose name contains one of these; all when empty */
    Bench(PipelineRegistry registry, Engine engine, List<Placement> placements, PrintStream out, double seconds,
            List<String> only) {
        this.only = List.copyOf(only);
        this.registry = registry;
        this.engine = engine;
        this.placements = placements;
        this.out = out;
        this.seconds = seconds;
    }

    private static Map<String, Map<String, Object>> settings() {
        Map<String, Map<String, Object>> s = new LinkedHashMap<>();
        s.put("invert", Map.of("intensity", 1.0));
        s.put("color-grade", Map.of("brightness", 0.05, "contrast", 1.1, "saturation", 1.2, "hue", 10.0));
        s.put("blur", Map.of("sigma", 2.0));
        s.put("kaleidoscope", Map.of("segments", 6, "spin", 0.5));
        return s;
    }

    /** @param latencySource opens the latency case's source (twice: a warm-up session, then the measured one), or null */
    void run(java.util.function.Supplier<FrameSource> latencySource) {
        copyBandwidth = CopyBandwidth.measure(6);
        Map<String, Object> copy = new LinkedHashMap<>();
        copy.put("case", "copy-bandwidth");
        copy.put("buffer_bytes", CopyBandwidth.BUFFER_BYTES);
        copy.put("read_write_bytes_per_second", Math.round(copyBandwidth));
        copy.put("gb_per_second", Math.round(copyBandwidth / 1e7) / 100.0);
        emit(copy);
        for (int[] size : SIZES) {
            int frameBytes = size[0] * size[1] * 4;
            double[] bound = FrameCopyBound.measure(frameBytes, Math.min(2, seconds));
            String key = size[0] + "x" + size[1];
            frameCopy.put(key, bound[0]);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("case", "frame-copy-bound");
            row.put("size", key);
            row.put("input_frames", FrameCopyBound.poolFrames(frameBytes));
            row.put("last_level_cache_bytes", FrameCopyBound.lastLevelCache());
            row.put("threads", (int) bound[1]);
            row.put("read_write_bytes_per_second", Math.round(bound[0]));
            row.put("gb_per_second", Math.round(bound[0] / 1e7) / 100.0);
            emit(row);
        }
        if (selected("blur")) {
            peaks();
        }
        out.println(Result.header());
        for (int[] size : SIZES) {
            for (String stage : STAGES) {
                if (registry.find(stage).isEmpty()) {
                    out.println("(no pipeline '" + stage + "' installed: skipped)");
                    continue;
                }
                for (Placement p : selected(stage) ? placements : List.<Placement>of()) {
                    measure(stage, List.of(stage), size, p);
                }
            }
            String chain = "chain " + String.join(">", CHAIN);
            for (Placement p : selected(chain) ? placements : List.<Placement>of()) {
                measure(chain, CHAIN, size, p);
            }
            String pixelChain = "chain " + String.join(">", PIXEL_CHAIN);
            boolean installed = PIXEL_CHAIN.stream().allMatch(id -> registry.find(id).isPresent());
            for (Placement p : (selected(pixelChain) || only.contains(FUSION)) && installed ? placements
                    : List.<Placement>of()) {
                Result fused = measure(pixelChain, PIXEL_CHAIN, size, p);
                System.setProperty(FUSION_PROPERTY, "false");
                Result unfused;
                try {
                    unfused = measure(pixelChain + " unfused", PIXEL_CHAIN, size, p);
                } finally {
                    System.clearProperty(FUSION_PROPERTY);
                }
                if (fused != null && unfused != null) {
                    fusion(fused, unfused, size);
                }
            }
        }
        results.stream().filter(r -> r.name().equals("blur")).forEach(this::blurBound);
        if (latencySource != null && selected(LATENCY + String.join(">", CHAIN))) {
            latency(latencySource.get(), 2, "cold"); // kernels built, JIT compiling: what a user's first seconds see
            latency(latencySource.get(), 6, "warm");
        }
    }

    /** A device's measured 32-bit integer operations per second. */
    private record Peak(String device, double opsPerSecond) {
    }

    /** By path ({@code opencl-cpu}, {@code opencl-gpu}): its device's peak. */
    private final Map<String, Peak> peaks = new LinkedHashMap<>();

    private void peaks() {
        for (Placement p : placements) {
            if (p instanceof Placement.OpenCl cl && !peaks.containsKey(cl.path())) {
                try {
                    peaks.put(cl.path(), new Peak(cl.device(), ComputeBound.intOpsPerSecond(cl.gpu(),
                            Math.min(2, seconds))));
                } catch (RuntimeException e) {
                    out.println("peak integer arithmetic on " + cl.device() + ": failed: " + e.getMessage());
                }
            }
        }
    }

    /**
     * The blur's compute bound on its path's device; the Java path's on the CPU's OpenCL device
     * (the same cores), where there is one.
     */
    private void blurBound(Result r) {
        Peak peak = peaks.get(r.path().equals("java") ? "opencl-cpu" : r.path());
        if (peak == null) {
            return;
        }
        String[] wh = r.size().split("x");
        double sigma = ((Number) SETTINGS.get("blur").get("sigma")).doubleValue();
        long ops = ComputeBound.blurOps(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), sigma);
        double bound = peak.opsPerSecond() / ops;
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("case", COMPUTE_BOUND);
        row.put("stage", r.name());
        row.put("size", r.size());
        row.put("path", r.path());
        row.put("transfers", r.transfers());
        row.put("sigma", sigma);
        row.put("int_ops_per_frame", ops);
        row.put("peak_device", peak.device());
        row.put("peak_int_ops_per_second", Math.round(peak.opsPerSecond()));
        row.put("compute_bound_fps", Math.round(bound * 10) / 10.0);
        row.put("fps", Math.round(r.fps() * 10) / 10.0);
        row.put("compute_ratio", Math.round(r.fps() / bound * 1000) / 1000.0);
        emit(row);
    }

    static final String COMPUTE_BOUND = "compute-bound";

    /** The table's line of a {@link #COMPUTE_BOUND} row. */
    static String computeLine(Map<String, Object> r) {
        return String.format(java.util.Locale.ROOT, "compute bound %s %s %s/%s: %.1f M integer operations a frame"
                + " (sigma %s: 2 passes x 3 levels x (3 ceil(3 sigma) + 1)), peak %.1f G/s measured on %s: %.1f fps;"
                + " measured %.1f fps, ratio %.3f", r.get("stage"), r.get("size"), r.get("path"), r.get("transfers"),
                ((Number) r.get("int_ops_per_frame")).longValue() / 1e6, r.get("sigma"),
                ((Number) r.get("peak_int_ops_per_second")).doubleValue() / 1e9, r.get("peak_device"),
                ((Number) r.get("compute_bound_fps")).doubleValue(), ((Number) r.get("fps")).doubleValue(),
                ((Number) r.get("compute_ratio")).doubleValue());
    }

    private static final String LATENCY = "latency chain ";
    private static final int ROUNDS = 3;

    boolean selected(String name) {
        return only.isEmpty() || only.stream().anyMatch(name::contains);
    }

    /**
     * Fused against unfused: gray, invert and colour grade run as one pass instead of three, so
     * the goal is that the fused chain saves at least the time of the two passes it does not make,
     * each a read and a write of a frame at the frame copy bound.
     */
    private void fusion(Result fused, Result unfused, int[] size) {
        long frameBytes = (long) size[0] * size[1] * 4;
        double bound = frameCopy.getOrDefault(size[0] + "x" + size[1], 0.0);
        double passMillis = bound > 0 ? 2 * frameBytes / bound * 1e3 : 0;
        double savedMillis = 1e3 / unfused.fps() - 1e3 / fused.fps();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("case", FUSION);
        row.put("chain", String.join(">", PIXEL_CHAIN));
        row.put("size", fused.size());
        row.put("path", fused.path());
        row.put("transfers", fused.transfers());
        row.put("fused_fps", Math.round(fused.fps() * 10) / 10.0);
        row.put("unfused_fps", Math.round(unfused.fps() * 10) / 10.0);
        row.put("saved_ms_per_frame", Math.round(savedMillis * 1000) / 1000.0);
        row.put("passes_saved", 2);
        row.put("pass_ms_at_copy_bound", Math.round(passMillis * 1000) / 1000.0);
        row.put("goal_met", savedMillis >= 2 * passMillis);
        emit(row);
    }

    /** The table's line of a {@link #FUSION} row. */
    static String fusionLine(Map<String, Object> r) {
        return String.format(java.util.Locale.ROOT, "fusion %s %s %s/%s: fused %.1f fps, unfused %.1f fps, %.3f ms a"
                + " frame saved; the %d passes it saves take %.3f ms at the frame copy bound: %s", r.get("chain"),
                r.get("size"), r.get("path"), r.get("transfers"), ((Number) r.get("fused_fps")).doubleValue(),
                ((Number) r.get("unfused_fps")).doubleValue(), ((Number) r.get("saved_ms_per_frame")).doubleValue(),
                ((Number) r.get("passes_saved")).intValue(),
                2 * ((Number) r.get("pass_ms_at_copy_bound")).doubleValue(),
                Boolean.TRUE.equals(r.get("goal_met")) ? "goal met" : "goal not met");
    }

    /** @return the result, or {@code null} when the case failed (its line says why) */
    private Result measure(String name, List<String> ids, int[] size, Placement placement) {
        List<StageSpec> stages = new ArrayList<>();
        Map<String, Object> settings = new LinkedHashMap<>();
        for (String id : ids) {
            Map<String, Object> params = new LinkedHashMap<>(SETTINGS.getOrDefault(id, Map.of()));
            settings.put(id, params);
            stages.add(new StageSpec(id, params));
        }
        ChainSpec spec = chainOf(stages, placement.backend());
        int w = size[0];
        int h = size[1];
        TestPattern pattern = new TestPattern(w, h);
        List<Frame> host = new ArrayList<>();
        long frameBytes = (long) w * h * 4; // RGBA8
        int pool = FrameCopyBound.poolFrames(frameBytes); // distinct frames from memory, as a stream's
        for (int i = 0; i < pool; i++) {
            host.add(pattern.frame(i, engine.frames()));
        }
        List<Frame> inputs = placement.place(host);
        try (Chain chain = engine.open(spec)) {
            run(chain, inputs, placement, (long) (seconds * 0.25e9));
            // the median of three timed rounds: one round disturbed by another process does not decide
            double[] rounds = new double[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                long start = System.nanoTime();
                long n = run(chain, inputs, placement, (long) (seconds / ROUNDS * 1e9));
                rounds[r] = n / ((System.nanoTime() - start) / 1e9);
            }
            java.util.Arrays.sort(rounds);
            double fps = rounds[ROUNDS / 2];
            String ran = ranOn(chain);
            double factor = chain.frameRateFactor();
            long bytes = 0;
            for (int i = 0; i < ids.size(); i++) {
                bytes += frameBytes + Math.round(frameBytes * factor); // each stage reads its input, writes its output
            }
            double frameBound = frameCopy.getOrDefault(w + "x" + h, 0.0) / bytes;
            Result r = new Result(name, w + "x" + h, ran, placement.transfers(), placement.device(), fps,
                    bytes, copyBandwidth / bytes, frameBound, pool, settings);
            results.add(r);
            out.println(r.row());
            return r;
        } catch (RuntimeException e) {
            out.println(name + " " + w + "x" + h + " " + placement.path() + ": failed: " + e.getMessage());
            return null;
        } finally {
            placement.unplace(inputs, host);
            host.forEach(Frame::release);
        }
    }

    /** What the stages report they ran on: one path, or each stage's when they differ. */
    private static String ranOn(Chain chain) {
        List<String> paths = chain.metrics().stream().map(m -> m.path()).distinct().toList();
        return paths.size() == 1 ? paths.get(0) : String.join("+", chain.metrics().stream().map(m -> m.path()).toList());
    }

    /**
     * One stage alone as the main pipeline; three as preprocessor, main pipeline, postprocessor.
     *
     * @param backend the path forced on every stage, or {@code null}: the engine places them
     */
    /** @return the headline chain {@link #CHAIN} with the users' {@link #SETTINGS}, its stages placed by the engine */
    static ChainSpec headline() {
        List<StageSpec> stages = new ArrayList<>();
        for (String id : CHAIN) {
            stages.add(new StageSpec(id, SETTINGS.getOrDefault(id, Map.of())));
        }
        return chainOf(stages, null);
    }

    private static ChainSpec chainOf(List<StageSpec> stages, Backend backend) {
        if (stages.size() == 1) {
            return new ChainSpec(List.of(), stages.get(0), List.of(), "video", backend, 0);
        }
        return new ChainSpec(stages.subList(0, 1), stages.get(1), stages.subList(2, stages.size()), "video", backend,
                0);
    }

    private static long run(Chain chain, List<Frame> inputs, Placement placement, long nanos) {
        long end = System.nanoTime() + nanos;
        long n = 0;
        while (System.nanoTime() < end || n < 3) {
            placement.consume(chain.push(inputs.get((int) (n % inputs.size())))); // every output is the caller's
            n++;
        }
        return n;
    }

    /**
     * One real-time session of the chain at 30 fps for {@code seconds}. The first (cold) builds the
     * kernels and warms the JIT; the next (warm) is the steady stream the goals speak of ("0
     * dropped after the first second").
     */
    private void latency(FrameSource source, double seconds, String phase) {
        ChainSpec spec = headline();
        // the outputs are read to the host, as a display or an encoder does: device work is
        // asynchronous, so without this the latency would end before the kernels do
        // {pts, when it was on the host}: the sink thread adds, this thread reads once the session is done
        List<long[]> shown = java.util.Collections.synchronizedList(new ArrayList<>());
        FrameSink host = new FrameSink() {
            @Override
            public String description() {
                return "host tap";
            }

            @Override
            public void accept(TimedFrame frame, double frameRate) {
                frame.frame().readRows(0, 1, row(frame.frame().width()), 0); // the session showed it on the host
                shown.add(new long[] {frame.ptsMicros(), System.nanoTime()});
            }

            private int[] row = new int[0];

            private int[] row(int width) {
                if (row.length < width) {
                    row = new int[width];
                }
                return row;
            }

            @Override
            public void close() {
                // nothing kept
            }
        };
        // The system clock, noting the earliest time a session thread sleeps until: the session
        // paces its frame at pts p with sleepUntil(start + p), and its first frame has pts 0 (its
        // watchdog sleeps until later times), so that is the stream's start, where frames are due.
        java.util.concurrent.atomic.AtomicLong earliest = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        SessionClock clock = new SessionClock() {
            @Override
            public long nanoTime() {
                return SessionClock.SYSTEM.nanoTime();
            }

            @Override
            public void sleepUntil(long nanoTime) throws InterruptedException {
                earliest.accumulateAndGet(nanoTime, Math::min);
                SessionClock.SYSTEM.sleepUntil(nanoTime);
            }
        };
        try (Session session = engine.start(new SessionSpec(spec, source, List.of(host), true, seconds, 30, 4,
                clock))) {
            session.awaitDone(30, TimeUnit.SECONDS);
            long started = earliest.get();
            SessionMetrics m = session.metrics();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("case", LATENCY + String.join(">", CHAIN));
            row.put("phase", phase);
            row.put("seconds", seconds);
            row.put("size", source.width() + "x" + source.height());
            row.put("path", "auto");
            row.put("source", source.description());
            row.put("frames_in", m.framesIn());
            row.put("frames_out", m.framesOut());
            row.put("input_dropped", m.inputDropped());
            row.put("skipped", m.skipped());
            row.put("output_dropped", m.outputDropped());
            row.put("fps", Math.round(m.outputFps() * 10) / 10.0);
            row.put("latency_p50_ms", Math.round(m.latencyP50Millis() * 100) / 100.0);
            row.put("latency_p99_ms", Math.round(m.latencyP99Millis() * 100) / 100.0);
            List<String> paths = m.stages().stream().map(s -> s.pipelineId() + "=" + s.path()).toList();
            row.put("stage_paths", paths);
            Steady steady = Steady.of(shown, started, 30, seconds);
            row.put("steady_frames_due", steady.due());
            row.put("steady_frames_shown", steady.shown());
            row.put("steady_latency_p50_ms", Math.round(steady.p50Millis() * 100) / 100.0);
            row.put("steady_latency_p99_ms", Math.round(steady.p99Millis() * 100) / 100.0);
            // where a slow frame's time went: each stage's call time (p50 / p99) and device time
            row.put("stage_ms", m.stages().stream().map(Bench::stageTimes).toList());
            emit(row);
            out.printf("latency at 30 fps (%s, %s, %.0f s): p50 %.2f ms, p99 %.2f ms, %d/%d frames out, %d dropped in,"
                    + " %d skipped, %d dropped out; after the first second, from due to on the host: p50 %.2f ms,"
                    + " p99 %.2f ms, %d of %d frames shown%n", row.get("size"), phase, seconds, m.latencyP50Millis(),
                    m.latencyP99Millis(), m.framesOut(),
                    m.framesIn(), m.inputDropped(), m.skipped(), m.outputDropped(), steady.p50Millis(),
                    steady.p99Millis(), steady.shown(), steady.due());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return one stage's call and device times, p50 and p99, in milliseconds */
    private static Map<String, Object> stageTimes(dev.scope.engine.api.StageMetrics s) {
        Map<String, Object> times = new LinkedHashMap<>();
        times.put("stage", s.pipelineId());
        times.put("p50", Math.round(s.p50Millis() * 100) / 100.0);
        times.put("p99", Math.round(s.p99Millis() * 100) / 100.0);
        times.put("device_p50", Math.round(s.deviceP50Millis() * 100) / 100.0);
        times.put("device_p99", Math.round(s.deviceP99Millis() * 100) / 100.0);
        return times;
    }

    /** Prints a result row and keeps it for {@link #write}. */
    void emit(Map<String, Object> row) {
        extra.add(row);
        out.println(Json.write(row));
    }

    /** Writes every case as one JSON line, and the readable table, into {@code dir}. */
    List<Path> write(Path dir, String stem, Map<String, Object> machine) throws IOException {
        Files.createDirectories(dir);
        StringBuilder jsonl = new StringBuilder(Json.write(machine)).append('\n');
        extra.forEach(r -> jsonl.append(Json.write(r)).append('\n'));
        results.forEach(r -> jsonl.append(Json.write(r.json())).append('\n'));
        StringBuilder table = new StringBuilder();
        machine.forEach((k, v) -> table.append(k).append(": ").append(v).append('\n'));
        table.append(String.format("copy bandwidth: %.2f GB/s (read+write, %d MiB buffers)%n", copyBandwidth / 1e9,
                CopyBandwidth.BUFFER_BYTES >> 20));
        extra.stream().filter(r -> "frame-copy-bound".equals(r.get("case"))).forEach(r -> table.append(String.format(
                java.util.Locale.ROOT, "frame copy bound %s: %.2f GB/s (read+write, frames from a pool of %d, more than"
                        + " twice the %d MiB last-level cache)%n", r.get("size"), r.get("gb_per_second"),
                r.get("input_frames"), ((Number) r.get("last_level_cache_bytes")).longValue() >> 20)));
        table.append("settings: ").append(Json.write(SETTINGS)).append('\n');
        table.append(Result.header()).append('\n');
        results.forEach(r -> table.append(r.row()).append('\n'));
        extra.stream().filter(r -> COMPUTE_BOUND.equals(r.get("case"))).forEach(r -> table.append(computeLine(r))
                .append('\n'));
        extra.stream().filter(r -> FUSION.equals(r.get("case"))).forEach(r -> table.append(fusionLine(r))
                .append('\n'));
        extra.stream().filter(r -> String.valueOf(r.get("case")).startsWith("latency"))
                .forEach(r -> table.append(Json.write(r)).append('\n'));
        extra.stream().filter(r -> String.valueOf(r.get("case")).startsWith(SoakBench.CASE + " "))
                .forEach(r -> table.append(SoakBench.line(r)).append('\n'));
        extra.stream().filter(r -> String.valueOf(r.get("case")).startsWith(EndToEndBench.CASE + " "))
                .forEach(r -> table.append(EndToEndBench.line(r)).append('\n'));
        extra.stream().filter(r -> String.valueOf(r.get("case")).startsWith(SwapBench.CASE))
                .forEach(r -> table.append(SwapBench.line(r)).append('\n'));
        extra.stream().filter(r -> String.valueOf(r.get("case")).startsWith(PreviewBench.CASE))
                .forEach(r -> table.append(PreviewBench.line(r)).append('\n'));
        extra.stream().filter(r -> String.valueOf(r.get("case")).startsWith(ServerBench.CASE + " "))
                .forEach(r -> table.append(ServerBench.line(r)).append('\n'));
        Path json = dir.resolve(stem + ".jsonl");
        Path txt = dir.resolve(stem + ".txt");
        Files.writeString(json, jsonl);
        Files.writeString(txt, table);
        return List.of(json, txt);
    }

    List<Result> results() {
        return results;
    }
}
