package dev.scope.ui.plugins.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobFunction;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;

/**
 * The Plugins view's widgets (plain SWT, so tests build it in a shell of their own): a line
 * saying so in safe mode, the tool bar of {@link ViewActions}, the {@link PluginTable} with the
 * same operations in its context menu, the inline {@link Confirmation} of an uninstall, and a line
 * for the last outcome with a progress bar while operations run. The plugin manager is only
 * called in Jobs ({@link PluginOperations}); the rows are read again after each operation, whenever
 * the registry reports a change and every {@value #REREAD_MILLIS} ms while the view shows (an update
 * that appeared in a plugin's source, a change another process made), and what the plugin manager
 * did by itself (a linked folder's build swapped in) is said in the message line.
 */
final class PluginsView {

    /** How often the rows are read again while the view shows. */
    static final int REREAD_MILLIS = 3000;

    private final Composite root;
    private final PluginTable table;
    private final Label message;
    private final ProgressBar progress;
    private final Job reader;
    private final ViewActions actions;
    private final Runnable onRegistry = this::refresh;

    /**
     * @param parent where the view goes
     * @param status posts one line to a status topic (any thread)
     * @param jars asks for a plugin JAR (on the UI thread): its path, or {@code null} when cancelled
     * @param folders asks for a plugin project folder to link, the same way
     */
    PluginsView(Composite parent, PluginManager plugins, PipelineRegistry registry, BiConsumer<String, String> status,
            Function<Shell, String> jars, Function<Shell, String> folders) {
        root = new Composite(parent, SWT.NONE);
        root.setData("test.id", "plugins");
        root.setLayout(new GridLayout(1, false));
        if (plugins.safeMode()) {
            safeMode();
        }
        Composite bar = new Composite(root, SWT.NONE);
        table = new PluginTable(root);
        GridData tableData = new GridData(SWT.FILL, SWT.FILL, true, true);
        tableData.minimumHeight = table.minimumHeight();
        table.control().setLayoutData(tableData);
        Confirmation confirm = new Confirmation(root, "plugins.confirm", 1);
        Composite line = new Composite(root, SWT.NONE);
        line.setLayoutData(new GridData(SWT.FILL, SWT.END, true, false));
        GridLayout lineLayout = new GridLayout(2, false);
        lineLayout.marginWidth = 0;
        lineLayout.marginHeight = 0;
        line.setLayout(lineLayout);
        progress = new ProgressBar(line, SWT.INDETERMINATE);
        progress.setData("test.id", "plugins.progress");
        progress.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false));
        message = new Label(line, SWT.NONE); // one line; the tooltip has what does not fit
        message.setData("test.id", "plugins.message");
        message.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        busy(0);
        PluginJobs jobs = new PluginJobs(status, (topic, text) -> ui(() -> say(topic, text)), n -> ui(() -> busy(n)));
        PluginOperations operations = new PluginOperations(plugins, jobs, this::refresh, this::say);
        actions = new ViewActions(operations, table, confirm, jars, folders, this::say);
        actions.build(bar);
        table.onSelect(row -> {
            confirm.hide();
            actions.selected(row);
        });
        reader = Job.create("Reading the plugins", (IJobFunction) monitor -> {
            List<PluginRow> rows = PluginRow.of(plugins.list(), registry.pipelines(), registry.failedPlugins());
            List<String> notices = plugins.takeNotices();
            ui(() -> {
                table.show(rows);
                actions.selected(table.selection());
                notices.forEach(n -> say(PluginJobs.WARNING, n));
            });
            notices.forEach(n -> status.accept(PluginJobs.WARNING, n));
            return Status.OK_STATUS;
        });
        reader.setSystem(true);
        registry.addListener(onRegistry);
        root.addDisposeListener(e -> {
            registry.removeListener(onRegistry);
            reader.cancel();
        });
        actions.selected(null);
        refresh();
        reread();
    }

    /** @return the view's top control */
    Control control() {
        return root;
    }

    /** Gives the table the keyboard focus and reads the rows again. */
    void focus() {
        table.table().setFocus();
        refresh();
    }

    /** Reads the rows again, off the UI thread (any thread; requests while one runs coalesce). */
    /**
     * Offers only some operations (a server's plugins: install, uninstall and reload when it allows
     * them, else none), with a line saying whose plugins these are; {@code null} offers all again.
     *
     * @param ids the operations to offer, or {@code null} for all
     * @param whose the line, or {@code null}
     */
    void offer(java.util.function.Predicate<String> ids, String whose) {
        actions.offer(ids == null ? id -> true : ids);
        if (whose != null) {
            say(PluginJobs.INFO, whose);
        }
        refresh();
    }

    boolean isDisposed() {
        return root.isDisposed();
    }

    void refresh() {
        reader.schedule();
    }

    private void reread() {
        root.getDisplay().timerExec(REREAD_MILLIS, () -> {
            if (!root.isDisposed()) {
                if (root.isVisible()) {
                    refresh();
                }
                reread();
            }
        });
    }

    private void safeMode() {
        Label banner = new Label(root, SWT.NONE);
        banner.setData("test.id", "plugins.safemode");
        banner.setText(Marks.WARNING + "Safe mode: no installed plugin runs (started with --safe-mode)");
        banner.setToolTipText("The workbench was started with --safe-mode, so no installed plugin runs in this session."
                + " Enable and Disable are remembered for the next start; start without --safe-mode to run the"
                + " plugins.");
        Tones.apply(banner, PluginJobs.WARNING);
        banner.setLayoutData(new GridData(SWT.FILL, SWT.BEGINNING, true, false));
    }

    private void busy(int running) {
        ((GridData) progress.getLayoutData()).exclude = running == 0;
        progress.setVisible(running > 0);
        progress.getParent().layout(true, true);
    }

    private void say(String topic, String line) {
        if (message.isDisposed()) {
            return;
        }
        message.setText(line);
        message.setToolTipText(line);
        Tones.apply(message, topic);
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

    /** @return a path from a chooser's answer, or null when it was cancelled */
    static Path chosen(String answer) {
        return answer == null || answer.isBlank() ? null : Path.of(answer);
    }
}
