package dev.scope.ui.testing.internal;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.scope.schema.Json;
import dev.scope.ui.stream.StreamController;
import dev.scope.ui.stream.StreamStatus;
import dev.scope.ui.testing.UiBot;

import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/**
 * The product smoke scenario: waits for the main window, the stream's first output frame and the
 * preview's first painted frame,
 * screenshots the window ({@code workbench.png}), presses the usual shortcuts (F6 pause and resume,
 * F12 snapshot, Ctrl+5, Ctrl+4 and Ctrl+1 views, F5 stop and start) and checks what each did, runs the
 * optional {@link PluginSteps} (plugin installs through the Plugins view, a chain), writes
 * {@code report.json} (times from the JVM's start, the window's title and size, the tabs of its part
 * stacks, the status line, the keys), then quits with Ctrl+Q, posted as a real key press, so the workbench saves its layout as it does for a user. A
 * failure is written into the report as {@code "error"} and the workbench closed.
 */
final class SmokeScenario implements Runnable {

    private static final Duration BOUND = Duration.ofSeconds(90);

    private final Display display;
    private final IWorkbench workbench;
    private final StreamController controller;
    private final org.eclipse.e4.core.contexts.IEclipseContext context;
    private final Path out;
    private final Map<String, Object> report = new LinkedHashMap<>();

    SmokeScenario(Display display, IWorkbench workbench, StreamController controller,
            org.eclipse.e4.core.contexts.IEclipseContext context, Path out) {
        this.display = display;
        this.context = context;
        this.workbench = workbench;
        this.controller = controller;
        this.out = out.toAbsolutePath();
    }

    @Override
    public void run() {
        report.put("scenario", "smoke");
        try {
            drive(new UiBot(display));
        } catch (AssertionError | RuntimeException e) {
            fail(out, workbench, display, String.valueOf(e.getMessage()));
        }
    }

