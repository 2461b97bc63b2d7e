package dev.scope.ui.plugins.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

/**
 * A table's columns sized in characters of its font, not in pixels: each column fits its header
 * and cells, within a smallest and a largest width; the last column takes the room left, so the
 * table never scrolls sideways for a short source and a user's wider column is kept.
 */
final class Columns {

    private final Table table;
    private final int[] least;
    private final int[] most;
    private final double charWidth;

    /**
     * Adds the columns.
     *
     * @param names the headers
     * @param least each column's smallest width, in average characters
     * @param most each column's largest width when it fits its cells, in average characters
     */
    Columns(Table table, String[] names, int[] least, int[] most) {
        this.table = table;
        GC gc = new GC(table);
        try {
            charWidth = gc.getFontMetrics().getAverageCharacterWidth();
        } finally {
            gc.dispose();
        }
        this.least = least.clone();
        this.most = most.clone();
        for (int i = 0; i < names.length; i++) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(names[i]);
            c.setWidth(pixels(least[i]));
        }
        table.addListener(SWT.Resize, e -> fillLast());
    }

    /** Widens each column to its header and cells (up to its largest width); the last one fills the rest. */
    void fit() {
        TableColumn[] columns = table.getColumns();
        GC gc = new GC(table);
        try {
            for (int i = 0; i < columns.length; i++) {
                int wanted = gc.textExtent(columns[i].getText()).x;
                for (TableItem item : table.getItems()) {
                    wanted = Math.max(wanted, gc.textExtent(item.getText(i)).x);
                }
                int width = Math.max(pixels(least[i]), Math.min(wanted + pixels(3), pixels(most[i])));
                if (width > columns[i].getWidth()) {
                    columns[i].setWidth(width);
                }
            }
        } finally {
            gc.dispose();
        }
        fillLast();
    }

    private void fillLast() {
        TableColumn[] columns = table.getColumns();
        int used = 0;
        for (int i = 0; i < columns.length - 1; i++) {
            used += columns[i].getWidth();
        }
        TableColumn last = columns[columns.length - 1];
        int room = table.getClientArea().width - used;
        if (room > last.getWidth()) {
            last.setWidth(room);
        }
    }

    private int pixels(int chars) {
        return (int) Math.ceil(chars * charWidth);
    }
}
