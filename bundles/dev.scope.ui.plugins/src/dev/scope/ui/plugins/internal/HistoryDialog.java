package dev.scope.ui.plugins.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import dev.scope.engine.api.PluginHistoryEntry;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;

/**
 * The plugin history as a dialog: the numbered changes, newest first (number, time, action, what
 * changed, the plugins installed after it), and Roll Back (Enter on a row, or Alt+B), which asks
 * under the table before it hands the entry to the rollback; Close (Escape). The newest entry is
 * the current state and cannot be rolled back to. Test ids {@code plugins.history} (the shell),
 * {@code plugins.history.table}, {@code plugins.history.rollback}, {@code plugins.history.close} and
 * {@code plugins.history.confirm}.
 */
final class HistoryDialog {

    private static final String[] COLUMNS = {"N", "When", "Action", "What", "Installed after"};
    private static final int[] LEAST = {3, 19, 8, 24, 24};
    private static final int[] MOST = {5, 22, 10, 50, 80};
    /** How {@link PluginHistoryEntry#plugins()} marks a disabled plugin. */
    private static final String DISABLED = " (disabled)";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final Shell shell;
    private final Table table;
    private final Button rollback;
    private final Confirmation confirm;
    private final int newest;
    /** The installed set now: after the newest entry. */
    private final List<String> current;

