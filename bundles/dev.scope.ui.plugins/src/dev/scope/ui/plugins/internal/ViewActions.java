package dev.scope.ui.plugins.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.ToolBar;

/**
 * The Plugins view's operations on the selected row and when each applies: Install... (Ctrl+I),
 * Link Folder... (Ctrl+L), Update (Ctrl+U), Update All (Ctrl+Shift+A), Reload (Ctrl+Shift+R),
 * Disable (Ctrl+D), Enable (Ctrl+E), Unlink (Ctrl+Shift+L), Uninstall (Delete, after a
 * confirmation) and History... (Ctrl+H), in the tool bar and the table's context menu
 * ({@link PluginActions}).
 */
final class ViewActions {

    private final PluginOperations operations;
    private final PluginTable table;
    private final Confirmation confirm;
    private final Function<Shell, String> jars;
    private final Function<Shell, String> folders;
    private final BiConsumer<String, String> say;
    private final PluginActions actions;
    private Composite holder;

    ViewActions(PluginOperations operations, PluginTable table, Confirmation confirm, Function<Shell, String> jars,
            Function<Shell, String> folders, BiConsumer<String, String> say) {
        this.operations = operations;
        this.table = table;
        this.confirm = confirm;
        this.jars = jars;
        this.folders = folders;
        this.say = say;
        actions = new PluginActions(list(), table::selection, why -> say.accept(PluginJobs.INFO, why));
    }

    /** Puts the tool bar into {@code holder} and the context menu and keys on the table. */
    void build(Composite holder) {
        this.holder = holder;
        holder.setLayout(new FillLayout());
        holder.setLayoutData(new GridData(SWT.FILL, SWT.BEGINNING, true, false));
        ToolBar bar = actions.toolBar(holder);
        actions.contextMenu(table.table());
        table.table().addListener(SWT.KeyDown, actions::key);
        bar.addListener(SWT.KeyDown, actions::key);
    }

    /**
     * Shows only the operations whose ids pass {@code ids}, in the tool bar, the context menu and
     * the keys: the tool bar and the menu are made again.
     */
    void offer(java.util.function.Predicate<String> ids) {
        for (org.eclipse.swt.widgets.Control c : holder.getChildren()) {
            c.dispose();
        }
        if (table.table().getMenu() != null) {
            table.table().getMenu().dispose();
        }
        actions.offer(ids);
        actions.toolBar(holder).addListener(SWT.KeyDown, actions::key);
        actions.contextMenu(table.table());
        actions.update(table.selection());
        holder.getParent().layout(true, true);
    }

    /** Enables what applies to the selected row. */
    void selected(PluginRow row) {
        actions.update(row);
    }

