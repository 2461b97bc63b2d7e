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

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/**
 * The end-to-end scenario ({@code -Dscope.ui.driver=live}): the workbench as a user drives it, checked
 * by the pixels of the stream's frames.
 * <ol>
 * <li>Waits for the first painted preview frame.</li>
 * <li>Runs {@code passthrough > color-grade}, clicks color-grade's Brightness slider and moves it with
 * keys (End, Home, Page Down), real events on the widget; after each, the next output frames must
 * show exactly the value the slider sent, against the input frame each was made from.</li>
 * <li>Slider to screen: on {@code kaleidoscope > color-grade} (passthrough takes four frames a call),
 * presses End and Home on the Brightness slider {@value #SAMPLES} times and measures from each key
 * press to the first painted frame that shows the change (all white, all black), with its parts.</li>
 * <li>Installs the plugin JAR named by {@code -Dscope.ui.driver.plugin} through the Plugins view
 * (Ctrl+5, Ctrl+I, the file dialog answered) while the stream runs
 * (the invert example), picks it in the Pipeline view's main selector with the keyboard and moves its Intensity slider (Home: the
 * input unchanged; End: inverted), checked the same way; then uninstalls it through the Plugins
 * view while it runs: the stream goes on and its stage fails with the reason, passing the frames
 * through unchanged.</li>
 * </ol>
 * Writes {@code report.json} and screenshots, then quits with Ctrl+Q. A failure is written into the
 * report as {@code "error"} and the workbench closed.
 */
final class LiveScenario implements Runnable {

    /** The system property naming the plugin JAR to install while streaming. */
    static final String PLUGIN = "scope.ui.driver.plugin";
    /** The system property giving seconds to stream before the Performance view's screenshot. */
    static final String SETTLE = "scope.ui.driver.settle";
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
    private final IEclipseContext context;

    LiveScenario(Display display, IWorkbench workbench, StreamController controller, PluginManager plugins,
            PipelineRegistry registry, IEclipseContext context, Path out) {
        this.context = context;
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
            SmokeScenario.failed(bot, display, workbench, out, report, e);
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
        report.put("home", checkGrade(bot, t0, v -> v == -1.0, "Home on the slider"));
        t0 = System.nanoTime();
        bot.press(SWT.NONE, SWT.PAGE_DOWN); // GTK's Page Down on a horizontal scale: a page (0.2) up
        report.put("page_down", checkGrade(bot, t0, v -> v > -1.0, "Page Down on the slider"));
        bot.screenshot(shell, out.resolve("02-color-grade.png"));
        // passthrough takes its frames four at a time (Scope's input_size): the times run on a main
        // pipeline that takes one
        setChain(bot, "kaleidoscope", "color-grade");
        Scale grade = scale(bot, "1/brightness");
        Point gradeSize = bot.onUi(grade::getSize);
        bot.click(grade, gradeSize.x / 2, gradeSize.y / 2);
        report.put("slider_to_screen_chain", "kaleidoscope > color-grade");
        report.put("slider_to_screen_ms", sliderToScreen(bot, preview));
        write();

        String jar = System.getProperty(PLUGIN);
        if (jar != null && !jar.isBlank()) {
            setChain(bot, "passthrough"); // the plugin's pipeline then runs alone: its output against the input
            report.put("plugin", installWhileStreaming(bot, Path.of(jar)));
        }
        performance(bot, shell);
        report.put("frames_out", controller.metrics().map(m -> m.framesOut()).orElse(0L));
        report.put("quit", "posted Ctrl+Q");
        write();
        bot.press(SWT.MOD1, 'q');
        bot.spinUntil(() -> display.isDisposed() || shell.isDisposed(), Duration.ofSeconds(30),
                "Ctrl+Q to close the window");
    }

