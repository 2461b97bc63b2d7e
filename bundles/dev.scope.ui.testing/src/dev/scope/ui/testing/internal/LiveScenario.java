package dev.scope.ui.testing.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;
import dev.scope.engine.api.StageSpec;
import dev.scope.schema.Json;
import dev.scope.ui.preview.Painted;
import dev.scope.ui.preview.PreviewCanvas;
import dev.scope.ui.stream.StreamController;
import dev.scope.ui.testing.UiBot;

import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Shell;

/**
 * The end-to-end scenario ({@code -Dscope.ui.driver=live}): the workbench as a user drives it, checked
 * by the pixels of the stream's frames.
 * <ol>
 * <li>Waits for the first painted preview frame.</li>
 * <li>Runs {@code passthrough > color-grade}, clicks color-grade's Brightness slider and moves it with
 * keys (End; Home and Page Up), real events on the widget; after each, the next output frames must
 * show exactly the value the slider sent, against the input frame each was made from.</li>
 * <li>Slider to screen: presses End and Home on the slider {@value #SAMPLES} times and measures from
 * each key press to the first painted frame that shows the change (all white, all black).</li>
 * <li>Installs the plugin JAR named by {@code -Dscope.ui.driver.plugin} while the stream runs
 * (the invert example), runs it as the main pipeline and moves its Intensity slider (Home: the
 * input unchanged; End: inverted), checked the same way.</li>
 * </ol>
 * Writes {@code report.json} and screenshots, then quits with Ctrl+Q. A failure is written into the
 * report as {@code "error"} and the workbench closed.
 */
final class LiveScenario implements Runnable {

    /** The system property naming the plugin JAR to install while streaming. */
    static final String PLUGIN = "scope.ui.driver.plugin";
    static final int SAMPLES = 40;
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final Duration STEP = Duration.ofSeconds(20);

    private final Display display;
    private final IWorkbench workbench;
    private final StreamController controller;
    private final PluginManager plugins;
    private final PipelineRegistry registry;
    private final Path out;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final FrameTap tap = new FrameTap();

    LiveScenario(Display display, IWorkbench workbench, StreamController controller, PluginManager plugins,
            PipelineRegistry registry, Path out) {
        this.display = display;
        this.workbench = workbench;
        this.controller = controller;
        this.plugins = plugins;
        this.registry = registry;
        this.out = out.toAbsolutePath();
    }

    @Override
    public void run() {
        report.put("scenario", "live");
        UiBot bot = new UiBot(display);
        try {
            drive(bot);
        } catch (AssertionError | RuntimeException e) {
            report.put("error", String.valueOf(e.getMessage()));
            try {
                bot.screenshot(bot.onUi(() -> SmokeScenario.mainShell(display)), out.resolve("failure.png"));
            } catch (AssertionError | RuntimeException closed) {
                report.put("failure_screenshot", String.valueOf(closed.getMessage()));
            }
            write();
            SmokeScenario.close(workbench, display);
        } finally {
            controller.removeFrameListener(tap);
        }
    }

    private void drive(UiBot bot) throws AssertionError {
        Shell shell = bot.onUi(() -> SmokeScenario.mainShell(display));
        bot.spinUntil(shell::isVisible, BOUND, "the main window to show");
        PreviewCanvas preview = bot.find(PreviewCanvas.class, "preview.canvas");
        bot.spinUntil(() -> preview.stats().framesPainted() > 0, BOUND, "the preview to paint its first frame");
        bot.screenshot(shell, out.resolve("01-first-frame.png"));
        controller.addFrameListener(tap);

        setChain(bot, "passthrough", "color-grade");
        Scale brightness = scale(bot, "1/brightness");
        Point size = bot.onUi(brightness::getSize);
        long t0 = System.nanoTime();
        // a click gives the slider the keyboard focus (a drag of its knob posted through XTest does not
        // move a GTK 3 scale under Xvfb; the keys do, as they do for a user)
        bot.click(brightness, size.x / 2, size.y / 2);
        bot.press(SWT.NONE, SWT.END);
        report.put("end", checkGrade(bot, t0, v -> v == 1.0, "End on the slider"));
        t0 = System.nanoTime();
        bot.press(SWT.NONE, SWT.HOME);
        bot.press(SWT.NONE, SWT.PAGE_UP);
        report.put("home_page_up", checkGrade(bot, t0, v -> v < -0.5, "Home and Page Up on the slider"));
        bot.screenshot(shell, out.resolve("02-color-grade.png"));
        report.put("slider_to_screen_ms", sliderToScreen(bot, preview));
        write();

        String jar = System.getProperty(PLUGIN);
        if (jar != null && !jar.isBlank()) {
            report.put("plugin", installWhileStreaming(bot, Path.of(jar)));
            bot.screenshot(shell, out.resolve("03-invert-settings.png"));
        }
        report.put("frames_out", controller.metrics().map(m -> m.framesOut()).orElse(0L));
        report.put("quit", "posted Ctrl+Q");
        write();
        bot.press(SWT.MOD1, 'q');
        bot.spinUntil(() -> display.isDisposed() || shell.isDisposed(), Duration.ofSeconds(30),
                "Ctrl+Q to close the window");
    }

