package dev.scope.bench.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.Engine;
import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.Session;
import dev.scope.engine.api.SessionClock;
import dev.scope.engine.api.SessionMetrics;
import dev.scope.engine.api.SessionSpec;
import dev.scope.engine.api.StageSpec;
import dev.scope.engine.api.TimedFrame;
import dev.scope.media.MediaService;
import dev.scope.ui.preview.PreviewCanvas;
import dev.scope.ui.preview.PreviewLayout;
import dev.scope.ui.preview.PreviewStats;

/**
 * The preview case: a test pattern at 30 fps streams in real time through a built-in effect into
 * a {@link PreviewCanvas} filling a real shell of 1280x720 (the output alone, overlay on), on the
 * display this process has (Xvfb under {@code releng/bench} without one). It reports the painted
 * fps against the stream's rate, the UI thread's busy fraction (each second's, by the canvas) and
 * the frames the preview dropped. The first seconds are a warm-up and not counted.
 */
final class PreviewBench {

    static final String CASE = "preview ";
    static final List<int[]> SIZES = List.of(new int[] {1280, 720}, new int[] {1920, 1080});
    static final int RATE = 30;
    static final String EFFECT = "color-grade";

    private final Engine engine;
    private final MediaService media;
    private final double warmup;
    private final double measured;

    /** @param seconds the bench's seconds per case; the preview measures six times that, at least 5 s */
    PreviewBench(Engine engine, MediaService media, double seconds) {
        this.engine = engine;
        this.media = media;
        this.measured = Math.max(5, seconds * 6);
        this.warmup = Math.min(2, measured / 2);
    }

    /** Runs both sizes on this thread, which becomes the UI thread, and hands each result row to {@code emit}. */
    void run(Consumer<Map<String, Object>> emit) throws IOException, InterruptedException {
        Display display = new Display();
        try {
            for (int[] size : SIZES) {
                emit.accept(measure(display, size[0], size[1]));
            }
        } finally {
            display.dispose();
        }
    }

    private Map<String, Object> measure(Display display, int w, int h) throws IOException, InterruptedException {
        Shell shell = new Shell(display, SWT.SHELL_TRIM);
        shell.setText("Scope preview bench");
        shell.setLayout(new FillLayout());
        shell.setSize(1280, 720);
        PreviewCanvas canvas = new PreviewCanvas(shell, SWT.NONE);
        canvas.setLayoutMode(PreviewLayout.OUTPUT_ONLY);
        canvas.setStreamFps(RATE);
        shell.open();
        try (Session session = engine.start(spec(w, h, canvas))) {
            spin(display, session, warmup);
            Window window = new Window(canvas, session);
            long end = System.nanoTime() + (long) (measured * 1e9);
            while (System.nanoTime() < end && !session.isDone()) {
                spin(display, session, 1);
                window.second(canvas.stats());
            }
            return window.row(w, h, canvas, session.metrics());
        } finally {
            shell.dispose();
        }
    }

    private SessionSpec spec(int w, int h, PreviewCanvas canvas) throws IOException {
        StageSpec effect = new StageSpec(EFFECT, Bench.SETTINGS.get(EFFECT));
        ChainSpec chain = new ChainSpec(List.of(), effect, List.of(), "video", null, 0);
        FrameSink sink = new FrameSink() {
            @Override
            public String description() {
                return "preview canvas";
            }

            @Override
            public void accept(TimedFrame frame, double frameRate) {
                canvas.offerOutput(frame.frame().retain()); // the canvas owns and releases this handle
            }

            @Override
            public void close() {
                // the canvas lets its frames go when it is disposed
            }
        };
        return new SessionSpec(chain, media.openSource("testsrc:" + w + "x" + h + "@" + RATE, false), List.of(sink),
                true, 0, RATE, 4, SessionClock.SYSTEM);
    }

    /** Runs the event loop for this long (or until the session ends). */
    private static void spin(Display display, Session session, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        Runnable[] wake = new Runnable[1];
        wake[0] = () -> display.timerExec(50, wake[0]); // the loop looks at the clock at least every 50 ms
        display.timerExec(50, wake[0]);
        while (System.nanoTime() < end && !session.isDone()) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
        display.timerExec(-1, wake[0]);
    }

    /** What the measured window saw: counters at its start and each second's rates. */
    private final class Window {

        private final long start = System.nanoTime();
        private final PreviewStats first;
        private final long offered;
        private final SessionMetrics before;
        private final List<Double> busy = new ArrayList<>();
        private final List<Double> fps = new ArrayList<>();

        Window(PreviewCanvas canvas, Session session) {
            first = canvas.stats();
            offered = canvas.offeredOutputs();
            before = session.metrics();
        }

        void second(PreviewStats s) {
            busy.add(s.busyFraction());
            fps.add(s.paintedFps());
        }

        Map<String, Object> row(int w, int h, PreviewCanvas canvas, SessionMetrics after) {
            double seconds = (System.nanoTime() - start) / 1e9;
            PreviewStats last = canvas.stats();
            double streamFps = (canvas.offeredOutputs() - offered) / seconds;
            double paintedFps = (last.framesPainted() - first.framesPainted()) / seconds;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("case", CASE + w + "x" + h + "@" + RATE);
            row.put("size", w + "x" + h);
            row.put("effect", EFFECT + "=" + after.stages().get(0).path());
            row.put("canvas", canvas.getSize().x + "x" + canvas.getSize().y);
            row.put("writer", canvas.writerName());
            row.put("seconds", round(seconds, 1));
            row.put("stream_fps", round(streamFps, 2));
            row.put("painted_fps", round(paintedFps, 2));
            row.put("painted_fps_worst_second", round(fps.stream().mapToDouble(d -> d).min().orElse(0), 1));
            row.put("ui_busy_fraction", round(busy.stream().mapToDouble(d -> d).average().orElse(0), 3));
            row.put("ui_busy_fraction_worst_second", round(busy.stream().mapToDouble(d -> d).max().orElse(0), 3));
            row.put("preview_dropped", last.framesDropped() - first.framesDropped());
            row.put("stream_dropped", after.inputDropped() - before.inputDropped() + after.skipped() - before.skipped()
                    + after.outputDropped() - before.outputDropped());
            row.put("goal_within_1_fps", Math.abs(streamFps - paintedFps) <= 1);
            return row;
        }
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** @return the one-line summary of a result row, for the table */
    static String line(Map<String, Object> r) {
        return String.format("%s: painted %s fps of a %s fps stream (worst second %s), UI thread busy %s (worst second %s),"
                + " %s dropped by the preview, %s by the stream; %s, %s, canvas %s", r.get("case"), r.get("painted_fps"),
                r.get("stream_fps"), r.get("painted_fps_worst_second"), r.get("ui_busy_fraction"),
                r.get("ui_busy_fraction_worst_second"), r.get("preview_dropped"), r.get("stream_dropped"), r.get("effect"),
                r.get("writer"), r.get("canvas"));
    }
}
