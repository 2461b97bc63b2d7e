package dev.scope.ui.preview.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;

/**
 * The plot's colours, taken from the system's list colours (so a dark theme gives a dark plot),
 * with series colours picked for contrast against that background. The colours made here belong
 * to the instance and go with {@link #dispose()}. UI thread.
 */
public final class PlotColors {

    private static final RGB[] ON_LIGHT = {
        new RGB(0x1c, 0x64, 0xc8), new RGB(0xd9, 0x48, 0x0f), new RGB(0x2b, 0x8a, 0x3e), new RGB(0xae, 0x3e, 0xc9),
        new RGB(0xc2, 0x25, 0x5c), new RGB(0x0b, 0x72, 0x85), new RGB(0x8c, 0x6d, 0x00), new RGB(0x49, 0x50, 0x57),
    };
    private static final RGB[] ON_DARK = {
        new RGB(0x74, 0xc0, 0xfc), new RGB(0xff, 0xa9, 0x4d), new RGB(0x8c, 0xe9, 0x9a), new RGB(0xda, 0x77, 0xf2),
        new RGB(0xfa, 0xa2, 0xc1), new RGB(0x66, 0xd9, 0xe8), new RGB(0xff, 0xd4, 0x3b), new RGB(0xce, 0xd4, 0xda),
    };

    private final Color background;
    private final Color foreground;
    private final Color grid;
    private final Color[] series;

    /** @param display the display whose system colours are used */
    public PlotColors(Display display) {
        background = display.getSystemColor(SWT.COLOR_LIST_BACKGROUND);
        foreground = display.getSystemColor(SWT.COLOR_LIST_FOREGROUND);
        RGB b = background.getRGB();
        RGB f = foreground.getRGB();
        grid = new Color(display, mix(b.red, f.red), mix(b.green, f.green), mix(b.blue, f.blue));
        RGB[] palette = dark(b) ? ON_DARK : ON_LIGHT;
        series = new Color[palette.length];
        for (int i = 0; i < palette.length; i++) {
            series[i] = new Color(display, palette[i]);
        }
    }

    private static int mix(int back, int fore) {
        return (back * 4 + fore) / 5;
    }

    /** @return whether a background is dark (relative luminance below one half) */
    public static boolean dark(RGB rgb) {
        return 0.2126 * rgb.red + 0.7152 * rgb.green + 0.0722 * rgb.blue < 128;
    }

    /** @return the background (a system colour) */
    public Color background() {
        return background;
    }

    /** @return the text and axis colour (a system colour) */
    public Color foreground() {
        return foreground;
    }

    /** @return the grid colour, a fifth of the way from background to foreground */
    public Color grid() {
        return grid;
    }

    /** @return the colour of the {@code index}-th series (the palette repeats) */
    public Color series(int index) {
        return series[index % series.length];
    }

    /** Disposes the colours this instance made. */
    public void dispose() {
        grid.dispose();
        for (Color c : series) {
            c.dispose();
        }
    }
}
