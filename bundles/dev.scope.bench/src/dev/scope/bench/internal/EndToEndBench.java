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

import dev.scope.engine.api.Chain;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.Engine;
import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.Session;
import dev.scope.engine.api.SessionClock;
import dev.scope.engine.api.SessionSpec;
import dev.scope.engine.api.TimedFrame;
import dev.scope.media.MediaService;
import dev.scope.media.TestPattern;
import dev.scope.pipeline.api.Frame;

/**
 * End to end at the codec's speed ({@code --case e2e}): a 1920x1080 30 fps H.264 MP4 (made first
 * from the test pattern) through the headline chain into an MP4, as {@code ./scope run --fast}
 * does (a session that is not real time), against the bound its parts set. Each part is measured
 * alone with its fps and its CPU time per frame (the process's, from {@code /proc/self/stat}):
 * decoding the file, the chain (the engine placing its stages, frames cycling through a pool past
 * the cache), encoding. The bound is the lower of the slowest part's fps and the machine's cores
 * divided by the three parts' CPU time per frame; the case's {@code ratio} is the end to end fps
 * against it.
 */
final class EndToEndBench {

    static final String CASE = "e2e";
    private static final int W = 1920;
    private static final int H = 1080;
    private static final int QUEUE = 4;

    private final Engine engine;
    private final MediaService media;
    private final double seconds;

    EndToEndBench(Engine engine, MediaService media, double seconds) {
        this.engine = engine;
        this.media = media;
        this.seconds = seconds;
    }

    /** What one part did: frames, wall seconds, CPU seconds. */
    private record Part(long frames, double wall, double cpu) {
        double fps() {
            return frames / wall;
        }

        double cpuPerFrame() {
            return cpu / frames;
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fps", Math.round(fps() * 10) / 10.0);
            m.put("cpu_ms_per_frame", Math.round(cpuPerFrame() * 1e5) / 100.0);
            m.put("frames", frames);
            return m;
        }
    }

    void run(Consumer<Map<String, Object>> emit) throws IOException, InterruptedException {
        int frames = (int) Math.max(90, Math.round(30 * Math.max(3, seconds * 4)));
        Path dir = Files.createTempDirectory("scope-bench-e2e");
        try {
            Path in = dir.resolve("in.mp4");
            Part encode = encode(in, frames);
            Part decode = decode(in);
            Part chain = chain(Math.min(frames, 300));
            Part all = endToEnd(in, dir.resolve("out.mp4"));
            int cores = Runtime.getRuntime().availableProcessors();
            double slowest = Math.min(decode.fps(), Math.min(chain.fps(), encode.fps()));
            double cpuBound = cores / (decode.cpuPerFrame() + chain.cpuPerFrame() + encode.cpuPerFrame());
            double bound = Math.min(slowest, cpuBound);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("case", CASE + " " + W + "x" + H);
            row.put("chain", String.join(">", Bench.CHAIN));
            row.put("frames", all.frames());
            row.put("fps", Math.round(all.fps() * 10) / 10.0);
            row.put("cpu_ms_per_frame", Math.round(all.cpuPerFrame() * 1e5) / 100.0);
            row.put("decode", decode.json());
            row.put("chain_alone", chain.json());
            row.put("encode", encode.json());
            row.put("slowest_part_fps", Math.round(slowest * 10) / 10.0);
            row.put("cpu_bound_fps", Math.round(cpuBound * 10) / 10.0);
            row.put("bound_fps", Math.round(bound * 10) / 10.0);
            row.put("ratio", Math.round(all.fps() / bound * 1000) / 1000.0);
            row.put("cores", cores);
            emit.accept(row);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    /** Encoding alone: pre-made distinct frames into an MP4 (the file the other parts read). */
    private Part encode(Path file, int frames) throws IOException {
        TestPattern pattern = new TestPattern(W, H);
        List<Frame> pool = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            pool.add(pattern.frame(i, engine.frames()));
        }
        FrameSink sink = media.openSink(file.toString());
        try {
            double cpu0 = cpuSeconds();
            long t0 = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                sink.accept(new TimedFrame(pool.get(i % pool.size()), i * 1_000_000L / 30), 30);
            }
            sink.close(); // the encoder's queue drained, the trailer written
            return new Part(frames, (System.nanoTime() - t0) / 1e9, cpuSeconds() - cpu0);
        } finally {
            pool.forEach(Frame::release);
        }
    }

