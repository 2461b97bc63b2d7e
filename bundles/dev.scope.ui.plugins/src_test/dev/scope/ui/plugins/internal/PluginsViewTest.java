package dev.scope.ui.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
import dev.scope.schema.Json;
import dev.scope.ui.plugins.fixture.TestInvertConfig;
import dev.scope.ui.plugins.fixture.TestInvertFactory;
import dev.scope.ui.plugins.fixture.TestLeakyFactory;
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
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.ToolItem;
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
    private String folder;
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

    private PluginsView view;

    @BeforeEach
    void open() {
        leaks = LeakGuard.install();
        bot = new UiBot(display);
        shell = new Shell(display);
        shell.setText(getClass().getSimpleName());
        shell.setLayout(new FillLayout());
        shell.setSize(1300, 560);
        Composite parent = new Composite(shell, SWT.NONE);
        parent.setLayout(new FillLayout());
        view = new PluginsView(parent, plugins, registry, (topic, line) -> status.add(topic + " " + line), s -> chosen,
                s -> folder);
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

    /** @return the test ids of the tool bar's items, or of the context menu's with {@code menu} */
    private List<String> offered(boolean menu) {
        org.eclipse.swt.widgets.ToolBar bar = menu ? null : bot.find(org.eclipse.swt.widgets.ToolBar.class,
                "plugins.toolbar");
        return bot.onUi(() -> {
            List<org.eclipse.swt.widgets.Item> items = new ArrayList<>(List.of(menu ? table.getMenu().getItems()
                    : bar.getItems()));
            return items.stream().map(i -> i.getData("test.id")).filter(java.util.Objects::nonNull)
                    .map(id -> ((String) id).substring(((String) id).lastIndexOf('.') + 1)).toList();
        });
    }

    @Test
    void offersOnlyTheOperationsItIsToldToAndAllAgainAfter() {
        List<String> all = offered(false);
        assertEquals(List.of("install", "link", "update", "updateAll", "reload", "disable", "enable", "unlink",
                "uninstall", "history"), all);
        bot.onUi(() -> {
            view.offer(java.util.Set.of("install", "reload", "uninstall")::contains, "The plugins of the server h:1");
            return null;
        });
        assertEquals(List.of("install", "reload", "uninstall"), offered(false), "a server's API offers these");
        assertEquals(List.of("install", "reload", "uninstall"), offered(true), "the context menu as the tool bar");
        assertEquals("The plugins of the server h:1", bot.onUi(message::getText));
        bot.onUi(() -> {
            view.offer(java.util.Set.<String>of()::contains, "none");
            return null;
        });
        assertEquals(List.of(), offered(false), "a server that refuses installs: none");
        bot.onUi(() -> {
            view.offer(null, "The plugins of this machine");
            return null;
        });
        assertEquals(all, offered(false), "this machine's plugins: every operation again");
        assertEquals(all, offered(true));
    }

    @Test
    void listsTheBuiltInPluginsWithTheirPipelinesAndKeepsThem() {
        PluginRow basic = row("dev.scope.pipelines.basic").orElseThrow();
        assertEquals(PluginRow.BUILT_IN, basic.source());
        assertTrue(basic.pipelines().containsAll(List.of("gray", "passthrough")), basic.pipelines().toString());
        assertTrue(row("dev.scope.pipelines.effects").orElseThrow().pipelines().contains("kaleidoscope"));
        assertEquals("Name Version State Marks Pipelines Source", String.join(" ",
                List.of(table.getColumns()).stream().map(c -> c.getText()).toList()));

        select("dev.scope.pipelines.basic");
        ToolItem uninstall = bot.findToolItem("plugins.uninstall");
        assertFalse(bot.onUi(uninstall::isEnabled), "a built-in plugin cannot be uninstalled");
        assertTrue(uninstall.getToolTipText().contains("built into the workbench"), uninstall.getToolTipText());
        for (String id : List.of("update", "reload", "disable", "enable", "unlink")) {
            ToolItem item = bot.findToolItem("plugins." + id);
            assertFalse(bot.onUi(item::isEnabled), id + " does not apply to a built-in");
            assertEquals(display.getSystemColor(SWT.COLOR_WIDGET_DISABLED_FOREGROUND), bot.onUi(item::getForeground),
                    id + " looks disabled, whatever colour a theme gives the tool bar");
        }
        for (String id : List.of("install", "link", "updateAll", "history")) {
            assertTrue(bot.onUi(bot.findToolItem("plugins." + id)::isEnabled), id + " needs no installed plugin");
        }
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
            bot.click(bot.findToolItem("plugins.install"));
            bot.spinUntil(() -> row("scope.test.invert").map(r -> r.pipelines().contains("test-invert")).orElse(false),
                    BOUND, "the installed plugin to be listed with its pipeline");
            PluginRow row = row("scope.test.invert").orElseThrow();
            assertEquals("active", row.state());
            assertEquals(chosen, row.source());
            assertTrue(registry.find("test-invert").isPresent(), "its pipeline is in the registry");
            bot.spinUntil(() -> message.getText().equals("Installed scope.test.invert 1.0.0, pipelines: test-invert"),
                    BOUND, () -> "the view to say what was installed (says: " + message.getText() + ")");
            assertTrue(status.contains(PluginJobs.INFO + " Installed scope.test.invert 1.0.0, pipelines: test-invert"),
                    status.toString());
            assertEquals(StreamStatus.STREAMING, controller.state().status());
            awaitFrames(controller, "after the install");

            // the new pipeline runs in the chain, then its plugin leaves while it runs
            controller.setChain(ChainSpec.of(List.of(), new StageSpec("test-invert", Map.of("intensity", 0.5)),
                    List.of(), null));
            awaitFrames(controller, "with test-invert as the main pipeline");
            select("scope.test.invert");
            assertTrue(bot.onUi(bot.findToolItem("plugins.uninstall")::isEnabled));
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
                () -> "Ctrl+I to install and the view to say why not (says: " + message.getText() + ")");
        assertEquals(1, message.getText().lines().count());
        assertTrue(status.stream().anyMatch(s -> s.startsWith(PluginJobs.ERROR + " ") && s.contains("text.jar")),
                status.toString());
        assertEquals(List.of(), plugins.list());
        assertEquals(rows, (int) bot.onUi(table::getItemCount));

        chosen = null; // a cancelled dialog does nothing
        bot.click(bot.findToolItem("plugins.install"));
        bot.spin();
        assertEquals(List.of(), plugins.list());
    }

    @Test
    void aPluginThatCannotResolveIsListedAsFailedWithItsErrorTypeAndMessage() throws Exception {
        Path jar = TestJars.plugin(jars, "scope.test.unresolvable", "no.such.pkg", null, List.of());
        // through the view: refused, with the framework's reason
        chosen = jar.toString();
        bot.click(bot.findToolItem("plugins.install"));
        bot.spinUntil(() -> message.getText().startsWith("plugin scope.test.unresolvable 1.0.0 needs package"
                + " no.such.pkg, which the workbench does not provide"), BOUND,
                () -> "the view to say why it cannot install (says: " + message.getText() + ")");
        assertEquals(1, message.getText().lines().count());
        assertTrue(status.stream().anyMatch(s -> s.startsWith(PluginJobs.ERROR + " ") && s.contains("no.such.pkg")),
                status.toString());
        assertEquals(List.of(), plugins.list(), "nothing is left installed");
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
        assertEquals(Marks.FAILED + "failed: UnresolvedRequirement", item.getText(2));
        assertEquals(display.getSystemColor(SWT.COLOR_RED), item.getForeground(0));
        assertEquals(display.getSystemColor(SWT.COLOR_RED), item.getForeground(2), "cell by cell, so a theme's CSS"
                + " colouring the items leaves it");
        select("scope.test.unresolvable");
        String detail = bot.find(Label.class, "plugins.detail").getText();
        assertTrue(detail.startsWith("UnresolvedRequirement: missing Import-Package no.such.pkg"), "the error first, so"
                + " that a narrow view shows it: " + detail);
        assertFalse(bot.onUi(bot.findToolItem("plugins.uninstall")::isEnabled));
    }

    @Test
    void aPluginWhoseComponentFailsIsInstalledAndListedAsFailedThenUninstalled() throws Exception {
        chosen = TestJars.plugin(jars, "scope.test.broken", API, "dev.scope.ui.plugins.fixture.Missing", List.of())
                .toString();
        bot.click(bot.findToolItem("plugins.install"));
        bot.spinUntil(() -> row("scope.test.broken").map(PluginRow::failed).orElse(false), BOUND,
                "the broken plugin to be listed as failed");
        PluginRow row = row("scope.test.broken").orElseThrow();
        System.out.println("a plugin whose component class is missing: " + row);
        assertNotNull(row.errorType());
        assertNotNull(row.error());
        select("scope.test.broken");
        bot.click(bot.findToolItem("plugins.uninstall"));
        Composite confirm = bot.find(Composite.class, "plugins.confirm");
        bot.spinUntil(confirm::isVisible, BOUND, "Uninstall to ask for a confirmation");
        bot.click(bot.find(Button.class, "plugins.confirm.no"));
        bot.spinUntil(() -> !confirm.isVisible(), BOUND, "Cancel to hide the question");
        assertTrue(row("scope.test.broken").isPresent(), "Cancel uninstalls nothing");
        select("scope.test.broken");
        bot.click(bot.findToolItem("plugins.uninstall"));
        bot.spinUntil(confirm::isVisible, BOUND, "Uninstall to ask again");
        bot.click(bot.find(Button.class, "plugins.confirm.yes"));
        bot.spinUntil(() -> row("scope.test.broken").isEmpty(), BOUND, "the failed plugin to be uninstalled");
        assertEquals(List.of(), plugins.list());
    }

    @Test
    void disableThenEnableChangesTheRowsStateAndIsRemembered() throws Exception {
        install("scope.test.invert", "1.0.0", TestInvertFactory.class);
        select("scope.test.invert");
        ToolItem enable = bot.findToolItem("plugins.enable");
        assertFalse(bot.onUi(enable::isEnabled), "Enable does not apply to an enabled plugin");
        assertTrue(enable.getToolTipText().contains("is enabled already"), enable.getToolTipText());

        bot.press(SWT.MOD1, 'd');
        bot.spinUntil(() -> row("scope.test.invert").map(r -> !r.enabled() && r.disabled()).orElse(false), BOUND,
                "Ctrl+D to disable the plugin");
        assertEquals(Marks.DISABLED + "disabled", item("scope.test.invert").getText(2));
        assertEquals(display.getSystemColor(SWT.COLOR_WIDGET_DISABLED_FOREGROUND),
                bot.onUi(() -> item("scope.test.invert").getForeground(0)));
        assertTrue(registry.find("test-invert").isEmpty(), "a disabled plugin's pipelines leave the registry");
        assertEquals(false, remembered("scope.test.invert").get("enabled"), "plugins.json remembers it disabled");
        assertFalse(plugins.list().get(0).enabled());
        bot.spinUntil(() -> message.getText().equals("Disabled scope.test.invert 1.0.0; its pipelines left: test-invert"),
                BOUND, () -> "the view to say what was disabled (says: " + message.getText() + ")");
        assertTrue(bot.onUi(enable::isEnabled), "Enable applies now");
        assertFalse(bot.onUi(bot.findToolItem("plugins.disable")::isEnabled), "Disable does not apply any more");
        assertFalse(bot.onUi(bot.findToolItem("plugins.reload")::isEnabled), "nothing runs to be reloaded");

        focusTable();
        bot.press(SWT.ALT, 'e'); // the tool item's mnemonic
        bot.spinUntil(() -> row("scope.test.invert").map(r -> r.enabled() && "active".equals(r.state())
                && r.pipelines().contains("test-invert")).orElse(false), BOUND, "Alt+E to start the plugin again");
        assertEquals("active", item("scope.test.invert").getText(2));
        assertTrue(registry.find("test-invert").isPresent());
        assertEquals(true, remembered("scope.test.invert").get("enabled"), "plugins.json remembers it enabled");
        bot.spinUntil(() -> message.getText().equals("Enabled scope.test.invert 1.0.0, pipelines: test-invert"),
                BOUND, () -> "the view to say what was enabled (says: " + message.getText() + ")");
        assertFalse(bot.find(ProgressBar.class, "plugins.progress").isVisible(), "no progress once done");
    }

    @Test
    void updatePicksTheRebuiltJarThatTheUpdateMarkAnnounced() throws Exception {
        Path jar = install("scope.test.invert", "1.0.0", TestInvertFactory.class);
        select("scope.test.invert");
        assertFalse(bot.onUi(bot.findToolItem("plugins.update")::isEnabled), "no update before a new build");
        assertEquals("", item("scope.test.invert").getText(PluginTable.MARKS));

        TestJars.plugin(jars, "scope.test.invert", "1.1.0", API, TestInvertFactory.class.getName(),
                List.of(TestInvertFactory.class, TestInvertConfig.class));
        assertEquals(jar, jars.resolve("scope.test.invert.jar"), "rebuilt over the installed source");
        bot.spinUntil(() -> item("scope.test.invert").getText(PluginTable.MARKS).equals(Marks.UPDATE + "1.1.0"), BOUND,
                "the view to mark the update its source holds");
        assertEquals(display.getSystemColor(SWT.COLOR_LINK_FOREGROUND),
                bot.onUi(() -> item("scope.test.invert").getForeground(PluginTable.MARKS)));
        ToolItem update = bot.findToolItem("plugins.update");
        assertTrue(bot.onUi(update::isEnabled));
        assertEquals("Update scope.test.invert to 1.1.0 (Ctrl+U)", bot.onUi(update::getToolTipText));

        assertTrue(bot.onUi(bot.find(Label.class, "plugins.detail")::getText).contains("update available: its source"
                + " holds version 1.1.0"));

        focusTable();
        bot.press(SWT.MOD1, 'u');
        bot.spinUntil(() -> row("scope.test.invert").map(r -> r.version().equals("1.1.0")).orElse(false), BOUND,
                () -> "Ctrl+U to install the rebuilt JAR (says: " + message.getText() + ")");
        bot.spinUntil(() -> message.getText().startsWith("Updated scope.test.invert 1.0.0 -> 1.1.0"), BOUND,
                () -> "the view to say what was updated (says: " + message.getText() + ")");
        PluginRow row = row("scope.test.invert").orElseThrow();
        assertEquals(null, row.updateAvailable(), "the mark is gone");
        assertEquals("", item("scope.test.invert").getText(PluginTable.MARKS));
        assertEquals("1.1.0", plugins.list().get(0).version());
        assertEquals("1.1.0", registry.find("test-invert").orElseThrow().plugin().version());
        assertFalse(row.leaked(), "a plugin that stops what it started leaves nothing behind");

        focusTable();
        bot.press(SWT.MOD1 | SWT.SHIFT, 'a');
        bot.spinUntil(() -> message.getText().equals("Every plugin is up to date (1 installed)"), BOUND,
                "Ctrl+Shift+A to update all and find nothing new");
    }

    @Test
    void theHistoryListsTheChangesAndRollsBackToTheChosenOne() throws Exception {
        install("scope.test.invert", "1.0.0", TestInvertFactory.class);
        int installed = plugins.history().getLast().number();
        TestJars.plugin(jars, "scope.test.invert", "1.1.0", API, TestInvertFactory.class.getName(),
                List.of(TestInvertFactory.class, TestInvertConfig.class));
        plugins.update("scope.test.invert");
        install("scope.test.extra", "2.0.0", null);
        int newest = plugins.history().getLast().number();
        assertEquals(installed + 2, newest);

        focusTable();
        bot.press(SWT.MOD1, 'h');
        Table history = bot.find(Table.class, "plugins.history.table");
        List<String> top = bot.onUi(() -> List.of(history.getItems()).subList(0, 3).stream()
                .map(i -> i.getText(0) + " " + i.getText(2) + " " + i.getText(3) + " | " + i.getText(4)).toList());
        assertEquals(List.of(
                newest + " install scope.test.extra 2.0.0 | scope.test.extra 2.0.0, scope.test.invert 1.1.0",
                newest - 1 + " update scope.test.invert 1.0.0 -> 1.1.0 | scope.test.invert 1.1.0",
                installed + " install scope.test.invert 1.0.0 | scope.test.invert 1.0.0"), top, "newest first");
        Button rollback = bot.find(Button.class, "plugins.history.rollback");
        clickRow(history, 0);
        assertFalse(bot.onUi(rollback::isEnabled), "the newest entry is the current state");

        clickRow(history, 2);
        bot.spinUntil(() -> rollback.isEnabled() && rollback.getText().equals("Roll &Back to Entry " + installed + "..."),
                BOUND, "the rollback button to name the chosen entry");
        bot.click(rollback);
        Composite confirm = bot.find(Composite.class, "plugins.history.confirm");
        bot.spinUntil(confirm::isVisible, BOUND, "Roll Back to ask first");
        String question = bot.onUi(() -> ((Label) confirm.getChildren()[0]).getText());
        assertTrue(question.endsWith("? scope.test.invert 1.1.0 becomes 1.0.0; scope.test.extra 2.0.0 is removed."),
                question);
        assertEquals(2, plugins.list().size(), "nothing changes before it is confirmed");
        bot.click(bot.find(Button.class, "plugins.history.confirm.yes"));
        bot.spinUntil(() -> bot.findNow(Shell.class, "plugins.history").isEmpty(), BOUND, "the dialog to close");
        bot.spinUntil(() -> row("scope.test.extra").isEmpty() && row("scope.test.invert").map(r -> r.version()
                .equals("1.0.0")).orElse(false), BOUND, "the rollback to bring back the installed set of the entry");
        assertEquals(List.of("scope.test.invert 1.0.0"), plugins.list().stream().map(p -> p.name() + " " + p.version())
                .toList());
        bot.spinUntil(() -> message.getText().startsWith("Rolled back to entry " + installed + ": "), BOUND,
                () -> "the view to say what the rollback changed (says: " + message.getText() + ")");
        assertTrue(message.getText().contains("scope.test.extra 2.0.0 removed"), message.getText());
        assertEquals("rollback", plugins.history().getLast().action());
    }

    @Test
    void aPluginThatLeavesAThreadRunningIsMarkedLeakedAfterItsUpdate() throws Exception {
        install("scope.test.leaky", "1.0.0", TestLeakyFactory.class);
        bot.spinUntil(() -> row("scope.test.leaky").map(r -> r.pipelines().contains("test-invert")).orElse(false),
                BOUND, "the leaky plugin to run");
        TestJars.plugin(jars, "scope.test.leaky", "1.1.0", API, TestLeakyFactory.class.getName(),
                List.of(TestLeakyFactory.class, TestInvertConfig.class));
        bot.spinUntil(() -> row("scope.test.leaky").map(r -> r.updateAvailable() != null).orElse(false), BOUND,
                "the update to be marked");
        select("scope.test.leaky");
        bot.click(bot.findToolItem("plugins.update"));
        bot.spinUntil(() -> message.getText().startsWith("Updated scope.test.leaky 1.0.0 -> 1.1.0"), BOUND,
                () -> "the view to say what was updated (says: " + message.getText() + ")");
        // the plugin manager never forces a collection (it would stall a stream); the JVM's own
        // collections decide, and here the test brings about the two it waits for (one per pass
        // of the event loop would starve the loop: a full collection takes longer than a pass)
        System.gc();
        System.gc();
        bot.spinUntil(() -> row("scope.test.leaky").map(r -> r.version().equals("1.1.0") && r.leaked()).orElse(false),
                BOUND, () -> "the old build, held by its thread, to be marked leaked (listed: "
                        + row("scope.test.leaky") + ")");
        TableItem item = item("scope.test.leaky");
        assertEquals(Marks.LEAKED, item.getText(PluginTable.MARKS));
        assertEquals(display.getSystemColor(SWT.COLOR_DARK_YELLOW), bot.onUi(() -> item.getForeground(PluginTable.MARKS)));
        assertTrue(bot.onUi(bot.find(Label.class, "plugins.detail")::getText).contains("its class loader not"
                + " collected (typically a thread the plugin did not stop in @Deactivate)"));
        Rectangle marks = bot.onUi(() -> item.getBounds(PluginTable.MARKS));
        // into the table, then within it: GTK starts the hover timer on a motion inside the control.
        // A reread of changed rows clears the tooltip until the next hover (it describes the row as
        // it was), so the pointer moves again, as a user's would, while the tooltip is not there
        String[] tip = {null};
        for (int attempt = 0; attempt < 10 && !explainsTheLeak(tip[0]); attempt++) {
            bot.moveTo(table, marks.x + 2 + attempt % 2, marks.y + marks.height / 2);
            bot.moveTo(table, marks.x + 6 + attempt % 2, marks.y + marks.height / 2);
            try {
                bot.spinUntil(() -> explainsTheLeak(tip[0] = table.getToolTipText()), Duration.ofSeconds(3), "");
            } catch (AssertionError notYet) {
                // moved again above
            }
        }
        assertTrue(explainsTheLeak(tip[0]), "the marks' tooltip to explain the leak, not: " + tip[0]);
    }

    private static boolean explainsTheLeak(String tooltip) {
        return tooltip != null && tooltip.startsWith(Marks.LEAKED + ": an old build is still in memory");
    }

    @Test
    void linkFollowsAProjectFolderAndUnlinkFromTheContextMenuStops() throws Exception {
        Path project = Files.createDirectories(jars.resolve("my-plugin"));
        Files.createDirectories(project.resolve("target"));
        TestJars.plugin(project.resolve("target"), "scope.test.linked", API, TestInvertFactory.class.getName(),
                List.of(TestInvertFactory.class, TestInvertConfig.class));
        folder = project.toString();
        focusTable();
        bot.press(SWT.MOD1, 'l');
        bot.spinUntil(() -> row("scope.test.linked").map(r -> project.toString().equals(r.linked())).orElse(false),
                BOUND, "Ctrl+L to link the project folder");
        assertEquals(Marks.LINKED, item("scope.test.linked").getText(PluginTable.MARKS));
        bot.spinUntil(() -> message.getText().startsWith("Linked scope.test.linked 1.0.0, pipelines: test-invert;"
                + " following " + project), BOUND,
                () -> "the view to say what it follows (says: " + message.getText() + ")");

        select("scope.test.linked");
        boolean[] shown = {false};
        bot.onUi(() -> {
            table.getMenu().addListener(SWT.Show, e -> shown[0] = true);
            return null;
        });
        bot.press(SWT.SHIFT, SWT.F10);
        bot.spinUntil(() -> shown[0], BOUND, "Shift+F10 to open the context menu");
        assertTrue(bot.onUi(() -> menuItem("plugins.menu.unlink").isEnabled()), "Unlink applies to a linked plugin");
        assertFalse(bot.onUi(() -> menuItem("plugins.menu.update").isEnabled()), "no update is available");
        assertEquals("U&nlink\tCtrl+Shift+L", bot.onUi(() -> menuItem("plugins.menu.unlink").getText()));
        bot.press(SWT.NONE, 'n');
        bot.spinUntil(() -> row("scope.test.linked").map(r -> r.linked() == null).orElse(false), BOUND,
                "the menu's Unlink to stop following the folder");
        assertEquals("", item("scope.test.linked").getText(PluginTable.MARKS));
        assertEquals(null, plugins.list().get(0).linked());
        assertEquals("active", plugins.list().get(0).state(), "the plugin stays installed");
    }

    @Test
    void anOperationThatFailsSaysWhyInOneLine() throws Exception {
        Path empty = Files.createDirectories(jars.resolve("not-built"));
        folder = empty.toString();
        focusTable();
        bot.press(SWT.MOD1, 'l');
        bot.spinUntil(() -> message.getText().contains("is a folder with no built plugin JAR in target/"), BOUND,
                () -> "the view to say why the folder cannot be linked (says: " + message.getText() + ")");
        assertEquals(1, message.getText().lines().count(), message.getText());
        assertFalse(message.getText().contains("Exception"), message.getText());
        assertEquals(display.getSystemColor(SWT.COLOR_RED), bot.onUi(message::getForeground));
        assertEquals("scope-error", bot.onUi(() -> message.getData("org.eclipse.e4.ui.css.CssClassName")),
                "the themes' error colour, should a theme restyle the view");
        assertTrue(status.stream().anyMatch(s -> s.startsWith(PluginJobs.ERROR + " ") && s.contains("not-built")),
                status.toString());
        assertEquals(List.of(), plugins.list());
    }

    @Test
    void safeModeIsSaidAboveTheTable() {
        assertTrue(bot.findNow(Label.class, "plugins.safemode").isEmpty(), "nothing said in a normal run");
        Composite parent = bot.onUi(() -> {
            Composite p = bot.find(Composite.class, "plugins").getParent();
            p.getChildren()[0].dispose();
            PluginManager safe = (PluginManager) Proxy.newProxyInstance(getClass().getClassLoader(),
                    new Class<?>[] {PluginManager.class}, (proxy, method, args) -> {
                        if (method.getName().equals("safeMode")) {
                            return true;
                        }
                        try {
                            return method.invoke(plugins, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            new PluginsView(p, safe, registry, (topic, line) -> { }, s -> null, s -> null);
            p.layout(true, true);
            return p;
        });
        Label banner = bot.find(Label.class, "plugins.safemode");
        assertTrue(bot.onUi(banner::isVisible));
        assertEquals(Marks.WARNING + "Safe mode: no installed plugin runs (started with --safe-mode)", banner.getText());
        assertTrue(banner.getToolTipText().contains("start without --safe-mode to run the plugins"));
        assertTrue(bot.onUi(() -> banner.getBounds().y < bot.find(Table.class, "plugins.table").getParent()
                .getBounds().y), "above the table");
        assertFalse(parent.isDisposed());
    }

    private void awaitFrames(StreamController controller, String when) {
        long before = controller.metrics().map(m -> m.framesOut()).orElse(0L);
        bot.spinUntil(() -> controller.metrics().map(m -> m.framesOut() > before + 3).orElse(false), BOUND,
                "output frames " + when + " (state " + controller.state().status() + ", " + controller.state().error()
                        + ")");
    }

    /** Installs a test plugin through the plugin manager and waits for its row. */
    private Path install(String name, String version, Class<?> factory) throws Exception {
        Path jar = TestJars.plugin(jars, name, version, API, factory == null ? null : factory.getName(),
                factory == null ? List.of() : List.of(factory, TestInvertConfig.class));
        plugins.install(jar);
        bot.spinUntil(() -> row(name).map(r -> r.version().equals(version)).orElse(false), BOUND, name + " to be listed");
        return jar;
    }

    /** @return the plugin's entry in the manager's state file */
    private Map<?, ?> remembered(String name) throws Exception {
        Map<?, ?> root = (Map<?, ?>) Json.read(Files.readString(plugins.home().resolve("plugins.json")));
        return ((List<?>) root.get("plugins")).stream().map(p -> (Map<?, ?>) p).filter(p -> name.equals(p.get("name")))
                .findFirst().orElseThrow();
    }

    private MenuItem menuItem(String id) {
        return List.of(table.getMenu().getItems()).stream().filter(i -> id.equals(i.getData(UiBot.TEST_ID)))
                .findFirst().orElseThrow();
    }

    private void clickRow(Table t, int index) {
        Rectangle bounds = bot.onUi(() -> t.getItem(index).getBounds(0));
        bot.click(t, bounds.x + 4, bounds.y + bounds.height / 2);
        bot.spinUntil(() -> t.getSelectionIndex() == index, BOUND, "row " + index + " to be selected");
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

    /** Clicks the plugin's row and gives the table the focus. */
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

    /**
     * Gives the table the focus with the pointer off it: under Xvfb without a window manager, keys
     * pressed while the table's tooltip shows (the pointer resting on the table) are lost.
     */
    private void focusTable() {
        bot.moveTo(message, 1, 1);
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