    private List<PluginActions.Action> list() {
        Function<PluginRow, String> always = r -> null;
        return List.of(
                action("install", "+", "&Install...", SWT.MOD1 | 'i', "Ctrl+I", always,
                        r -> "Install a plugin bundle JAR", r -> choose(jars, operations::install), true),
                action("link", "\u21c4", "&Link Folder...", SWT.MOD1 | 'l', "Ctrl+L", always,
                        r -> "Developer mode: install the plugin a project folder builds and follow its target/",
                        r -> choose(folders, operations::link), false),
                action("update", "\u2191", "U&pdate", SWT.MOD1 | 'u', "Ctrl+U", ViewActions::whyNoUpdate,
                        r -> "Update " + r.name() + " to " + r.updateAvailable(), operations::update, true),
                // not Ctrl+Shift+U: GTK's input methods take it to start typing a Unicode character
                action("updateAll", "\u21c8", "Update &All", SWT.MOD1 | SWT.SHIFT | 'a', "Ctrl+Shift+A", always,
                        r -> "Install every plugin's newer build its source holds", r -> operations.updateAll(), false),
                action("reload", "\u21bb", "&Reload", SWT.MOD1 | SWT.SHIFT | 'r', "Ctrl+Shift+R",
                        ViewActions::whyNoReload, r -> "Fresh instances of " + r.name() + " in running streams (a"
                                + " newer build if its source holds one)", operations::reload, false),
                action("disable", "\u2298", "&Disable", SWT.MOD1 | 'd', "Ctrl+D", r -> whyNoSwitch(r, false),
                        r -> "Stop " + r.name() + " and remember it stopped", r -> operations.enable(r, false), true),
                action("enable", "\u25b6", "&Enable", SWT.MOD1 | 'e', "Ctrl+E", r -> whyNoSwitch(r, true),
                        r -> "Start " + r.name() + " again", r -> operations.enable(r, true), false),
                action("unlink", "\u2702", "U&nlink", SWT.MOD1 | SWT.SHIFT | 'l', "Ctrl+Shift+L",
                        ViewActions::whyNoUnlink, r -> "Stop following " + r.linked() + "; the plugin stays installed",
                        operations::unlink, false),
                action("uninstall", "\u2716", "&Uninstall", SWT.DEL, "Delete", r -> whyNo(r, "uninstalled"),
                        r -> "Uninstall " + r.name(), this::askUninstall, false),
                action("history", "\u2630", "&History...", SWT.MOD1 | 'h', "Ctrl+H", always,
                        r -> "The numbered changes to the installed plugins, and rolling back to one",
                        r -> history(), true));
    }

    private static PluginActions.Action action(String id, String glyph, String label, int key, String keyName,
            Function<PluginRow, String> whyNot, Function<PluginRow, String> tip, Consumer<PluginRow> run,
            boolean group) {
        return new PluginActions.Action(id, glyph, label, key, keyName, whyNot, tip, run, group);
    }

    private static String whyNo(PluginRow row, String done) {
        return row == null ? "Select an installed plugin first" : row.whyNot(done);
    }

    private static String whyNoUpdate(PluginRow row) {
        String why = whyNo(row, "updated");
        return why != null || row.updateAvailable() != null ? why : row.name() + " is up to date: its source " + row
                .source() + " holds the installed build (Update All looks again)";
    }

    private static String whyNoReload(PluginRow row) {
        String why = whyNo(row, "reloaded");
        return why != null || "active".equals(row.state()) ? why : row.name() + " is not running ("
                + Marks.state(row).strip() + "): there is nothing to reload";
    }

    private static String whyNoSwitch(PluginRow row, boolean on) {
        String why = whyNo(row, on ? "enabled" : "disabled");
        return why != null || row.enabled() != on ? why : row.name() + " is " + (on ? "enabled" : "disabled")
                + " already";
    }

    private static String whyNoUnlink(PluginRow row) {
        String why = whyNo(row, "unlinked");
        return why != null || row.linked() != null ? why : row.name() + " is not linked to a project folder";
    }

    private void choose(Function<Shell, String> chooser, Consumer<Path> then) {
        Path chosen = PluginsView.chosen(chooser.apply(table.table().getShell()));
        if (chosen != null) {
            then.accept(chosen);
        }
    }

    private void askUninstall(PluginRow row) {
        confirm.ask("Uninstall " + row.name() + " " + row.version() + "?" + (row.pipelines().isEmpty() ? ""
                : " Its pipelines (" + String.join(", ", row.pipelines()) + ") leave the workbench; a running stage of"
                        + " them stops."), "&Uninstall", "Uninstall " + row.name() + " now", () -> {
                            operations.uninstall(row);
                            table.table().setFocus();
                        });
    }

    private void history() {
        Shell shell = table.table().getShell();
        org.eclipse.swt.widgets.Display display = shell.getDisplay();
        operations.history(entries -> display.asyncExec(() -> {
            if (!shell.isDisposed()) {
                say.accept(PluginJobs.INFO, entries.size() + " changes in the history");
                HistoryDialog.open(shell, entries, operations::rollback);
            }
        }));
    }
}
