package dev.scope.ui.testing.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.StageSpec;
import dev.scope.ui.stream.StreamController;
import dev.scope.ui.testing.UiBot;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/**
 * The smoke scenario's optional plugin steps, each asked for by a system property:
 * {@value #INSTALL} (JARs, comma-separated) installs each through the Plugins view (Ctrl+5, then
 * Ctrl+I, the view's file chooser replaced through the context key {@value #CHOOSER}), waits for
 * the view's outcome, selects a failed row if there is one and screenshots the view
 * ({@code plugins.png}) and the window ({@code workbench-plugins.png}); {@value #MAIN} (a pipeline
 * id) then makes it the chain's main pipeline and screenshots the window
 * ({@code workbench-main.png}) with the Settings view showing its fields.
 */
final class PluginSteps {

    /** The system property naming plugin JARs to install through the Plugins view. */
    static final String INSTALL = "scope.ui.driver.install";
    /** The system property naming a pipeline to run as the main pipeline afterwards. */
    static final String MAIN = "scope.ui.driver.main";
    /** The Plugins view's context key for a replacement of its file dialog. */
    static final String CHOOSER = "dev.scope.ui.plugins.chooser";

    private static final Duration BOUND = Duration.ofSeconds(60);

    private final UiBot bot;
    private final Display display;
    private final IEclipseContext context;
    private final StreamController controller;
    private final Path out;
    private final Map<String, Object> report;

    PluginSteps(UiBot bot, Display display, IEclipseContext context, StreamController controller, Path out,
            Map<String, Object> report) {
        this.bot = bot;
        this.display = display;
        this.context = context;
        this.controller = controller;
        this.out = out;
        this.report = report;
    }

    /** Runs the steps the system properties ask for; an AssertionError says which failed. */
    void run(Shell shell) {
        String jars = System.getProperty(INSTALL, "");
        if (!jars.isBlank()) {
            install(shell, List.of(jars.split(",")));
        }
        String main = System.getProperty(MAIN, "");
        if (!main.isBlank()) {
            try {
                controller.setChain(ChainSpec.of(List.of(), StageSpec.of(main), List.of(), null));
            } catch (java.io.IOException | IllegalArgumentException e) {
                throw new AssertionError("the chain with main pipeline " + main + " did not run: " + e.getMessage());
            }
            long before = controller.metrics().map(m -> m.framesOut()).orElse(0L);
            bot.spinUntil(() -> controller.metrics().map(m -> m.framesOut() > before + 60).orElse(false), BOUND,
                    "two seconds of " + main + " as the main pipeline");
            bot.press(SWT.MOD1, '2');
            bot.screenshot(shell, out.resolve("workbench-main.png"));
            report.put("main", main + ": " + controller.stages());
        }
    }

    /** Maximizes the Plugins stack (e4's MinMax add-on follows the tag) or restores it. */
    private void maximize(boolean on) {
        maximize(bot, context, "dev.scope.ui.app.stack.plugins", on);
    }

    /** Maximizes a part stack of the main window (e4's MinMax add-on follows the tag) or restores it. */
    static void maximize(UiBot bot, IEclipseContext context, String stackId, boolean on) {
        bot.onUi(() -> {
            org.eclipse.e4.ui.model.application.MApplication app = context
                    .get(org.eclipse.e4.ui.model.application.MApplication.class);
            org.eclipse.e4.ui.model.application.ui.MUIElement stack = context
                    .get(org.eclipse.e4.ui.workbench.modeling.EModelService.class).find(stackId, app);
            if (on) {
                stack.getTags().add(org.eclipse.e4.ui.workbench.IPresentationEngine.MAXIMIZED);
            } else {
                stack.getTags().remove(org.eclipse.e4.ui.workbench.IPresentationEngine.MAXIMIZED);
            }
            return null;
        });
    }

    /**
     * Installs a plugin JAR as a user does in the Plugins view: Ctrl+5, then Ctrl+I, with the file
     * dialog answered by the JAR's path.
     *
     * @return what the view said about it
     */
    String installThroughView(String jar) {
        Label message = bot.find(Label.class, "plugins.message");
        bot.onUi(() -> {
            message.setText(""); // the next install's outcome, not the last one's
            return null;
        });
        context.set(CHOOSER, (Function<Shell, String>) s -> jar.strip());
        try {
            bot.press(SWT.MOD1, '5');
            bot.spinUntil(() -> display.getFocusControl() != null
                    && "plugins.table".equals(display.getFocusControl().getData(UiBot.TEST_ID)), BOUND,
                    "Ctrl+5 to focus the Plugins view");
            bot.press(SWT.MOD1, 'i');
            bot.spinUntil(() -> !message.getText().isEmpty() && !message.getText().endsWith("..."), BOUND,
                    "the Plugins view to say how installing " + jar + " went");
            return bot.onUi(message::getText);
        } finally {
            context.remove(CHOOSER);
        }
    }

    private void install(Shell shell, List<String> jars) {
        List<String> outcomes = new ArrayList<>();
        for (String jar : jars) {
            outcomes.add(installThroughView(jar));
        }
        report.put("installs", outcomes);
        Table table = bot.find(Table.class, "plugins.table");
        Rectangle failed = bot.onUi(() -> {
            for (TableItem item : table.getItems()) {
                if (item.getText(2).startsWith("\u2716")) {
                    return item.getBounds(0);
                }
            }
            return null;
        });
        if (failed != null) {
            bot.click(table, failed.x + 4, failed.y + failed.height / 2);
        }
        bot.spin();
        Composite view = bot.find(Composite.class, "plugins");
        bot.screenshot(shell, out.resolve("workbench-plugins.png"));
        // the Plugins stack is small in the default layout: maximized for a picture of the view alone
        maximize(true);
        bot.spinUntil(() -> view.getSize().x > shell.getSize().x / 2, BOUND, "the Plugins view to be maximized");
        bot.screenshot(view, out.resolve("plugins.png"));
        maximize(false);
        bot.spinUntil(() -> view.getSize().x < shell.getSize().x / 2, BOUND, "the Plugins view to be restored");
        Label detail = bot.find(Label.class, "plugins.detail");
        report.put("plugins_detail", bot.onUi(detail::getText));
    }
}
