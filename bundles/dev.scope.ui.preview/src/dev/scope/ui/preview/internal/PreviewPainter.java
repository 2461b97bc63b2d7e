package dev.scope.ui.preview.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;

/**
 * Draws the preview into a paint event's GC: each side's image letterboxed in its cell (1:1 where
 * it fits exactly, else scaled with the fast filter, never the default one, which costs 15-31 ms
 * a 1080p frame), black bars, and the overlay text in the output cell's corner. Every pixel of
 * the area is drawn (the canvas has no background of its own). Stateless; UI thread.
 */
public final class PreviewPainter {

    private static final int PAD = 4;

    private PreviewPainter() {
    }

    /**
     * @param input the input image, or {@code null} to show only the output
     * @param sideBySide whether the area is split into an input and an output half
     * @param overlay the overlay text, or {@code null} for none
     * @return where the output image went (empty when there is none)
     */
    public static Rectangle draw(GC gc, Rectangle area, boolean sideBySide, Image input, Image output,
            String overlay) {
        Rectangle outCell = area;
        if (sideBySide) {
            int half = area.width / 2;
            Rectangle inCell = new Rectangle(area.x, area.y, half, area.height);
            outCell = new Rectangle(area.x + half, area.y, area.width - half, area.height);
            cell(gc, inCell, input, "input");
        }
        Rectangle out = cell(gc, outCell, output, "output");
        if (overlay != null) {
            overlay(gc, outCell, overlay);
        }
        return out;
    }

    private static Rectangle cell(GC gc, Rectangle cell, Image image, String name) {
        Color black = gc.getDevice().getSystemColor(SWT.COLOR_BLACK);
        gc.setBackground(black);
        if (image == null) {
            gc.fillRectangle(cell);
            gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_DARK_GRAY));
            String text = "no " + name + " yet";
            Point size = gc.textExtent(text);
            gc.drawString(text, cell.x + (cell.width - size.x) / 2, cell.y + (cell.height - size.y) / 2, true);
            return new Rectangle(cell.x, cell.y, 0, 0);
        }
        Rectangle b = image.getBounds();
        Rectangle fit = Letterbox.fit(b.width, b.height, cell);
        for (Rectangle bar : Letterbox.bars(cell, fit)) {
            gc.fillRectangle(bar);
        }
        if (fit.width == b.width && fit.height == b.height) {
            gc.drawImage(image, fit.x, fit.y);
        } else if (fit.width > 0 && fit.height > 0) {
            gc.setInterpolation(SWT.LOW);
            gc.drawImage(image, 0, 0, b.width, b.height, fit.x, fit.y, fit.width, fit.height);
        }
        return fit;
    }

    private static void overlay(GC gc, Rectangle cell, String text) {
        gc.setClipping(cell);
        Point size = gc.textExtent(text);
        gc.setAlpha(160);
        gc.setBackground(gc.getDevice().getSystemColor(SWT.COLOR_BLACK));
        gc.fillRectangle(cell.x + PAD, cell.y + PAD, size.x + 2 * PAD, size.y + 2 * PAD);
        gc.setAlpha(255);
        gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_WHITE));
        gc.drawString(text, cell.x + 2 * PAD, cell.y + 2 * PAD, true);
        gc.setClipping((Rectangle) null);
    }
}