    /**
     * The Performance view maximized, after the run's chains: {@code 05-performance.png}; after
     * {@code -Dscope.ui.driver.settle=SECONDS} more of streaming when given (for a picture of a
     * longer stretch).
     */
    private void performance(UiBot bot, Shell shell) {
        Control plot = bot.find(Control.class, "performance.counts");
        long settle = Long.getLong(SETTLE, 0);
        if (settle > 0) {
            long until = controller.metrics().map(m -> m.framesOut()).orElse(0L) + Math.round(settle * 30.0);
            bot.spinUntil(() -> controller.metrics().map(m -> m.framesOut()).orElse(0L) >= until,
                    Duration.ofSeconds(settle * 3 + 30), settle + " s more of streaming");
        }
        bot.moveTo(shell, 2, 2); // no tooltip over the picture
        PluginSteps.maximize(bot, context, "dev.scope.ui.app.stack.performance", true);
        bot.spinUntil(() -> plot.getSize().x > shell.getSize().x / 2, STEP, "the Performance view to be maximized");
        bot.screenshot(shell, out.resolve("05-performance.png"));
        PluginSteps.maximize(bot, context, "dev.scope.ui.app.stack.performance", false);
        bot.spinUntil(() -> plot.getSize().x < shell.getSize().x / 2, STEP, "the Performance view to be restored");
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

    static <T extends Control> T find(Control c, Class<T> type) {
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
     * How many output frames after a change may still show the old value: those of the call
     * already under way (passthrough takes {@value #BATCH} frames a call, Scope's input_size) and
     * as many on their way to the screen.
     */
    static final int BATCH = 4;
    static final int LATE = 2 * BATCH;

    /**
     * Checks the output frames that arrived after a time: within the first {@value #LATE}, one
     * shows the expected result, and so do all those after it.
     */
    private Map<String, Object> checkFrames(UiBot bot, long since, IntUnaryOperator expected, String what,
            Map<String, Object> values) {
        int enough = LATE + 8;
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
        if (first < 0 || first >= LATE) {
            throw new AssertionError("no output frame among the first " + LATE + " after " + what + " shows it (best "
                    + pairs.stream().mapToDouble(p -> p.matching(expected, 2)).max().orElse(0) + ")");
        }
        Map<String, Object> r = new LinkedHashMap<>(values);
        r.put("frames_checked", pairs.size());
        r.put("frames_before_change", first);
        return r;
    }

    /**
     * Presses End and Home on the focused slider and times each to the painted frame showing it
     * (all white, all black), with the parts of that time: to the controller holding the value, to
     * the first output frame showing it, and to the paint.
     */
    private Map<String, Object> sliderToScreen(UiBot bot, PreviewCanvas preview) {
        AtomicLong armed = new AtomicLong(); // the key's time while waiting, 0 otherwise
        AtomicLong painted = new AtomicLong();
        AtomicLong held = new AtomicLong();
        double[] target = new double[1];
        int[] want = new int[1];
        Consumer<Painted> check = p -> {
            long t = armed.get();
            if (t != 0 && p.nanoTime() - t > 0 && uniform(preview.paintedImageData(), want[0])) {
                painted.set(p.nanoTime());
                armed.set(0);
            }
        };
        dev.scope.ui.stream.StreamListener onState = state -> {
            if (armed.get() != 0 && held.get() == 0 && value(1, "brightness") == target[0]) {
                held.set(System.nanoTime());
            }
        };
        bot.onUi(() -> {
            preview.addPaintedListener(check);
            return null;
        });
        controller.addListener(onState);
        List<Double> total = new ArrayList<>();
        List<Double> toValue = new ArrayList<>();
        List<Double> toFrame = new ArrayList<>();
        List<Double> toPaint = new ArrayList<>();
        try {
            for (int i = 0; i < SAMPLES; i++) {
                boolean up = i % 2 == 0;
                want[0] = up ? 255 : 0;
                target[0] = up ? 1.0 : -1.0;
                held.set(0);
                long t0 = System.nanoTime();
                armed.set(t0);
                bot.press(SWT.NONE, up ? SWT.END : SWT.HOME);
                bot.spinUntil(() -> armed.get() == 0, STEP, "the preview to show the slider's " + (up ? "End" : "Home"));
                long frame = tap.after(t0).stream().filter(pair -> pair.matching(x -> want[0], 2) >= 0.99)
                        .mapToLong(FrameTap.Pair::arrivedNanos).findFirst().orElse(painted.get());
                long value = held.get() == 0 ? frame : held.get();
                total.add((painted.get() - t0) / 1e6);
                toValue.add((value - t0) / 1e6);
                toFrame.add((frame - value) / 1e6);
                toPaint.add((painted.get() - frame) / 1e6);
            }
        } finally {
            controller.removeListener(onState);
            bot.onUi(() -> {
                preview.removePaintedListener(check);
                return null;
            });
        }
        Map<String, Object> r = new LinkedHashMap<>(percentiles(total));
        r.put("samples", total.size());
        r.put("key_to_value", percentiles(toValue));
        r.put("value_to_output_frame", percentiles(toFrame));
        r.put("output_frame_to_painted", percentiles(toPaint));
        return r;
    }

    private static Map<String, Object> percentiles(List<Double> ms) {
        List<Double> sorted = ms.stream().sorted().toList();
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("p50", Math.round(sorted.get(sorted.size() / 2) * 10) / 10.0);
        r.put("p99", Math.round(sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)) * 10)
                / 10.0);
        r.put("max", Math.round(sorted.get(sorted.size() - 1) * 10) / 10.0);
        return r;
    }

    /** @return whether 99% of a grid of the image's pixels are this grey level (within 2) */
    static boolean uniform(ImageData data, int level) {
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
        String said = new PluginSteps(bot, display, context, controller, out, report).installThroughView(jar.toString());
        var installed = plugins.list().stream().filter(p -> p.source() != null && Path.of(p.source()).getFileName().equals(jar.getFileName())).findFirst()
                .orElseThrow(() -> new AssertionError("the Plugins view did not install " + jar + ": " + said));
        bot.spinUntil(() -> registry.find("invert").isPresent(), STEP, "the invert pipeline to be listed");
        bot.spinUntil(() -> controller.metrics().map(m -> m.framesOut()).orElse(0L) > framesBefore + 5, STEP,
                "the stream to go on while the plugin installed");
        choose(bot, "invert");
        Scale intensity = scale(bot, "0/intensity");
        Point at = bot.onUi(intensity::getSize);
        bot.click(intensity, at.x / 2, at.y / 2); // the keys below go to it
        long t0 = System.nanoTime();
        bot.press(SWT.NONE, SWT.HOME);
        bot.spinUntil(() -> value(0, "intensity") == 0.0, STEP, "Home to set the intensity to 0");
        Map<String, Object> off = checkFrames(bot, t0, x -> x, "intensity 0", Map.of("intensity", 0.0));
        t0 = System.nanoTime();
        bot.press(SWT.NONE, SWT.END);
        bot.spinUntil(() -> value(0, "intensity") == 1.0, STEP, "End to set the intensity to 1");
        Map<String, Object> on = checkFrames(bot, t0, x -> 255 - x, "intensity 1", Map.of("intensity", 1.0));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("view_said", said);
        r.put("name", installed.name());
        r.put("version", installed.version());
        r.put("pipelines", installed.pipelines());
        r.put("intensity_0", off);
        r.put("intensity_1", on);
        bot.moveTo(bot.onUi(() -> SmokeScenario.mainShell(display)), 2, 2); // no tooltip over the picture
        bot.screenshot(bot.onUi(() -> SmokeScenario.mainShell(display)), out.resolve("03-invert-settings.png"));
        r.put("uninstalled", uninstallWhileStreaming(bot, installed.name()));
        return r;
    }

    /**
     * Uninstalls the plugin through the Plugins view while its pipeline runs (Ctrl+5, its row
     * clicked, Delete, Enter on the confirmation): the stream goes on, the stage fails with the
     * reason and its frames pass through unchanged.
     */
    private Map<String, Object> uninstallWhileStreaming(UiBot bot, String name) {
        Table table = bot.find(Table.class, "plugins.table");
        bot.press(SWT.MOD1, '5');
        org.eclipse.swt.graphics.Rectangle row = bot.onUi(() -> {
            for (TableItem item : table.getItems()) {
                if (item.getText(0).equals(name)) {
                    return item.getBounds(0);
                }
            }
            return null;
        });
        if (row == null) {
            throw new AssertionError("the Plugins view does not list " + name);
        }
        bot.click(table, row.x + 4, row.y + row.height / 2);
        bot.press(SWT.NONE, SWT.DEL);
        Control yes = bot.find(Control.class, "plugins.confirm.yes");
        bot.spinUntil(() -> yes.isVisible() && display.getFocusControl() == yes, STEP,
                "Delete to ask whether to uninstall " + name);
        bot.press(SWT.NONE, SWT.CR);
        bot.spinUntil(() -> plugins.list().stream().noneMatch(p -> p.name().equals(name)), STEP,
                "Enter to uninstall " + name);
        bot.spinUntil(() -> !controller.stages().isEmpty()
                && controller.stages().get(0).state() == dev.scope.engine.api.StageStatus.State.FAILED, STEP,
                "the running stage of " + name + " to fail");
        long t0 = System.nanoTime();
        Map<String, Object> r = checkFrames(bot, t0, x -> x, "uninstalling " + name, Map.of());
        bot.screenshot(bot.onUi(() -> SmokeScenario.mainShell(display)), out.resolve("04-uninstalled.png"));
        r.put("stage_reason", controller.stages().get(0).reason());
        return r;
    }

    /**
     * Picks a main pipeline in the Pipeline view as a user does with the keyboard: Ctrl+1 into the
     * view's main selector, then Down or Up until it is chosen (each step loads that pipeline).
     */
    private void choose(UiBot bot, String pipelineId) {
        Combo main = bot.find(Combo.class, "chain.main");
        bot.spinUntil(() -> index(main, pipelineId) >= 0, STEP, "the Pipeline view to offer " + pipelineId);
        bot.press(SWT.MOD1, '1');
        bot.spinUntil(() -> display.getFocusControl() == main, STEP, "Ctrl+1 to focus the main pipeline selector");
        int steps = bot.onUi(() -> index(main, pipelineId) - main.getSelectionIndex());
        for (int i = 0; i < Math.abs(steps); i++) {
            bot.press(SWT.NONE, steps > 0 ? SWT.ARROW_DOWN : SWT.ARROW_UP);
        }
        bot.spinUntil(() -> pipelineId.equals(controller.state().chain().main().pipelineId())
                && controller.stages().size() == 1 && controller.metrics().map(m -> m.framesOut() > 0).orElse(false),
                STEP, pipelineId + " to stream as the main pipeline");
    }

    /** @return the index of the selector's item for a pipeline id (items read "Name (id)"), or -1 */
    private static int index(Combo combo, String pipelineId) {
        String[] items = combo.getItems();
        for (int i = 0; i < items.length; i++) {
            if (items[i].contains("(" + pipelineId + ")")) {
                return i;
            }
        }
        return -1;
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