    /** Sets the chain (the scenario's setting-up, not what it checks) and waits for its settings. */
    private void setChain(UiBot bot, String main, String... post) {
        List<StageSpec> posts = new ArrayList<>();
        for (String p : post) {
            posts.add(StageSpec.of(p));
        }
        try {
            controller.setChain(ChainSpec.of(List.of(), StageSpec.of(main), posts, null));
        } catch (java.io.IOException e) {
            throw new AssertionError("the chain " + main + " > " + String.join(" > ", post) + " did not start: "
                    + e.getMessage());
        }
        bot.spinUntil(() -> controller.stages().size() == 1 + post.length
                && controller.metrics().map(m -> m.framesOut() > 0).orElse(false), STEP, "the chain to stream");
    }

    /** @return the slider of a field of the Settings view, by its form id ({@code <stage>/<key>}) */
    private static Scale scale(UiBot bot, String fieldId) {
        Composite field = bot.find(Composite.class, fieldId);
        Scale scale = bot.onUi(() -> find(field, Scale.class));
        if (scale == null) {
            throw new AssertionError("the field " + fieldId + " has no slider");
        }
        return scale;
    }

    private static <T extends Control> T find(Control c, Class<T> type) {
        if (type.isInstance(c)) {
            return type.cast(c);
        }
        if (c instanceof Composite parent) {
            for (Control child : parent.getChildren()) {
                T found = find(child, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Waits for color-grade's brightness to change as wanted, then checks the frames made since. */
    private Map<String, Object> checkGrade(UiBot bot, long since, java.util.function.DoublePredicate wanted,
            String what) {
        bot.spinUntil(() -> wanted.test(value(1, "brightness")), STEP, what + " to change the brightness ("
                + value(1, "brightness") + " now)");
        double b = value(1, "brightness");
        return checkFrames(bot, since, x -> clamp(Math.round(x + 255 * b)), "brightness " + b, Map.of("brightness", b));
    }

    /**
     * Checks the output frames that arrived after a time: within the first three, one shows the
     * expected result, and so do all those after it.
     */
    private Map<String, Object> checkFrames(UiBot bot, long since, IntUnaryOperator expected, String what,
            Map<String, Object> values) {
        int enough = 12;
        bot.spinUntil(() -> tap.after(since).size() >= enough, STEP, enough + " output frames after " + what);
        List<FrameTap.Pair> pairs = tap.after(since);
        int first = -1;
        for (int i = 0; i < pairs.size(); i++) {
            double m = pairs.get(i).matching(expected, 2);
            if (first < 0 && m >= 0.99) {
                first = i;
            } else if (first >= 0 && m < 0.99) {
                throw new AssertionError("output frame " + i + " after " + what + " matches only " + m
                        + " of its sampled channels, after frame " + first + " matched");
            }
        }
        if (first < 0 || first > 3) {
            throw new AssertionError("no output frame among the first four after " + what + " shows it (best "
                    + pairs.stream().mapToDouble(p -> p.matching(expected, 2)).max().orElse(0) + ")");
        }
        Map<String, Object> r = new LinkedHashMap<>(values);
        r.put("frames_checked", pairs.size());
        r.put("frames_before_change", first);
        return r;
    }

    /** Presses End and Home on the focused slider and times each to the painted frame showing it. */
    private Map<String, Object> sliderToScreen(UiBot bot, PreviewCanvas preview) {
        AtomicLong armed = new AtomicLong(); // the key's time while waiting, 0 otherwise
        AtomicLong latency = new AtomicLong();
        int[] want = new int[1];
        Consumer<Painted> check = p -> {
            long t = armed.get();
            if (t != 0 && p.nanoTime() - t > 0 && uniform(preview.paintedImageData(), want[0])) {
                latency.set(p.nanoTime() - t);
                armed.set(0);
            }
        };
        bot.onUi(() -> {
            preview.addPaintedListener(check);
            return null;
        });
        List<Double> ms = new ArrayList<>();
        try {
            for (int i = 0; i < SAMPLES; i++) {
                boolean up = i % 2 == 0;
                want[0] = up ? 255 : 0;
                latency.set(0);
                armed.set(System.nanoTime());
                bot.press(SWT.NONE, up ? SWT.END : SWT.HOME);
                bot.spinUntil(() -> armed.get() == 0, STEP, "the preview to show the slider's " + (up ? "End" : "Home"));
                ms.add(latency.get() / 1e6);
            }
        } finally {
            bot.onUi(() -> {
                preview.removePaintedListener(check);
                return null;
            });
        }
        List<Double> sorted = ms.stream().sorted().toList();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("samples", sorted.size());
        r.put("p50", sorted.get(sorted.size() / 2));
        r.put("p99", sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)));
        r.put("max", sorted.get(sorted.size() - 1));
        return r;
    }

    /** @return whether 99% of a grid of the image's pixels are this grey level (within 2) */
    private static boolean uniform(ImageData data, int level) {
        if (data == null) {
            return false;
        }
        int ok = 0;
        int n = 0;
        for (int y = data.height / 20; y < data.height; y += Math.max(1, data.height / 10)) {
            for (int x = data.width / 40; x < data.width; x += Math.max(1, data.width / 20)) {
                RGB rgb = data.palette.getRGB(data.getPixel(x, y));
                n++;
                if (Math.abs(rgb.red - level) <= 2 && Math.abs(rgb.green - level) <= 2 && Math.abs(rgb.blue - level) <= 2) {
                    ok++;
                }
            }
        }
        return ok >= 0.99 * n;
    }

    /** Installs a plugin while streaming, runs its pipeline and moves its first slider both ways. */
    private Map<String, Object> installWhileStreaming(UiBot bot, Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError("the plugin JAR " + jar + " is not there");
        }
        long framesBefore = controller.metrics().map(m -> m.framesOut()).orElse(0L);
        var installed = plugins.install(jar);
        bot.spinUntil(() -> registry.find("invert").isPresent(), STEP, "the invert pipeline to be listed");
        bot.spinUntil(() -> controller.metrics().map(m -> m.framesOut()).orElse(0L) > framesBefore + 5, STEP,
                "the stream to go on while the plugin installed");
        setChain(bot, "invert");
        Scale intensity = scale(bot, "0/intensity");
        bot.onUi(() -> intensity.setFocus()); // the keys below go to it
        long t0 = System.nanoTime();
        bot.press(SWT.NONE, SWT.HOME);
        bot.spinUntil(() -> value(0, "intensity") == 0.0, STEP, "Home to set the intensity to 0");
        Map<String, Object> off = checkFrames(bot, t0, x -> x, "intensity 0", Map.of("intensity", 0.0));
        t0 = System.nanoTime();
        bot.press(SWT.NONE, SWT.END);
        bot.spinUntil(() -> value(0, "intensity") == 1.0, STEP, "End to set the intensity to 1");
        Map<String, Object> on = checkFrames(bot, t0, x -> 255 - x, "intensity 1", Map.of("intensity", 1.0));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", installed.name());
        r.put("version", installed.version());
        r.put("pipelines", installed.pipelines());
        r.put("intensity_0", off);
        r.put("intensity_1", on);
        return r;
    }

    /** @return a stage's value as the controller holds it (what the view sent), NaN when unset */
    private double value(int stage, String key) {
        ChainSpec chain = controller.state().chain();
        Object v = chain == null || stage >= chain.stages().size() ? null : chain.stages().get(stage).params().get(key);
        return v instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    private static int clamp(long v) {
        return (int) Math.max(0, Math.min(255, v));
    }

    private void write() {
        Json.writeAtomically(out.resolve("report.json"), report);
    }
}
