package dev.scope.ui.plugins.internal;

import java.util.List;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * The table of plugins (name, version, state, pipelines, source), failed ones marked and in the
 * error colour with their error type in the state column, and under it a line describing the
 * selected row: its error type and message when it failed. Hovering a row shows the same as a
 * tooltip. Test ids {@code plugins.table} and {@code plugins.detail}; each item's data is its
 * {@link PluginRow}.
 */
final class PluginTable {

    /** A failed plugin's mark (a plugin that runs but has a problem gets {@link #WARNING}). */
    static final String FAILED = "\u2716 ";
    static final String WARNING = "\u26a0 ";

    private static final String[] COLUMNS = {"Name", "Version", "State", "Pipelines", "Source"};
    private static final int[] WIDTHS = {210, 130, 230, 220, 320};

    private final Composite box;
    private final Table table;
    private final Label detail;
    private Consumer<PluginRow> onSelect = r -> {
    };

    PluginTable(Composite parent) {
        box = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        box.setLayout(layout);
        table = new Table(box, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER);
        table.setData("test.id", "plugins.table");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        for (int i = 0; i < COLUMNS.length; i++) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(COLUMNS[i]);
            c.setWidth(WIDTHS[i]);
        }
        detail = new Label(box, SWT.WRAP);
        detail.setData("test.id", "plugins.detail");
        detail.setLayoutData(new GridData(SWT.FILL, SWT.END, true, false));
        table.addListener(SWT.Selection, e -> selected());
        table.addListener(SWT.MouseHover, e -> {
            TableItem item = table.getItem(new Point(e.x, e.y));
            table.setToolTipText(item == null ? null : describe((PluginRow) item.getData()));
        });
    }

    /** @return the table and its detail line */
    Control control() {
        return box;
    }

    /** @return the table itself */
    Table table() {
        return table;
    }

    /** @param listener told of the selected row (or null) whenever the selection changes */
    void onSelect(Consumer<PluginRow> listener) {
        onSelect = listener;
    }

    /** @return the selected row, or null */
    PluginRow selection() {
        TableItem[] selected = table.getSelection();
        return selected.length == 0 ? null : (PluginRow) selected[0].getData();
    }

    /** Shows the rows, keeping the selected plugin selected while it is listed. */
    void show(List<PluginRow> rows) {
        PluginRow before = selection();
        table.setRedraw(false);
        try {
            table.removeAll();
            for (PluginRow row : rows) {
                TableItem item = new TableItem(table, SWT.NONE);
                item.setData(row);
                item.setText(new String[] {row.name(), row.version(), state(row),
                        String.join(", ", row.pipelines()), row.source()});
                Color colour = row.failed() ? table.getDisplay().getSystemColor(SWT.COLOR_RED) : null;
                item.setForeground(colour);
                if (before != null && before.name().equals(row.name())) {
                    table.setSelection(item);
                }
            }
        } finally {
            table.setRedraw(true);
        }
        selected();
    }

    private void selected() {
        PluginRow row = selection();
        detail.setText(row == null ? "" : describe(row));
        detail.setForeground(row != null && row.failed() ? table.getDisplay().getSystemColor(SWT.COLOR_RED) : null);
        box.layout(true, true);
        onSelect.accept(row);
    }

    static String state(PluginRow row) {
        if (row.failed()) {
            return FAILED + row.state() + (row.errorType() == null ? "" : ": " + row.errorType());
        }
        return (row.error() != null ? WARNING : "") + row.state();
    }

    /** @return the row in words: what it is, and what went wrong with it */
    static String describe(PluginRow row) {
        String what = row.name() + " " + row.version() + " (" + row.source() + ")";
        if (row.error() != null) {
            return what + ": " + (row.errorType() == null ? "" : row.errorType() + ": ") + row.error();
        }
        return what + (row.pipelines().isEmpty() ? ", no pipelines" : ", pipelines: " + String.join(", ", row.pipelines()));
    }
}