    private void drive(UiBot bot) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Shell shell = bot.onUi(() -> mainShell(display));
        bot.spinUntil(() -> shell.isVisible(), BOUND, "the main window to show");
        report.put("window_ms", System.currentTimeMillis() - jvmStart);
        bot.spinUntil(() -> controller.metrics().map(m -> m.framesOut() > 0).orElse(false), BOUND,
                "the stream's first output frame (state: " + controller.state().status() + ", error: "
                        + controller.state().error() + ")");
        long firstFrame = System.currentTimeMillis();
        report.put("first_frame_ms", firstFrame - jvmStart);
        report.put("first_frame_epoch_ms", firstFrame); // releng/bench-workbench measures from ./scope's start
        dev.scope.ui.preview.PreviewCanvas preview = bot.find(dev.scope.ui.preview.PreviewCanvas.class, "preview.canvas");
        bot.spinUntil(() -> preview.stats().framesPainted() > 0, BOUND, "the preview to paint its first frame");
        long painted = System.currentTimeMillis();
        report.put("first_painted_ms", painted - jvmStart);
        report.put("first_painted_epoch_ms", painted);
        Label stream = bot.find(Label.class, "status.stream");
        // two seconds of video painted, so the screenshot shows the plots and rates moving
        bot.spinUntil(() -> preview.stats().framesPainted() >= 60 && stream.getText().startsWith("Streaming")
                && !stream.getText().contains("| 0.0 fps"), BOUND, "the status line to say Streaming at a measured rate"
                + " and two seconds of preview");
        bot.screenshot(shell, out.resolve("workbench.png"));
        Label message = bot.find(Label.class, "status.message");
        bot.onUi(() -> describe(shell, stream, message));
        report.put("preview_painted", preview.stats().framesPainted());
        report.put("chain", chain(bot, shell));
        org.eclipse.swt.graphics.Point size = bot.onUi(shell::getSize);
        bot.moveTo(shell, size.x / 2, size.y / 2); // the pointer over the window: it gets the keys
        report.put("keys", keys(bot, message));
        new PluginSteps(bot, display, context, controller, out, report).run(shell);
        report.put("quit", "posted Ctrl+Q");
        write(out, report);
        bot.press(SWT.MOD1, 'q');
        try {
            bot.spinUntil(() -> display.isDisposed() || shell.isDisposed(), Duration.ofSeconds(30),
                    "Ctrl+Q to close the window");
        } catch (AssertionError e) {
            report.put("quit", "Ctrl+Q did not close the window; closed through IWorkbench");
            write(out, report);
            display.asyncExec(workbench::close);
        }
    }

    /** The usual shortcuts, pressed as a user presses them; each is checked by what it does. */
    private Map<String, Object> keys(UiBot bot, Label message) {
        Map<String, Object> keys = new LinkedHashMap<>();
        Duration bound = Duration.ofSeconds(30);
        bot.press(SWT.NONE, SWT.F6);
        bot.spinUntil(() -> controller.state().status() == StreamStatus.PAUSED, bound, "F6 to pause the stream");
        bot.press(SWT.NONE, SWT.F6);
        bot.spinUntil(() -> controller.state().status() == StreamStatus.STREAMING, bound, "F6 to resume the stream");
        keys.put("F6", "paused and resumed");
        bot.press(SWT.NONE, SWT.F12);
        String written = "Snapshot written to ";
        bot.spinUntil(() -> message.getText().startsWith(written), bound, "F12 to write a snapshot");
        Path snapshot = Path.of(bot.onUi(message::getText).substring(written.length()));
        if (!java.nio.file.Files.isRegularFile(snapshot)) {
            throw new AssertionError("F12 said it wrote " + snapshot + ", which is not there");
        }
        keys.put("F12", snapshot.toString());
        bot.press(SWT.MOD1, '5');
        bot.spinUntil(() -> focused("plugins.table"), bound, "Ctrl+5 to put the keyboard focus into the Plugins view");
        bot.press(SWT.MOD1, '4');
        bot.spinUntil(() -> focused("preview.input"), bound, "Ctrl+4 to put the keyboard focus into the Preview");
        bot.press(SWT.MOD1, '1');
        bot.spinUntil(() -> focused("chain.main"), bound, "Ctrl+1 to put the keyboard focus into the Pipeline view");
        keys.put("Ctrl+1 Ctrl+4 Ctrl+5", "the Pipeline view, the Preview and the Plugins view focused");
        bot.press(SWT.NONE, SWT.F5);
        bot.spinUntil(() -> controller.state().status() == StreamStatus.STOPPED, bound, "F5 to stop the stream");
        bot.press(SWT.NONE, SWT.F5);
        bot.spinUntil(() -> controller.state().status() == StreamStatus.STREAMING
                && controller.metrics().map(m -> m.framesOut() > 0).orElse(false), bound,
                "F5 to start the stream again");
        keys.put("F5", "stopped and started");
        return keys;
    }

    /**
     * The Pipeline view (Ctrl+1): adds the first preprocessor and the second postprocessor it offers
     * with real clicks and keys while streaming, waits until the stream runs them, and saves
     * {@code workbench-chain.png}.
     */
    private String chain(UiBot bot, Shell shell) {
        Duration bound = Duration.ofSeconds(30);
        bot.press(SWT.MOD1, '1');
        bot.spinUntil(() -> focused("chain.main"), bound, "Ctrl+1 to put the keyboard focus into the Pipeline view");
        int pre = controller.state().chain().pre().size();
        int post = controller.state().chain().post().size();
        bot.click(bot.find(org.eclipse.swt.widgets.Button.class, "chain.pre.add"));
        bot.spinUntil(() -> controller.state().chain().pre().size() == pre + 1, bound, "a preprocessor to be added");
        org.eclipse.swt.widgets.Combo choice = bot.find(org.eclipse.swt.widgets.Combo.class, "chain.post.choice");
        bot.onUi(choice::setFocus);
        bot.press(SWT.NONE, SWT.ARROW_DOWN);
        bot.click(bot.find(org.eclipse.swt.widgets.Button.class, "chain.post.add"));
        bot.spinUntil(() -> controller.state().chain().post().size() == post + 1
                && controller.stages().size() == pre + post + 3
                && controller.metrics().map(m -> m.framesOut() > 0).orElse(false), bound,
                "a postprocessor to be added and every stage to stream");
        org.eclipse.swt.widgets.Table table = bot.find(org.eclipse.swt.widgets.Table.class, "chain.post.table");
        bot.spinUntil(() -> table.getItemCount() == post + 1 && table.getItem(post).getText(1).startsWith("Running"),
                bound, "the Pipeline view to show the postprocessor running");
        bot.screenshot(shell, out.resolve("workbench-chain.png"));
        return controller.state().chain().stages().stream().map(s -> s.pipelineId()).toList().toString();
    }

    /** @return whether the keyboard focus is on the widget with this test id (on the UI thread) */
    private boolean focused(String testId) {
        return display.getFocusControl() != null && testId.equals(display.getFocusControl().getData(UiBot.TEST_ID));
    }

    static Shell mainShell(Display display) {
        for (Shell s : display.getShells()) {
            if ("Scope Workbench".equals(s.getText())) {
                return s;
            }
        }
        throw new AssertionError("no shell titled 'Scope Workbench'");
    }

    private Void describe(Shell shell, Label stream, Label message) {
        report.put("title", shell.getText());
        report.put("size", List.of(shell.getSize().x, shell.getSize().y));
        report.put("status_stream", stream.getText());
        report.put("status_message", message == null ? null : message.getText());
        List<List<String>> stacks = new ArrayList<>();
        tabs(shell, stacks);
        report.put("stacks", stacks);
        controller.metrics().ifPresent(m -> report.put("frames_out", m.framesOut()));
        return null;
    }

    private static void tabs(Control c, List<List<String>> stacks) {
        if (c instanceof CTabFolder folder && folder.isVisible()) {
            List<String> labels = new ArrayList<>();
            for (CTabItem item : folder.getItems()) {
                labels.add(item.getText());
            }
            stacks.add(labels);
        }
        if (c instanceof Composite parent) {
            for (Control child : parent.getChildren()) {
                tabs(child, stacks);
            }
        }
    }

    private static void write(Path out, Map<String, Object> report) {
        Json.writeAtomically(out.resolve("report.json"), report);
    }

    /**
     * A scenario that failed: its message into the report as {@code error}, a screenshot of the main
     * window as {@code failure.png} (or why there is none), the report written, the workbench closed.
     */
    static void failed(UiBot bot, Display display, IWorkbench workbench, Path out, Map<String, Object> report,
            Throwable e) {
        report.put("error", String.valueOf(e.getMessage()));
        try {
            bot.screenshot(bot.onUi(() -> mainShell(display)), out.resolve("failure.png"));
        } catch (AssertionError | RuntimeException closed) {
            report.put("failure_screenshot", String.valueOf(closed.getMessage()));
        }
        write(out, report);
        close(workbench, display);
    }

    /** Writes the failure into the report and closes the workbench. */
    static void fail(Path out, IWorkbench workbench, Display display, String error) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("scenario", "smoke");
        report.put("error", error);
        write(out.toAbsolutePath(), report);
        close(workbench, display);
    }

    /** Closes the workbench, unless it has closed by itself. */
    static void close(IWorkbench workbench, Display display) {
        try {
            display.asyncExec(workbench::close);
        } catch (org.eclipse.swt.SWTException alreadyClosed) {
            // the workbench has closed by itself
        }
    }
}
