package dev.scope.bench.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.scope.engine.api.Engine;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.media.MediaService;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The benchmark application {@code dev.scope.bench.app}, run by {@code releng/bench}:
 * {@code [--seconds S] [--quick] [--case TEXT]... [--out DIR]}. Prints one JSON line per case and a table, and
 * writes both to {@code DIR/bench-<host>-<time>.jsonl|.txt}.
 */
public final class BenchApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        try {
            return Integer.valueOf(run(context));
        } catch (Exception e) {
            System.err.println("bench: " + e);
            e.printStackTrace();
            return Integer.valueOf(1);
        }
    }

    private int run(IApplicationContext context) throws Exception {
        String[] raw = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        List<String> args = raw == null ? List.of() : List.of(raw);
        double seconds = 1.5;
        double soakSeconds = 600;
        Path outDir = Path.of("releng", "results");
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
                case "--quick" -> seconds = 0.3;
                case "--seconds" -> seconds = Double.parseDouble(value(args, ++i, "--seconds"));
                case "--out" -> outDir = Path.of(value(args, ++i, "--out"));
                case "--case" -> only.add(value(args, ++i, "--case"));
                case "--soak-seconds" -> soakSeconds = Double.parseDouble(value(args, ++i, "--soak-seconds"));
                default -> {
                    System.err.println("bench: unknown argument '" + args.get(i) + "'; expected --seconds S, --quick,"
                            + " --case TEXT (run only the cases whose name contains it; repeatable; --case soak runs the soak, which"
                            + " only that asks for), --soak-seconds S (600), --out DIR");
                    return 2;
                }
            }
        }
        context.applicationRunning();
        BundleContext bundles = FrameworkUtil.getBundle(BenchApplication.class).getBundleContext();
        PipelineRegistry registry = await(bundles, PipelineRegistry.class);
        Engine engine = await(bundles, Engine.class);
        MediaService media = awaitOptional(bundles, MediaService.class);
        String cpu = cpuName();
        List<Placement> placements = new ArrayList<>();
        placements.add(new Placement.Java(cpu));
        // the Gpu service is registered only when a device opens (the log says why not)
        dev.scope.gpu.api.Gpu gpu = awaitOptional(bundles, dev.scope.gpu.api.Gpu.class);
        if (gpu != null) {
            placements.add(new Placement.OpenCl(gpu, engine.frames(), true));
            placements.add(new Placement.OpenCl(gpu, engine.frames(), false));
        } else {
            System.err.println("bench: no OpenCL device (SCOPE_LOG=info says why): the Java path only");
        }
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("case", "machine");
        machine.put("host", InetAddress.getLocalHost().getHostName());
        machine.put("cpu", cpu);
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        machine.put("paths", placements.stream().map(p -> p.path() + "/" + p.transfers() + " on " + p.device()).toList());
        machine.put("seconds_per_case", seconds);
        System.out.println(dev.scope.schema.Json.write(machine));
        Bench bench = new Bench(registry, engine, placements, System.out, seconds, only);
        java.util.function.Supplier<FrameSource> latencySource = null;
        if (media == null) {
            System.err.println("bench: no MediaService (video support did not start): the latency case is skipped");
        } else {
            latencySource = () -> {
                try {
                    return media.openSource("testsrc:1920x1080@30", false);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            };
        }
        bench.run(latencySource);
        if (media != null && bench.selected(EndToEndBench.CASE)) {
            try {
                new EndToEndBench(engine, media, seconds).run(bench::emit);
            } catch (IOException | RuntimeException e) {
                System.out.println(EndToEndBench.CASE + ": failed: " + e.getMessage());
            }
        }
        if (media != null && only.stream().anyMatch(SoakBench.CASE::equals)) { // only when asked: it takes minutes
            new SoakBench(engine, media, soakSeconds).run(bench::emit);
        }
        if (media != null && bench.selected(SwapBench.CASE)) {
            swap(bundles, engine, media, bench);
        }
        if (media != null && bench.selected(PreviewBench.CASE)) {
            preview(engine, media, seconds, bench);
        }
        if (media != null && bench.selected(ServerBench.CASE)) {
            server(bundles, seconds, bench);
        }
        String stem = "bench-" + machine.get("host") + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        for (Path p : bench.write(outDir, stem, machine)) {
            System.err.println("bench: wrote " + p);
        }
        return 0;
    }

    /**
     * The preview case, when this product has SWT and the preview bundle (optional imports) and a
     * display can be opened; otherwise one line says why it is skipped.
     */
    private static void preview(Engine engine, MediaService media, double seconds, Bench bench) throws Exception {
        try {
            new PreviewBench(engine, media, seconds).run(bench::emit);
        } catch (NoClassDefFoundError e) {
            System.err.println("bench: the preview case is skipped: this product has no SWT or no dev.scope.ui.preview ("
                    + e.getMessage() + ")");
        } catch (Error e) { // by name: SWT's types may be absent here, so none is named in a catch clause
            if (!e.getClass().getName().startsWith("org.eclipse.swt.")) {
                throw e;
            }
            System.err.println("bench: the preview case is skipped: no display could be opened (" + e.getMessage()
                    + "); releng/bench runs it under xvfb-run when DISPLAY is unset");
        }
    }

    /**
     * The server case, when this product has the server bundle (an optional import): 10 s of load
     * (2 s with --quick).
     */
    private static void server(BundleContext bundles, double seconds, Bench bench) throws Exception {
        Object api;
        try {
            api = awaitOptional(bundles, dev.scope.server.ApiServer.class);
        } catch (NoClassDefFoundError e) {
            System.err.println("bench: the server case is skipped: this product has no dev.scope.server");
            return;
        }
        if (api == null) {
            System.err.println("bench: no ApiServer (dev.scope.server did not start): the server case is skipped");
            return;
        }
        try {
            new ServerBench((dev.scope.server.ApiServer) api, seconds < 1 ? 2 : 10).run(bench::emit);
        } catch (Exception e) {
            System.out.println(ServerBench.CASE + ": failed: " + e.getMessage());
        }
    }

    /** The swap case, when the plugin manager runs (it needs the invert example installed). */
    private static void swap(BundleContext bundles, Engine engine, MediaService media, Bench bench) throws Exception {
        dev.scope.engine.api.PluginManager plugins = awaitOptional(bundles, dev.scope.engine.api.PluginManager.class);
        if (plugins == null) {
            System.err.println("bench: no PluginManager (dev.scope.plugins did not start): the swap case is skipped");
            return;
        }
        try {
            new SwapBench(engine, plugins, System.out).run(media.openSource("testsrc:1280x720@30", false), bench::emit);
        } catch (IllegalStateException | dev.scope.engine.api.PluginException e) {
            System.out.println(SwapBench.CASE + ": failed: " + e.getMessage());
        }
    }

    private static String value(List<String> args, int i, String name) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return args.get(i);
    }

    static String cpuName() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // not Linux: fall through
        }
        return System.getProperty("os.arch");
    }

    private static <T> T awaitOptional(BundleContext context, Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        return tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
    }

    private static <T> T await(BundleContext context, Class<T> type) throws InterruptedException {
        T service = awaitOptional(context, type);
        if (service == null) {
            throw new IllegalStateException("the " + type.getSimpleName() + " service did not start within 10 s");
        }
        return service;
    }

    @Override
    public void stop() {
        // runs to completion
    }
}
