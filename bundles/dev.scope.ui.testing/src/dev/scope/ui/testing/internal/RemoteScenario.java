package dev.scope.ui.testing.internal;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.StageSpec;
import dev.scope.schema.Json;
import dev.scope.ui.preview.PreviewCanvas;
import dev.scope.ui.stream.RemoteMode;
import dev.scope.ui.stream.RemoteStatus;
import dev.scope.ui.stream.StreamController;
import dev.scope.ui.testing.UiBot;

import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * The remote-mode scenario ({@code -Dscope.ui.driver=remote -Dscope.ui.driver.remote=URL}): the
 * workbench connects to a running {@code ./scope serve} through File > Connect to Server (Ctrl+Shift+K,
 * the address typed, Enter), runs {@code passthrough > color-grade} there, moves color-grade's
 * Brightness slider with End and Home (real key events on the Settings view's widget), and checks
 * both ends: the server's own {@code GET /api/v1/session/parameters} has the value, and the painted
 * preview (the server's JPEGs) turns all white, then all black. Then the Plugins view (Ctrl+5)
 * lists the server's plugins with only the operations its API offers. Screenshots of each step,
 * {@code report.json}, and Ctrl+Q.
 */
final class RemoteScenario implements Runnable {

    /** The system property naming the server. */
    static final String SERVER = "scope.ui.driver.remote";
    /** The system property giving the server's process id, which the scenario then stops (SIGTERM) at its end. */
    static final String SERVER_PID = "scope.ui.driver.remote.pid";
    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final Duration STEP = Duration.ofSeconds(30);

    private final Display display;
    private final IWorkbench workbench;
    private final StreamController controller;
    private final RemoteMode remote;
    private final Path out;
    private final Map<String, Object> report = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();

    RemoteScenario(Display display, IWorkbench workbench, StreamController controller, RemoteMode remote, Path out) {
        this.display = display;
        this.workbench = workbench;
        this.controller = controller;
        this.remote = remote;
        this.out = out.toAbsolutePath();
    }

    @Override
    public void run() {
        report.put("scenario", "remote");
        UiBot bot = new UiBot(display);
        try {
            drive(bot);
        } catch (AssertionError | RuntimeException e) {
            SmokeScenario.failed(bot, display, workbench, out, report, e);
        }
    }

    private void drive(UiBot bot) {
        String server = System.getProperty(SERVER, "");
        if (server.isBlank()) {
            throw new AssertionError("no server: give -D" + SERVER + "=http://HOST:PORT");
        }
        Shell shell = bot.onUi(() -> SmokeScenario.mainShell(display));
        bot.spinUntil(shell::isVisible, BOUND, "the main window to show");
        PreviewCanvas preview = bot.find(PreviewCanvas.class, "preview.canvas");
        bot.spinUntil(() -> preview.stats().framesPainted() > 0, BOUND, "the preview to paint its first frame");

        bot.press(SWT.MOD1 | SWT.SHIFT, 'k');
        Text address = bot.find(Text.class, "remote.server");
        bot.click(address);
        bot.press(SWT.MOD1, 'a');
        bot.type(server);
        bot.screenshot(bot.onUi(address::getShell), out.resolve("01-connect-dialog.png"));
        bot.press(SWT.NONE, SWT.CR);
        bot.spinUntil(() -> remote.status().state() == RemoteStatus.State.CONNECTED, BOUND,
                () -> "the workbench to connect to " + server + " (now " + remote.status().describe() + ")");
        Label where = bot.find(Label.class, "status.remote");
        bot.spinUntil(() -> where.getText().startsWith("Remote "), STEP, "the status line to say where the stream runs");
        report.put("status_remote", bot.onUi(where::getText));
        shownWhole(bot, where);

        try {
            controller.setChain(ChainSpec.of(List.of(), StageSpec.of("passthrough"), List.of(StageSpec.of("color-grade")),
                    null));
        } catch (java.io.IOException e) {
            throw new AssertionError("the chain did not start on the server: " + e.getMessage());
        }
        bot.spinUntil(() -> controller.state().running() && controller.metrics().map(m -> m.framesOut() > 0)
                .orElse(false), STEP, "the chain to stream on the server");
        Composite field = bot.find(Composite.class, "1/brightness");
        Scale brightness = bot.onUi(() -> LiveScenario.find(field, Scale.class));
        if (brightness == null) {
            throw new AssertionError("the Settings view's brightness field has no slider");
        }
        Point size = bot.onUi(brightness::getSize);
        bot.click(brightness, size.x / 2, size.y / 2);
        bot.press(SWT.NONE, SWT.END);
        report.put("end", check(bot, preview, 1.0, 255, "End on the slider"));
        bot.screenshot(shell, out.resolve("02-remote-end.png"));
        bot.press(SWT.NONE, SWT.HOME);
        report.put("home", check(bot, preview, -1.0, 0, "Home on the slider"));
        bot.screenshot(shell, out.resolve("03-remote-home.png"));

        bot.press(SWT.MOD1, '5');
        List<String> wanted = remote.status().pluginInstall() ? List.of("install", "reload", "uninstall") : List.of();
        bot.spinUntil(() -> operations(bot).equals(wanted), STEP, () -> "the Plugins view to offer only " + wanted
                + ", what the server's API and capabilities allow (it offers " + operations(bot) + ")");
        report.put("plugin_operations", operations(bot));
        bot.screenshot(shell, out.resolve("04-remote-plugins.png"));
        Long pid = Long.getLong(SERVER_PID);
        if (pid != null) {
            lose(bot, shell, where, pid);
        }
        report.put("quit", "posted Ctrl+Q");
        write();
        bot.onUi(() -> {
            shell.forceActive(); // the keyboard back to the main window: under Xvfb no window manager gives it back
            return null;
        });
        bot.click(bot.find(Composite.class, "1/brightness"));
        bot.press(SWT.MOD1, 'q');
        bot.spinUntil(() -> display.isDisposed() || shell.isDisposed(), Duration.ofSeconds(30),
                "Ctrl+Q to close the window");
    }

    /**
     * The status line shows the label whole, inside the window, once the event loop has caught up
     * (two passes, no waiting for time): a label that grew ("... lost, reconnecting") was cut off at
     * the window's edge while the status line kept the width it had been laid out with.
     */
    private static void shownWhole(UiBot bot, Label label) {
        bot.spin();
        bot.spin();
        String problem = bot.onUi(() -> whole(label) ? null : "the status line cut '" + label.getText() + "' off (it"
                + " has " + label.getSize().x + " of the " + label.computeSize(SWT.DEFAULT, SWT.DEFAULT).x + " pixels it"
                + " needs, from x " + label.getShell().toControl(label.toDisplay(0, 0)).x + " in a window "
                + label.getShell().getClientArea().width + " wide)");
        if (problem != null) {
            throw new AssertionError(problem);
        }
    }

    private static boolean whole(Label label) {
        int needs = label.computeSize(SWT.DEFAULT, SWT.DEFAULT).x;
        int left = label.getShell().toControl(label.toDisplay(0, 0)).x;
        return label.isVisible() && label.getSize().x >= needs && left + needs <= label.getShell().getClientArea().width;
    }

    /**
     * The server goes away: the status line must say so and that it reconnects; then Disconnect in
     * the dialog (Ctrl+Shift+K, Alt+D) brings the stream home, streaming here again.
     */
    private void lose(UiBot bot, Shell shell, Label where, long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        bot.spinUntil(() -> where.getText().contains("reconnecting"), STEP, () -> "the status line to say the server"
                + " was lost (it says " + where.getText() + ")");
        report.put("status_lost", bot.onUi(where::getText));
        shownWhole(bot, where);
        report.put("status_lost_why", bot.onUi(where::getToolTipText));
        bot.screenshot(shell, out.resolve("05-remote-lost.png"));
        bot.press(SWT.MOD1 | SWT.SHIFT, 'k');
        bot.find(Text.class, "remote.server");
        bot.press(SWT.ALT, 'd');
        bot.spinUntil(() -> remote.status().state() == RemoteStatus.State.LOCAL && controller.state().running()
                && controller.metrics().map(m -> m.framesOut() > 0).orElse(false), BOUND,
                "Disconnect to bring the stream home, streaming here");
        bot.spinUntil(() -> where.getText().equals("Local"), STEP, "the status line to say Local");
        report.put("status_home", bot.onUi(where::getText));
        bot.screenshot(shell, out.resolve("06-home-again.png"));
    }

    /** @return the operations the Plugins view's tool bar offers now, by their test ids' last part */
    private static List<String> operations(UiBot bot) {
        return bot.findNow(org.eclipse.swt.widgets.ToolBar.class, "plugins.toolbar").map(bar -> bot.onUi(() -> {
            List<String> ids = new java.util.ArrayList<>();
            for (org.eclipse.swt.widgets.ToolItem item : bar.getItems()) {
                if (item.getData("test.id") instanceof String id) {
                    ids.add(id.substring("plugins.".length()));
                }
            }
            return ids;
        })).orElse(List.of("(no tool bar)"));
    }

    /** Waits until the server holds the value and the painted preview shows it; @return what was seen. */
    private Map<String, Object> check(UiBot bot, PreviewCanvas preview, double value, int level, String what) {
        bot.spinUntil(() -> serverBrightness() == value, STEP, () -> what + " to reach the server (it has "
                + serverBrightness() + ")");
        bot.spinUntil(() -> LiveScenario.uniform(preview.paintedImageData(), level), STEP, what
                + " to show in the server's preview frames");
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("server_brightness", value);
        r.put("painted_level", level);
        return r;
    }

    /** @return color-grade's brightness as the server's session has it, NaN when it cannot say */
    private double serverBrightness() {
        try {
            URI base = URI.create(System.getProperty(SERVER).strip());
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/session/parameters"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200 || !(Json.read(r.body()) instanceof Map<?, ?> body)
                    || !(body.get("stages") instanceof List<?> stages) || stages.size() < 2
                    || !(stages.get(1) instanceof Map<?, ?> stage) || !(stage.get("parameters") instanceof Map<?, ?> p)
                    || !(p.get("brightness") instanceof Number n)) {
                return Double.NaN;
            }
            return n.doubleValue();
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    private void write() {
        Json.writeAtomically(out.resolve("report.json"), report);
    }
}
