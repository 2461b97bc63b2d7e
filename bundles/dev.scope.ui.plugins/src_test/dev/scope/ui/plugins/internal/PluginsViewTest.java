package dev.scope.ui.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;
import dev.scope.engine.api.StageSpec;
import dev.scope.engine.api.StageStatus;
import dev.scope.ui.plugins.fixture.TestInvertConfig;
import dev.scope.ui.plugins.fixture.TestInvertFactory;
import dev.scope.ui.stream.SourceSpec;
import dev.scope.ui.stream.StreamController;
import dev.scope.ui.stream.StreamStatus;
import dev.scope.ui.testing.LeakGuard;
import dev.scope.ui.testing.UiBot;

import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTError;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Plugins view on the framework's real plugin manager, registry and stream controller (the
 * test pattern streams through it), driven by real clicks and keys; the file chooser returns the
 * JAR a test put in {@link #chosen}.
 */
class PluginsViewTest {

    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final String API = "dev.scope.pipeline.api;version=\"[2.0,3)\"";
    private static Display display;

    private final BundleContext context = FrameworkUtil.getBundle(PluginsViewTest.class).getBundleContext();
    private final PluginManager plugins = service(PluginManager.class);
    private final PipelineRegistry registry = service(PipelineRegistry.class);
    private final List<String> status = new CopyOnWriteArrayList<>();

    @TempDir
    Path jars;
    private UiBot bot;
    private LeakGuard leaks;
    private Shell shell;
    private String chosen;
    private Table table;
    private Label message;

    @BeforeAll
    static void display() {
        if (display == null || display.isDisposed()) {
            try {
                display = new Display();
            } catch (SWTError e) {
                fail("no display (" + e.getMessage() + "): run the tests under xvfb-run with GDK_BACKEND=x11");
            }
        }
    }

    @BeforeEach
    void open() {
        leaks = LeakGuard.install();
        bot = new UiBot(display);
        shell = new Shell(display);
        shell.setText(getClass().getSimpleName());
        shell.setLayout(new FillLayout());
        shell.setSize(1100, 520);
        Composite parent = new Composite(shell, SWT.NONE);
        parent.setLayout(new FillLayout());
        new PluginsView(parent, plugins, registry, (topic, line) -> status.add(topic + " " + line), s -> chosen);
        shell.open();
        shell.forceActive();
        bot.spinUntil(() -> display.getActiveShell() == shell, BOUND, "the shell to be active");
        // Under Xvfb without a window manager the first key a new shell gets makes GTK deactivate
        // and reactivate it: a Shift press takes that cycle
        boolean[] released = {false};
        org.eclipse.swt.widgets.Listener filter = e -> released[0] = true;
        display.addFilter(SWT.KeyUp, filter);
        for (int type : new int[] {SWT.KeyDown, SWT.KeyUp}) {
            org.eclipse.swt.widgets.Event shift = new org.eclipse.swt.widgets.Event();
            shift.type = type;
            shift.keyCode = SWT.SHIFT;
            assertTrue(display.post(shift), "Display.post took a Shift key");
        }
        bot.spinUntil(() -> released[0], BOUND, "a posted Shift key to arrive");
        display.removeFilter(SWT.KeyUp, filter);
        bot.spinUntil(() -> display.getActiveShell() == shell, BOUND, "the shell to be active again");
        table = bot.find(Table.class, "plugins.table");
        message = bot.find(Label.class, "plugins.message");
        bot.spinUntil(() -> row("dev.scope.pipelines.basic").isPresent(), BOUND, "the built-in plugins to be listed");
    }

    @AfterEach
    void close() throws Exception {
        try {
            shell.dispose();
            leaks.check(bot);
        } finally {
            leaks.close();
            for (var p : plugins.list()) {
                plugins.uninstall(p.name());
            }
            for (Bundle b : context.getBundles()) {
                if (b.getLocation().startsWith("test:")) {
                    b.uninstall();
                }
            }
        }
    }

    @Test
    void listsTheBuiltInPluginsWithTheirPipelinesAndKeepsThem() {
        PluginRow basic = row("dev.scope.pipelines.basic").orElseThrow();
        assertEquals(PluginRow.BUILT_IN, basic.source());
        assertTrue(basic.pipelines().containsAll(List.of("gray", "passthrough")), basic.pipelines().toString());
        assertTrue(row("dev.scope.pipelines.effects").orElseThrow().pipelines().contains("kaleidoscope"));
        assertEquals("Name Version State Pipelines Source", String.join(" ",
                List.of(table.getColumns()).stream().map(c -> c.getText()).toList()));

        select("dev.scope.pipelines.basic");
        Button uninstall = bot.find(Button.class, "plugins.uninstall");
        assertFalse(uninstall.isEnabled(), "a built-in plugin cannot be uninstalled");
        assertTrue(uninstall.getToolTipText().contains("built into the workbench"), uninstall.getToolTipText());
        assertTrue(bot.find(Label.class, "plugins.detail").getText().contains("pipelines: gray, passthrough"));
        bot.press(SWT.NONE, SWT.DEL);
        bot.spinUntil(() -> message.getText().contains("is built into the workbench and cannot be uninstalled"), BOUND,
                "Delete to say why a built-in plugin stays (focus on " + bot.onUi(display::getFocusControl) + ")");
        assertFalse(bot.find(Composite.class, "plugins.confirm").isVisible(), "no confirmation for a built-in");
        assertTrue(registry.find("gray").isPresent());
    }

    @Test
    void installsAndUninstallsAPluginWhileTheStreamRuns() throws Exception {
        StreamController controller = service(StreamController.class);
        controller.setSource(SourceSpec.testPattern(64, 48, 30));
        controller.setChain(ChainSpec.of(List.of(), StageSpec.of("passthrough"), List.of(), null));
        controller.start();
        try {
            awaitFrames(controller, "before the install");
            chosen = TestJars.plugin(jars, "scope.test.invert", API, TestInvertFactory.class.getName(),
                    List.of(TestInvertFactory.class, TestInvertConfig.class)).toString();
            bot.click(bot.find(Button.class, "plugins.install"));
            bot.spinUntil(() -> row("scope.test.invert").map(r -> r.pipelines().contains("test-invert")).orElse(false),
                    BOUND, "the installed plugin to be listed with its pipeline");
            PluginRow row = row("scope.test.invert").orElseThrow();
            assertEquals("active", row.state());
            assertEquals(chosen, row.source());
            assertTrue(registry.find("test-invert").isPresent(), "its pipeline is in the registry");
            bot.spinUntil(() -> message.getText().equals("Installed scope.test.invert 1.0.0, pipelines: test-invert"),
                    BOUND, "the view to say what was installed (says: " + message.getText() + ")");
            assertTrue(status.contains(PluginJobs.INFO + " Installed scope.test.invert 1.0.0, pipelines: test-invert"),
                    status.toString());
            assertEquals(StreamStatus.STREAMING, controller.state().status());
            awaitFrames(controller, "after the install");

            // the new pipeline runs in the chain, then its plugin leaves while it runs
            controller.setChain(ChainSpec.of(List.of(), new StageSpec("test-invert", Map.of("intensity", 0.5)),
                    List.of(), null));
            awaitFrames(controller, "with test-invert as the main pipeline");
            select("scope.test.invert");
            assertTrue(bot.find(Button.class, "plugins.uninstall").isEnabled());
            bot.press(SWT.NONE, SWT.DEL);
            Composite confirm = bot.find(Composite.class, "plugins.confirm");
            bot.spinUntil(confirm::isVisible, BOUND, "Delete to ask for a confirmation");
            bot.press(SWT.NONE, SWT.CR); // the focused Uninstall button
            bot.spinUntil(() -> row("scope.test.invert").isEmpty(), BOUND, "the uninstalled plugin to leave the table");
            assertTrue(registry.find("test-invert").isEmpty(), "its pipeline left the registry");
            assertTrue(plugins.list().isEmpty());
            bot.spinUntil(() -> message.getText().startsWith("Uninstalled scope.test.invert 1.0.0"), BOUND,
                    "the view to say what was uninstalled");
            assertEquals(StreamStatus.STREAMING, controller.state().status(), "the stream goes on");
            awaitFrames(controller, "after the running stage's plugin left");
            bot.spinUntil(() -> controller.stages().get(0).state() == StageStatus.State.FAILED, BOUND,
                    "the stage of the plugin that left to be retired");
            assertEquals("its plugin scope.test.invert 1.0.0 was uninstalled, updated or stopped; the stage passes"
                    + " its frames through", controller.stages().get(0).reason());
        } finally {
            controller.stop();
            controller.setChain(ChainSpec.of(List.of(), StageSpec.of("passthrough"), List.of(), null));
        }
    }

    @Test
    void aFileThatIsNotABundleIsRefusedInOneLineAndChangesNothing() throws Exception {
        Path text = Files.writeString(jars.resolve("text.jar"), "not a jar");
        chosen = text.toString();
        int rows = bot.onUi(table::getItemCount);
        focusTable();
        bot.press(SWT.MOD1, 'i');
        bot.spinUntil(() -> message.getText().contains("text.jar is not a JAR file"), BOUND,
                "Ctrl+I to install and the view to say why not (says: " + message.getText() + ")");
        assertEquals(1, message.getText().lines().count());
        assertTrue(status.stream().anyMatch(s -> s.startsWith(PluginJobs.ERROR + " ") && s.contains("text.jar")),
                status.toString());
        assertEquals(List.of(), plugins.list());
        assertEquals(rows, (int) bot.onUi(table::getItemCount));

        chosen = null; // a cancelled dialog does nothing
        bot.click(bot.find(Button.class, "plugins.install"));
        bot.spin();
        assertEquals(List.of(), plugins.list());
    }

    @Test
    void aPluginThatCannotResolveIsListedAsFailedWithItsErrorTypeAndMessage() throws Exception {
        Path jar = TestJars.plugin(jars, "scope.test.unresolvable", "no.such.pkg", null, List.of());
        // through the view: refused, with the framework's reason
        chosen = jar.toString();
        bot.click(bot.find(Button.class, "plugins.install"));
        bot.spinUntil(() -> message.getText().startsWith("cannot start plugin scope.test.unresolvable 1.0.0:"), BOUND,
                "the view to say why it cannot start (says: " + message.getText() + ")");
        assertTrue(message.getText().contains("no.such.pkg"), message.getText());
        assertTrue(row("scope.test.unresolvable").isEmpty());
        // in the framework from elsewhere (another launcher, a stale install): listed as failed
        try (var in = Files.newInputStream(jar)) {
            context.installBundle("test:unresolvable", in);
        }
        bot.spinUntil(() -> row("scope.test.unresolvable").isPresent(), BOUND, "the unresolved plugin to be listed");
        PluginRow row = row("scope.test.unresolvable").orElseThrow();
        assertEquals("UnresolvedRequirement", row.errorType());
        assertTrue(row.error().contains("Import-Package no.such.pkg"), row.error());
        TableItem item = item("scope.test.unresolvable");
        assertEquals(PluginTable.FAILED + "failed: UnresolvedRequirement", item.getText(2));
        assertEquals(display.getSystemColor(SWT.COLOR_RED), item.getForeground());
        select("scope.test.unresolvable");
        String detail = bot.find(Label.class, "plugins.detail").getText();
        assertTrue(detail.contains("UnresolvedRequirement: missing Import-Package no.such.pkg"), detail);
        assertFalse(bot.find(Button.class, "plugins.uninstall").isEnabled());
    }

    @Test
    void aPluginWhoseComponentFailsIsInstalledAndListedAsFailedThenUninstalled() throws Exception {
        chosen = TestJars.plugin(jars, "scope.test.broken", API, "dev.scope.ui.plugins.fixture.Missing", List.of())
                .toString();
        bot.click(bot.find(Button.class, "plugins.install"));
        bot.spinUntil(() -> row("scope.test.broken").map(PluginRow::failed).orElse(false), BOUND,
                "the broken plugin to be listed as failed");
        PluginRow row = row("scope.test.broken").orElseThrow();
        System.out.println("a plugin whose component class is missing: " + row);
        assertNotNull(row.errorType());
        assertNotNull(row.error());
        select("scope.test.broken");
        bot.click(bot.find(Button.class, "plugins.uninstall"));
        Composite confirm = bot.find(Composite.class, "plugins.confirm");
        bot.spinUntil(confirm::isVisible, BOUND, "Uninstall to ask for a confirmation");
        bot.click(bot.find(Button.class, "plugins.confirm.no"));
        bot.spinUntil(() -> !confirm.isVisible(), BOUND, "Cancel to hide the question");
        assertTrue(row("scope.test.broken").isPresent(), "Cancel uninstalls nothing");
        select("scope.test.broken");
        bot.click(bot.find(Button.class, "plugins.uninstall"));
        bot.spinUntil(confirm::isVisible, BOUND, "Uninstall to ask again");
        bot.click(bot.find(Button.class, "plugins.confirm.yes"));
        bot.spinUntil(() -> row("scope.test.broken").isEmpty(), BOUND, "the failed plugin to be uninstalled");
        assertEquals(List.of(), plugins.list());
    }

    private void awaitFrames(StreamController controller, String when) {
        long before = controller.metrics().map(m -> m.framesOut()).orElse(0L);
        bot.spinUntil(() -> controller.metrics().map(m -> m.framesOut() > before + 3).orElse(false), BOUND,
                "output frames " + when + " (state " + controller.state().status() + ", " + controller.state().error()
                        + ")");
    }

    private Optional<PluginRow> row(String name) {
        return bot.onUi(() -> {
            for (TableItem item : table.getItems()) {
                if (item.getData() instanceof PluginRow r && r.name().equals(name)) {
                    return Optional.of(r);
                }
            }
            return Optional.<PluginRow>empty();
        });
    }

    private TableItem item(String name) {
        return bot.onUi(() -> List.of(table.getItems()).stream().filter(i -> ((PluginRow) i.getData()).name()
                .equals(name)).findFirst().orElseThrow());
    }

    /** Clicks the plugin's row. */
    private void select(String name) {
        Rectangle bounds = bot.onUi(() -> {
            TableItem item = item(name);
            table.showItem(item);
            return item.getBounds(0);
        });
        bot.click(table, bounds.x + 4, bounds.y + bounds.height / 2);
        bot.spinUntil(() -> table.getSelectionCount() == 1
                && ((PluginRow) table.getSelection()[0].getData()).name().equals(name), BOUND, "the row of " + name
                + " to be selected");
        focusTable();
    }

    private void focusTable() {
        bot.onUi(table::forceFocus);
        bot.spinUntil(() -> display.getFocusControl() == table, BOUND, "the focus on the table");
    }

    private <T> T service(Class<T> type) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T s = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
            assertNotNull(s, type.getSimpleName() + " service did not appear");
            return s;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
