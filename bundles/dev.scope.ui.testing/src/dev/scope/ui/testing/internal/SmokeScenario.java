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
 * The product smoke scenario: waits for the main window and the stream's first output frame,
 * screenshots the window ({@code workbench.png}), writes {@code report.json} (times from the JVM's
 * start, the window's title and size, the tabs of its part stacks, the status line), then quits with
 * Ctrl+Q, posted as a real key press, so the workbench saves its layout as it does for a user. A
 * failure is written into the report as {@code "error"} and the workbench closed.
 */
final class SmokeScenario implements Runnable {

    private static final Duration BOUND = Duration.ofSeconds(90);

    private final Display display;
    private final IWorkbench workbench;
    private final StreamController controller;
    private final Path out;
    private final Map<String, Object> report = new LinkedHashMap<>();

    SmokeScenario(Display display, IWorkbench workbench, StreamController controller, Path out) {
        this.display = display;
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
        report.put("first_frame_ms", System.currentTimeMillis() - jvmStart);
        Label stream = bot.find(Label.class, "status.stream");
        bot.spinUntil(() -> stream.getText().startsWith("Streaming") && !stream.getText().contains("| 0.0 fps"), BOUND,
                "the status line to say Streaming at a measured rate");
        bot.screenshot(shell, out.resolve("workbench.png"));
        bot.onUi(() -> describe(shell, stream, bot.findNow(Label.class, "status.message").orElse(null)));
        report.put("quit", "posted Ctrl+Q");
        write(out, report);
        org.eclipse.swt.graphics.Point size = bot.onUi(shell::getSize);
        bot.moveTo(shell, size.x / 2, size.y / 2);
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

    private static Shell mainShell(Display display) {
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

    /** Writes the failure into the report and closes the workbench. */
    static void fail(Path out, IWorkbench workbench, Display display, String error) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("scenario", "smoke");
        report.put("error", error);
        write(out.toAbsolutePath(), report);
        try {
            display.asyncExec(workbench::close);
        } catch (org.eclipse.swt.SWTException alreadyClosed) {
            // the workbench has closed by itself
        }
    }
}
