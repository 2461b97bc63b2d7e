package dev.scope.ui.preview.internal;

import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.widgets.Display;

/**
 * Puts a frame's pixels into an SWT {@link Image}, as cheaply as this SWT allows: by
 * {@link CairoSurfaceWriter} into one reused image per frame size, or by {@link NewImageWriter}, a
 * new image per frame. UI thread only; one writer per canvas.
 */
public interface SurfaceWriter {

    /** Cairo's byte order on a little-endian machine, as SWT masks: BGRX bytes, no alpha. */
    PaletteData BGRX = new PaletteData(0xFF00, 0xFF_0000, 0xFF00_0000);

    /**
     * @param display the display the image belongs to
     * @param image the image that showed the previous frame of this side, or {@code null}; owned by
     *        the caller, who gets it back or, when a new one replaces it, finds it disposed
     * @param bgrx {@code width * height} pixels as {@code 0xFFRRGGBB}
     * @param width the frame's width
     * @param height the frame's height
     * @return an image of {@code width x height} holding those pixels, owned by the caller
     */
    Image write(Display display, Image image, int[] bgrx, int width, int height);

    /** @return how it writes, for logs and the benchmark: {@code cairo-surface} or {@code new-image} */
    String name();

    /**
     * @return the cheapest writer this SWT supports: the cairo surface writer where SWT's internal
     *         cairo calls are there (it falls back by itself when an image turns out not to fit),
     *         else a new image per frame
     */
    static SurfaceWriter best() {
        return CairoSurfaceWriter.find().map(SurfaceWriter.class::cast).orElseGet(NewImageWriter::new);
    }

    /** @return a black image data of that size in {@link #BGRX} order */
    static ImageData blank(int width, int height) {
        return new ImageData(width, height, 32, BGRX);
    }
}