    private HistoryDialog(Shell parent, List<PluginHistoryEntry> entries, Consumer<PluginHistoryEntry> then) {
        shell = new Shell(parent, SWT.DIALOG_TRIM | SWT.RESIZE | SWT.APPLICATION_MODAL);
        shell.setText("Plugin History");
        shell.setData("test.id", "plugins.history");
        shell.setLayout(new GridLayout(2, false));
        Label intro = new Label(shell, SWT.WRAP);
        intro.setText(entries.isEmpty() ? "No changes to the installed plugins yet."
                : "Each change to the installed plugins, newest first. Rolling back returns the installed plugins to"
                        + " what they were after the chosen entry, in one step; running streams swap between two"
                        + " frames.");
        intro.setLayoutData(new GridData(SWT.FILL, SWT.BEGINNING, true, false, 2, 1));
        table = new Table(shell, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        table.setData("test.id", "plugins.history.table");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridData data = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1);
        data.heightHint = table.getHeaderHeight() + table.getItemHeight() * Math.clamp(entries.size(), 4, 12);
        table.setLayoutData(data);
        Columns columns = new Columns(table, COLUMNS, LEAST, MOST);
        current = entries.isEmpty() ? List.of() : entries.getLast().plugins();
        newest = entries.isEmpty() ? -1 : entries.getLast().number();
        for (PluginHistoryEntry e : entries.reversed()) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setData(e);
            item.setText(new String[] {Integer.toString(e.number()), when(e), e.action(), e.summary(),
                    e.plugins().isEmpty() ? "(none)" : String.join(", ", e.plugins().stream().sorted().toList())});
        }
        columns.fit();
        confirm = new Confirmation(shell, "plugins.history.confirm", 2);
        rollback = button("Roll &Back...", "plugins.history.rollback", SWT.END, true);
        Button close = button("C&lose", "plugins.history.close", SWT.BEGINNING, false);
        close.addListener(SWT.Selection, e -> shell.close());
        rollback.addListener(SWT.Selection, e -> ask(then));
        table.addListener(SWT.DefaultSelection, e -> ask(then));
        table.addListener(SWT.Selection, e -> selected());
        table.addListener(SWT.MouseHover, e -> {
            TableItem item = table.getItem(new Point(e.x, e.y));
            table.setToolTipText(item == null ? null : describe((PluginHistoryEntry) item.getData()));
        });
        shell.setDefaultButton(rollback);
        selected();
    }

    /**
     * Opens the dialog over {@code parent} (UI thread).
     *
     * @param entries the history, oldest first
     * @param rollback told of the entry to roll back to, once confirmed; the dialog has closed then
     */
    static void open(Shell parent, List<PluginHistoryEntry> entries, Consumer<PluginHistoryEntry> rollback) {
        HistoryDialog dialog = new HistoryDialog(parent, entries, rollback);
        dialog.place(parent);
        dialog.shell.open();
        dialog.table.setFocus();
    }

    private Button button(String text, String id, int align, boolean grab) {
        Button b = new Button(shell, SWT.PUSH);
        b.setText(text);
        b.setData("test.id", id);
        b.setLayoutData(new GridData(align, SWT.CENTER, grab, false));
        return b;
    }

    private void place(Shell parent) {
        Point size = shell.computeSize(SWT.DEFAULT, SWT.DEFAULT);
        Rectangle area = parent.getMonitor().getClientArea();
        size.x = Math.min(size.x, area.width * 9 / 10);
        size.y = Math.min(size.y, area.height * 9 / 10);
        Rectangle over = parent.getBounds();
        int x = Math.max(area.x, over.x + (over.width - size.x) / 2);
        int y = Math.max(area.y, over.y + (over.height - size.y) / 2);
        shell.setBounds(x, y, size.x, size.y);
    }

    private PluginHistoryEntry selection() {
        TableItem[] selected = table.getSelection();
        return selected.length == 0 ? null : (PluginHistoryEntry) selected[0].getData();
    }

    private void selected() {
        confirm.hide();
        PluginHistoryEntry entry = selection();
        boolean now = entry != null && entry.number() == newest;
        rollback.setEnabled(entry != null && !now);
        rollback.setText(entry == null || now ? "Roll &Back..." : "Roll &Back to Entry " + entry.number() + "...");
        rollback.setToolTipText(entry == null ? "Select the entry to go back to"
                : now ? "Entry " + entry.number() + " is the current state" : describe(entry));
        shell.layout(true, true);
    }

    private void ask(Consumer<PluginHistoryEntry> then) {
        PluginHistoryEntry entry = selection();
        if (entry == null || entry.number() == newest) {
            return;
        }
        List<String> changes = changes(current, entry.plugins());
        confirm.ask("Roll back to entry " + entry.number() + " (" + when(entry) + ")? " + (changes.isEmpty()
                ? "Nothing changes." : String.join("; ", changes) + "."), "&Roll Back",
                "Roll back to entry " + entry.number() + " now", () -> {
                    shell.close();
                    then.accept(entry);
                });
        // the question takes room under the table: the dialog grows by it rather than the table shrinking
        Rectangle area = shell.getMonitor().getClientArea();
        int height = Math.min(shell.computeSize(shell.getSize().x, SWT.DEFAULT).y, area.y + area.height
                - shell.getLocation().y);
        shell.setSize(shell.getSize().x, Math.max(shell.getSize().y, height));
    }

    /** @return the entry's time in this machine's zone, to the second */
    static String when(PluginHistoryEntry e) {
        try {
            return WHEN.format(Instant.parse(e.at()));
        } catch (DateTimeParseException notAnInstant) {
            return e.at();
        }
    }

    /**
     * @param from the installed set, as {@link PluginHistoryEntry#plugins()} gives it
     * @param to the set to go back to
     * @return what rolling back from one to the other does, one phrase per plugin that changes
     */
    static List<String> changes(List<String> from, List<String> to) {
        Map<String, String> before = byName(from);
        Map<String, String> after = byName(to);
        List<String> lines = new ArrayList<>();
        after.forEach((name, it) -> {
            String was = before.get(name);
            if (was == null) {
                lines.add(it + " comes back");
            } else if (was.equals(it + DISABLED)) {
                lines.add(it + " is enabled");
            } else if (it.equals(was + DISABLED)) {
                lines.add(was + " is disabled");
            } else if (!was.equals(it)) {
                lines.add(was + " becomes " + it.substring(name.length() + 1));
            }
        });
        before.keySet().stream().filter(name -> !after.containsKey(name))
                .forEach(name -> lines.add(before.get(name) + " is removed"));
        return lines;
    }

    /** @return "name version[ (disabled)]" by name, sorted */
    private static Map<String, String> byName(List<String> plugins) {
        Map<String, String> byName = new TreeMap<>();
        plugins.forEach(p -> byName.put(p.split(" ", 2)[0], p));
        return byName;
    }

    private static String describe(PluginHistoryEntry e) {
        List<String> lines = new ArrayList<>();
        lines.add(e.number() + ". " + when(e) + " " + e.action() + ": " + e.summary());
        lines.add("Installed after it: " + (e.plugins().isEmpty() ? "none" : String.join(", ", e.plugins())));
        return String.join("\n", lines);
    }
}
