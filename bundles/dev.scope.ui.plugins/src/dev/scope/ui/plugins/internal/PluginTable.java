package dev.scope.ui.plugins.internal;

import java.util.ArrayList;
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
import org.eclipse.swt.widgets.TableItem;

/**
 * The table of plugins (name, version, state, marks, pipelines, source) and under it a line
 * describing the selected row: its error type and message when it failed, and what each of its
 * marks means. A failed row is in the error colour with its error type in the State column, a
 * disabled one greyed; the Marks column says update available, leaked and linked. Hovering a row
 * shows the same as a tooltip (over the Marks column: what the marks mean). Test ids
 * {@code plugins.table} and {@code plugins.detail}; each item's data is its {@link PluginRow}.
 */
final class PluginTable {

    /** The column of the marks. */
    static final int MARKS = 3;

    private static final String[] COLUMNS = {"Name", "Version", "State", "Marks", "Pipelines", "Source"};
    private static final int[] LEAST = {14, 8, 10, 8, 12, 16};
    private static final int[] MOST = {40, 22, 40, 34, 40, 60};

    private final Composite box;
    private final Table table;
    private final Columns columns;
    private final Label detail;
    private List<PluginRow> shown = List.of();
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
        columns = new Columns(table, COLUMNS, LEAST, MOST);
        // no wrapping: a narrow view keeps its rows, and the tooltip has what does not fit
        detail = new Label(box, SWT.NONE);
        detail.setData("test.id", "plugins.detail");
        detail.setLayoutData(new GridData(SWT.FILL, SWT.END, true, false));
        table.addListener(SWT.Selection, e -> selected());
        table.addListener(SWT.MouseHover, e -> hover(new Point(e.x, e.y)));
    }

    /** @return the table and its detail line */
    Control control() {
        return box;
    }

    /** @return the height that shows the header and three rows, and the detail line */
    int minimumHeight() {
        return table.getHeaderHeight() + 3 * table.getItemHeight() + 2 * table.getBorderWidth()
                + detail.computeSize(SWT.DEFAULT, SWT.DEFAULT).y;
    }

    /** @return the table itself */
    Table table() {
        return table;
    }

    /** @param listener told of the selected row (or null) whenever the selection or its row changes */
    void onSelect(Consumer<PluginRow> listener) {
        onSelect = listener;
    }

    /** @return the selected row, or null */
    PluginRow selection() {
        TableItem[] selected = table.getSelection();
        return selected.length == 0 ? null : (PluginRow) selected[0].getData();
    }

    /** @return the rows shown */
    List<PluginRow> rows() {
        return shown;
    }

    /**
     * Shows the rows, keeping the selected plugin selected while it is listed. The same plugins in
     * the same order are updated in place (the focus, the selection and the scroll position stay
     * as they are); the same rows change nothing.
     */
    void show(List<PluginRow> rows) {
        if (rows.equals(shown)) {
            return;
        }
        boolean same = names(rows).equals(names(shown));
        shown = List.copyOf(rows);
        table.setToolTipText(null); // the next hover describes the row as it is now
        PluginRow before = selection();
        if (same) {
            // in place, without setRedraw: hiding a focused table's drawing under Xvfb lost the next key
            for (int i = 0; i < rows.size(); i++) {
                fill(table.getItem(i), rows.get(i));
            }
        } else {
            table.setRedraw(false);
            try {
                table.removeAll();
                for (PluginRow row : rows) {
                    TableItem item = new TableItem(table, SWT.NONE);
                    fill(item, row);
                    if (before != null && before.name().equals(row.name())) {
                        table.setSelection(item);
                    }
                }
            } finally {
                table.setRedraw(true);
            }
        }
        columns.fit();
        selected();
    }

    private static List<String> names(List<PluginRow> rows) {
        return rows.stream().map(PluginRow::name).toList();
    }

    private void fill(TableItem item, PluginRow row) {
        item.setData(row);
        item.setText(new String[] {row.name(), row.version(), Marks.state(row), Marks.marks(row),
                String.join(", ", row.pipelines()), row.source()});
        // cell by cell: the themes' CSS sets every item's own colour when it restyles the table
        Color tone = row.failed() ? colour(SWT.COLOR_RED)
                : row.disabled() ? colour(SWT.COLOR_WIDGET_DISABLED_FOREGROUND) : null;
        for (int i = 0; i < COLUMNS.length; i++) {
            item.setForeground(i, tone);
        }
        if (row.leaked()) {
            item.setForeground(MARKS, colour(SWT.COLOR_DARK_YELLOW));
        } else if (row.updateAvailable() != null) {
            item.setForeground(MARKS, colour(SWT.COLOR_LINK_FOREGROUND));
        }
    }

    private void hover(Point at) {
        TableItem item = table.getItem(at);
        if (item == null) {
            table.setToolTipText(null);
            return;
        }
        PluginRow row = (PluginRow) item.getData();
        List<String> marks = Marks.explain(row);
        boolean overMarks = item.getBounds(MARKS).contains(at) && !marks.isEmpty();
        table.setToolTipText(overMarks ? String.join("\n", marks) : describe(row));
    }

    private void selected() {
        PluginRow row = selection();
        detail.setText(row == null ? "" : describe(row));
        detail.setToolTipText(row == null ? null : describe(row));
        Tones.apply(detail, row != null && row.failed() ? PluginJobs.ERROR : PluginJobs.INFO);
        box.layout(true, true);
        onSelect.accept(row);
    }

    private Color colour(int id) {
        return table.getDisplay().getSystemColor(id);
    }

    /** @return the row and its marks in words, one line each */
    static String describe(PluginRow row) {
        List<String> lines = new ArrayList<>();
        lines.add(Marks.describe(row));
        lines.addAll(Marks.explain(row));
        return String.join("\n", lines);
    }
}
