package dev.scope.ui.plugins.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import dev.scope.engine.api.InstalledPlugin;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.events.KeyEvent;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;

/**
 * The Plugins view's widgets and actions (plain SWT, so tests build it in a shell of their own):
 * the {@link PluginTable}, Install... (Alt+I, Ctrl+I) that asks the chooser for a JAR and installs
 * it, Uninstall (Alt+U, Delete) that asks for a confirmation under the table, and a message line
 * for the last outcome. The plugin manager is only called in Jobs ({@link PluginJobs}); the rows are
 * read again whenever the registry reports a change, so a plugin installed or failing elsewhere
 * in this framework shows up.
 */
final class PluginsView {

    private final PluginManager plugins;
    private final PipelineRegistry registry;
    private final Function<Shell, String> chooser;
    private final PluginJobs jobs;
    private final Composite root;
    private final PluginTable table;
    private final Button install;
    private final Button uninstall;
    private final Label message;
    private final Confirmation confirm;
    private final Job reader;
    private final Runnable onRegistry = this::refresh;

    /**
     * @param parent where the view goes
     * @param status posts one line to a status topic (any thread)
     * @param chooser asks for a plugin JAR (on the UI thread): its path, or {@code null} when cancelled
     */
    PluginsView(Composite parent, PluginManager plugins, PipelineRegistry registry, BiConsumer<String, String> status,
            Function<Shell, String> chooser) {
        this.plugins = plugins;
        this.registry = registry;
        this.chooser = chooser;
        root = new Composite(parent, SWT.NONE);
        root.setData("test.id", "plugins");
        root.setLayout(new GridLayout(2, false));
        table = new PluginTable(root);
        table.control().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 1, 2));
        install = button("&Install...", "plugins.install", "Install a plugin bundle JAR (Ctrl+I)");
        install.addListener(SWT.Selection, e -> install());
        uninstall = button("&Uninstall", "plugins.uninstall", null);
        uninstall.setLayoutData(new GridData(SWT.FILL, SWT.BEGINNING, false, true));
        uninstall.addListener(SWT.Selection, e -> askUninstall());
        confirm = new Confirmation(root, this::uninstall);
        message = new Label(root, SWT.WRAP);
        message.setData("test.id", "plugins.message");
        message.setLayoutData(new GridData(SWT.FILL, SWT.END, true, false, 2, 1));
        table.onSelect(this::selected);
        for (Control c : List.of(table.table(), install, uninstall)) {
            c.addKeyListener(org.eclipse.swt.events.KeyListener.keyPressedAdapter(this::key));
        }
        jobs = new PluginJobs(status, (topic, line) -> ui(() -> say(topic, line)));
        reader = Job.create("Reading the plugins", (org.eclipse.core.runtime.jobs.IJobFunction) monitor -> {
            List<PluginRow> rows = PluginRow.of(plugins.list(), registry.pipelines(), registry.failedPlugins());
            ui(() -> table.show(rows));
            return org.eclipse.core.runtime.Status.OK_STATUS;
        });
        reader.setSystem(true);
        registry.addListener(onRegistry);
        root.addDisposeListener(e -> {
            registry.removeListener(onRegistry);
            reader.cancel();
        });
        selected(null);
        refresh();
    }

    /** @return the view's top control */
    Control control() {
        return root;
    }

    /** Gives the table the keyboard focus. */
    void focus() {
        table.table().setFocus();
    }

    /** Reads the rows again, off the UI thread (any thread; requests while one runs coalesce). */
    void refresh() {
        reader.schedule();
    }

    private Button button(String text, String id, String tip) {
        Button b = new Button(root, SWT.PUSH);
        b.setText(text);
        b.setToolTipText(tip);
        b.setData("test.id", id);
        b.setLayoutData(new GridData(SWT.FILL, SWT.BEGINNING, false, false));
        return b;
    }

    private void key(KeyEvent e) {
        if ((e.stateMask & SWT.MOD1) != 0 && (e.keyCode == 'i' || e.keyCode == 'I')) {
            e.doit = false;
            install();
        } else if ((e.keyCode == SWT.DEL || e.character == SWT.DEL) && (e.stateMask & SWT.MODIFIER_MASK) == 0) {
            e.doit = false;
            askUninstall();
        }
    }

    private void selected(PluginRow row) {
        String why = row == null ? "Select an installed plugin to uninstall it" : row.whyNotRemovable();
        uninstall.setEnabled(row != null && why == null);
        uninstall.setToolTipText(why != null ? why : "Uninstall " + row.name() + " (Delete)");
        confirm.hide();
    }

    private void install() {
        String chosen = chooser.apply(root.getShell());
        if (chosen == null) {
            return;
        }
        Path jar = Path.of(chosen);
        say(PluginJobs.INFO, "Installing " + jar.getFileName() + " ...");
        jobs.schedule("Installing " + jar.getFileName(), () -> {
            InstalledPlugin p = plugins.install(jar);
            refresh();
            String what = p.name() + " " + p.version();
            if (p.error() != null) {
                return new PluginJobs.Outcome(PluginJobs.WARNING, "Installed " + what + ", but it " + p.state() + ": "
                        + p.error());
            }
            return new PluginJobs.Outcome(PluginJobs.INFO, "Installed " + what + ", pipelines: "
                    + (p.pipelines().isEmpty() ? "(none)" : String.join(", ", p.pipelines())));
        });
    }

    private void askUninstall() {
        PluginRow row = table.selection();
        if (row == null) {
            return;
        }
        if (row.whyNotRemovable() != null) {
            say(PluginJobs.INFO, row.whyNotRemovable());
            return;
        }
        confirm.ask(row);
    }

    private void uninstall(PluginRow row) {
        say(PluginJobs.INFO, "Uninstalling " + row.name() + " ...");
        jobs.schedule("Uninstalling " + row.name(), () -> {
            InstalledPlugin p = plugins.uninstall(row.name());
            refresh();
            return new PluginJobs.Outcome(PluginJobs.INFO, "Uninstalled " + p.name() + " " + p.version()
                    + (p.pipelines().isEmpty() ? "" : "; its pipelines left: " + String.join(", ", p.pipelines())));
        });
        table.table().setFocus();
    }

    private void say(String topic, String line) {
        if (message.isDisposed()) {
            return;
        }
        message.setText(line);
        message.setToolTipText(line);
        message.setForeground(root.getDisplay().getSystemColor(PluginJobs.ERROR.equals(topic) ? SWT.COLOR_RED
                : PluginJobs.WARNING.equals(topic) ? SWT.COLOR_DARK_YELLOW : SWT.COLOR_WIDGET_FOREGROUND));
        root.layout(true, true);
    }

    private void ui(Runnable work) {
        if (!root.isDisposed()) {
            root.getDisplay().asyncExec(() -> {
                if (!root.isDisposed()) {
                    work.run();
                }
            });
        }
    }
}
