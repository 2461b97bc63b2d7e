package dev.scope.ui.preview.internal;

import org.eclipse.swt.graphics.Rectangle;

/** Where a frame goes in an area with its aspect ratio kept, and the bars around it. Stateless. */
public final class Letterbox {

    private Letterbox() {
    }

    /**
     * @param width the frame's width, at least 1
     * @param height the frame's height, at least 1
     * @param area where it is shown
     * @return the largest rectangle of the frame's aspect ratio inside {@code area}, centred (empty
     *         for an empty area)
     */
    public static Rectangle fit(int width, int height, Rectangle area) {
        if (area.width <= 0 || area.height <= 0) {
            return new Rectangle(area.x, area.y, 0, 0);
        }
        int w;
        int h;
        if ((long) area.width * height <= (long) area.height * width) { // limited by the width
            w = area.width;
            h = (int) Math.max(1, Math.round((double) area.width * height / width));
        } else {
            h = area.height;
            w = (int) Math.max(1, Math.round((double) area.height * width / height));
        }
        return new Rectangle(area.x + (area.width - w) / 2, area.y + (area.height - h) / 2, w, h);
    }

    /**
     * @param area the whole area
     * @param inner a rectangle inside it
     * @return the parts of {@code area} outside {@code inner}: top, bottom, left and right bars,
     *         empty ones left out
     */
    public static Rectangle[] bars(Rectangle area, Rectangle inner) {
        Rectangle[] all = {
            new Rectangle(area.x, area.y, area.width, inner.y - area.y),
            new Rectangle(area.x, inner.y + inner.height, area.width, area.y + area.height - inner.y - inner.height),
            new Rectangle(area.x, inner.y, inner.x - area.x, inner.height),
            new Rectangle(inner.x + inner.width, inner.y, area.x + area.width - inner.x - inner.width, inner.height),
        };
        return java.util.Arrays.stream(all).filter(r -> r.width > 0 && r.height > 0).toArray(Rectangle[]::new);
    }
}