    /** Decoding alone: every frame of the file read and let go. */
    private Part decode(Path file) throws IOException {
        try (FrameSource source = media.openSource(file.toString(), false)) {
            double cpu0 = cpuSeconds();
            long t0 = System.nanoTime();
            long n = 0;
            for (TimedFrame f = source.next(); f != null; f = source.next()) {
                f.frame().release();
                n++;
            }
            return new Part(n, (System.nanoTime() - t0) / 1e9, cpuSeconds() - cpu0);
        }
    }

    /** The chain alone, its stages where the engine places them, frames from a pool past the cache. */
    private Part chain(int frames) {
        TestPattern pattern = new TestPattern(W, H);
        List<Frame> pool = new ArrayList<>();
        for (int i = 0; i < FrameCopyBound.poolFrames(4L * W * H); i++) {
            pool.add(pattern.frame(i, engine.frames()));
        }
        ChainSpec spec = Bench.headline();
        try (Chain chain = engine.open(spec)) {
            for (int i = 0; i < 10; i++) { // warm up: kernels built, buffers made
                hostOutputs(chain.push(pool.get(i % pool.size())));
            }
            double cpu0 = cpuSeconds();
            long t0 = System.nanoTime();
            for (int i = 0; i < frames; i++) {
                hostOutputs(chain.push(pool.get(i % pool.size())));
            }
            return new Part(frames, (System.nanoTime() - t0) / 1e9, cpuSeconds() - cpu0);
        } finally {
            pool.forEach(Frame::release);
        }
    }

    /** The outputs read on the host, as an encoder does, then let go. */
    private static void hostOutputs(List<Frame> outputs) {
        int[] row = new int[W];
        for (Frame f : outputs) {
            f.readRows(H - 1, 1, row, 0); // a device frame's last row read back: its kernels have run
            f.release();
        }
    }

    /** The whole: file -> chain -> MP4, not real time, as {@code ./scope run --fast}. */
    private Part endToEnd(Path in, Path out) throws IOException, InterruptedException {
        ChainSpec spec = Bench.headline();
        FrameSource source = media.openSource(in.toString(), false);
        FrameSink sink = media.openSink(out.toString());
        double cpu0 = cpuSeconds();
        long t0 = System.nanoTime();
        try (Session session = engine.start(new SessionSpec(spec, source, List.of(sink), false, 0, 30, QUEUE,
                SessionClock.SYSTEM))) {
            if (!session.awaitDone(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the end-to-end run did not finish within 10 minutes");
            }
            long n = session.metrics().framesOut();
            session.close(); // the MP4 finished
            return new Part(n, (System.nanoTime() - t0) / 1e9, cpuSeconds() - cpu0);
        }
    }

    /** @return the process's CPU time (user + system) in seconds, from /proc/self/stat */
    static double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after the command: state is field 3, utime 14 and stime 15 (1-based in proc(5))
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    /** @return the table's line for a row */
    static String line(Map<String, Object> r) {
        return r.get("case") + " " + r.get("chain") + " file -> MP4 (" + r.get("frames") + " frames): " + r.get("fps")
                + " fps, " + r.get("ratio") + " of the bound " + r.get("bound_fps") + " fps (slowest part "
                + r.get("slowest_part_fps") + ", cores/CPU " + r.get("cpu_bound_fps") + "); decode " + r.get("decode")
                + ", chain " + r.get("chain_alone") + ", encode " + r.get("encode");
    }
}
