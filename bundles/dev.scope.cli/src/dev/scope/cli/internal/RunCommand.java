package dev.scope.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.scope.cli.internal.Args.UsageException;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.Session;
import dev.scope.engine.api.SessionClock;
import dev.scope.engine.api.SessionMetrics;
import dev.scope.engine.api.SessionSpec;
import dev.scope.engine.api.StageMetrics;
import dev.scope.engine.api.StageStatus;
import dev.scope.media.MediaService;
import dev.scope.schema.Json;

/**
 * {@code scope run}: streams an input through a chain into an output, in real time or as fast as
 * possible, with a progress line on a terminal and a final stats table (or JSON).
 */
final class RunCommand {

    private static final int QUEUE = 4;

    private final CliServices services;
    private final PrintStream out;
    private final PrintStream err;
    /** Stages whose failure was already reported. */
    private final Set<Integer> announced = new HashSet<>();

    RunCommand(CliServices services, PrintStream out, PrintStream err) {
        this.services = services;
        this.out = out;
        this.err = err;
    }

    int run(Args args) throws IOException {
        if (!args.positional().isEmpty()) {
            throw new UsageException("run takes no argument '" + args.positional().get(0) + "'");
        }
        double duration = number(args, "--duration", 0, Double.MIN_VALUE, SessionSpec.MAX_DURATION_SECONDS,
                "a number of seconds above 0, at most " + (long) SessionSpec.MAX_DURATION_SECONDS + " (a week)");
        double fps = number(args, "--fps", 30, SessionSpec.MIN_FRAME_RATE, SessionSpec.MAX_FRAME_RATE,
                "frames a second from " + SessionSpec.MIN_FRAME_RATE + " to " + (int) SessionSpec.MAX_FRAME_RATE);
        boolean fast = args.flag("--fast");
        String input = args.one("--input", null);
        String output = args.one("--output", null);
        ChainArgs chain = ChainArgs.parse(args, services.registry(), null, new int[] {512, 512});
        chain.warnVram(services, err);
        if (chain.textMode() && input != null) {
            throw new UsageException("'" + chain.spec().main().pipelineId() + "' generates video (text mode) and takes"
                    + " no --input");
        }
        if (!chain.textMode() && input == null) {
            throw new UsageException("'" + chain.spec().main().pipelineId() + "' needs --input FILE, testsrc:WxH@FPS"
                    + " or webcam");
        }
        if (fast && duration == 0 && chain.textMode()) {
            throw new UsageException("--fast in text mode needs --duration S (a generator never ends)");
        }
        MediaService media = services.media().get();
        FrameSource source = input == null ? null : media.openSource(input, args.flag("--loop"));
        if (fast && duration == 0 && source != null && source.endless()) {
            source.close();
            throw new UsageException("--fast with an endless input (" + source.description() + ") needs --duration S");
        }
        List<FrameSink> sinks = new ArrayList<>();
        try {
            if (output != null) {
                sinks.add(media.openSink(output));
            }
        } catch (IOException | RuntimeException e) {
            if (source != null) {
                source.close();
            }
            throw e;
        }
        SessionSpec spec = new SessionSpec(chain.spec(), source, sinks, !fast, duration, fps, QUEUE,
                SessionClock.SYSTEM);
        Session session;
        try {
            session = services.engine().start(spec);
        } catch (RuntimeException e) {
            if (source != null) {
                source.close();
            }
            for (FrameSink sink : sinks) {
                sink.close();
            }
            throw e;
        }
        Thread stopOnSignal = new Thread(session::close, "scope-run-shutdown");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try (session) {
            Progress progress = new Progress(err, "1".equals(System.getenv("SCOPE_TTY")), duration);
            while (!session.awaitDone(200, TimeUnit.MILLISECONDS)) {
                announceFailures(session.stages(), progress);
                announcePluginChanges(progress);
                progress.show(session.metrics());
            }
            announcePluginChanges(progress);
            progress.done();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnSignal);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it closes the session
            }
        }
        // the session has finished the output either way; a damaged input is refused unless accepted
        if (DamageCheck.refuse(source, args, err)) {
            return Cli.USAGE;
        }
        return report(input == null ? "(text mode)" : source.description(), output, chain.spec(), session,
                args.flag("--stats"));
    }

    /** The option's number, checked against its limits before anything starts. */
    private static double number(Args args, String name, double fallback, double min, double max, String expected) {
        String v = args.one(name, null);
        if (v == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(v.strip());
            if (d >= min && d <= max) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(name + " " + v + " is not valid; expected " + expected);
    }

    private int report(String input, String output, ChainSpec spec, Session session, boolean json) {
        SessionMetrics m = session.metrics();
        List<StageStatus> stages = session.stages();
        if (json) {
            out.println(Json.writePretty(statsJson(input, output, session, m, stages)));
        } else {
            Cli.Table table = new Cli.Table("STAGE", "PIPELINE", "STATE", "CALLS", "FRAMES", "SKIPPED", "P50 MS",
                    "P99 MS", "DEVICE P50 MS", "PATH");
            for (int i = 0; i < stages.size(); i++) {
                StageStatus s = stages.get(i);
                StageMetrics sm = m.stages().get(i);
                table.row(i + " " + s.role(), s.pipelineId(), s.state().name().toLowerCase(Locale.ROOT),
                        Long.toString(sm.calls()), Long.toString(sm.framesOut()), Long.toString(sm.skipped()),
                        ms(sm.p50Millis()), ms(sm.p99Millis()), ms(sm.deviceP50Millis()), sm.path());
            }
            table.print(out);
            out.printf(Locale.ROOT, "%d frames in (%d dropped at the input queue, %d skipped by sampling), %d out"
                    + " (%d dropped at the output queue); %.1f fps over %.2f s (source %.2f s); output %.3g fps;"
                    + " latency p50 %s ms, p99 %s ms%n", m.framesIn(), m.inputDropped(), m.skipped(), m.framesOut(),
                    m.outputDropped(), m.outputFps(), m.wallSeconds(), m.sourceSeconds(), m.outputFrameRate(),
                    ms(m.latencyP50Millis()), ms(m.latencyP99Millis()));
            if (output != null) {
                out.println("output: " + output);
            }
        }
        announceFailures(stages, null);
        boolean failed = stages.stream().anyMatch(s -> s.state() == StageStatus.State.FAILED);
        session.warnings().forEach(w -> err.println("scope: " + w));
        if (session.error().isPresent()) {
            err.println("scope: " + session.error().get());
            return Cli.FAILED;
        }
        return failed || !session.warnings().isEmpty() ? Cli.FAILED : Cli.OK;
    }

    private static Map<String, Object> statsJson(String input, String output, Session session, SessionMetrics m,
            List<StageStatus> stages) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("input", input);
        root.put("output", output);
        root.put("mode", session.mode());
        root.put("frames_in", m.framesIn());
        root.put("input_dropped", m.inputDropped());
        root.put("skipped", m.skipped());
        root.put("frames_out", m.framesOut());
        root.put("output_dropped", m.outputDropped());
        root.put("fps", round(m.outputFps()));
        root.put("output_frame_rate", round(m.outputFrameRate()));
        root.put("latency_p50_ms", round(m.latencyP50Millis()));
        root.put("latency_p99_ms", round(m.latencyP99Millis()));
        root.put("wall_seconds", round(m.wallSeconds()));
        root.put("source_seconds", round(m.sourceSeconds()));
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            StageStatus s = stages.get(i);
            StageMetrics sm = m.stages().get(i);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("index", i);
            row.put("role", s.role());
            row.put("pipeline", s.pipelineId());
            row.put("state", s.state().name().toLowerCase(Locale.ROOT));
            row.put("reason", s.reason());
            row.put("calls", sm.calls());
            row.put("frames_out", sm.framesOut());
            row.put("skipped", sm.skipped());
            row.put("p50_ms", round(sm.p50Millis()));
            row.put("p99_ms", round(sm.p99Millis()));
            row.put("device_p50_ms", round(sm.deviceP50Millis()));
            row.put("device_p99_ms", round(sm.deviceP99Millis()));
            row.put("path", sm.path());
            row.put("backend", s.backend());
            rows.add(row);
        }
        root.put("stages", rows);
        root.put("warnings", session.warnings());
        root.put("error", session.error().orElse(null));
        return root;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /**
     * Says once, as soon as it is seen, that a stage failed and is bypassed (the stream goes on):
     * a long run tells at once, and the end does not say it again.
     */
    private void announceFailures(List<StageStatus> stages, Progress progress) {
        for (StageStatus s : stages) {
            if (s.state() == StageStatus.State.FAILED && announced.add(s.index())) {
                if (progress != null) {
                    progress.clear();
                }
                err.println("scope: stage " + s.index() + " (" + s.pipelineId() + ") failed and was bypassed: "
                        + s.reason());
            }
        }
    }

    /**
     * Says what the plugin manager did while the stream ran, as it happens: a plugin updated in
     * another terminal (or rebuilt in a linked folder) swapped into this stream, values reset.
     */
    private void announcePluginChanges(Progress progress) {
        for (String notice : services.plugins().takeNotices()) {
            progress.clear();
            err.println("scope: " + notice);
        }
    }

    /** A one-line progress bar on stderr, redrawn in place, only on a terminal. */
    private static final class Progress {
        private final PrintStream err;
        private final boolean terminal;
        private final double duration;
        private boolean drawn;

        Progress(PrintStream err, boolean terminal, double duration) {
            this.err = err;
            this.terminal = terminal;
            this.duration = duration;
        }

        void show(SessionMetrics m) {
            if (!terminal) {
                return;
            }
            String bar = "";
            if (duration > 0) {
                int width = 30;
                int filled = (int) Math.min(width, Math.round(m.sourceSeconds() / duration * width));
                bar = "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] ";
            }
            err.printf(Locale.ROOT, "\r%s%.1f s  %d frames  %.1f fps  %d dropped ", bar, m.sourceSeconds(),
                    m.framesOut(), m.outputFps(), m.inputDropped() + m.skipped() + m.outputDropped());
            err.flush();
            drawn = true;
        }

        /** Takes the bar off its line, so that a message can be printed there. */
        void clear() {
            if (drawn) {
                err.print("\r\033[K");
                drawn = false;
            }
        }

        void done() {
            if (drawn) {
                err.println();
            }
        }
    }
}
