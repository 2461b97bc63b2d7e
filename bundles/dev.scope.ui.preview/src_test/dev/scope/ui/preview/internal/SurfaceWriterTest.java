package dev.scope.ui.preview.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.scope.ui.preview.Ui;

/**
 * Both ways into an image, read back through {@code Image.getImageData()}: the cairo surface
 * writer (present on the SWT this product pins) reuses one image per size, the portable writer
 * makes a new one per frame and disposes the old one.
 */
class SurfaceWriterTest {

    private Ui ui;
    private Display display;

    @BeforeEach
    void open() {
        ui = new Ui();
        display = ui.display;
    }

    @AfterEach
    void close() {
        ui.close();
    }

    /** 7x5 pixels, each of its own colour, as 0xFFRRGGBB. */
    private static int[] pattern(int w, int h, int salt) {
        int[] px = new int[w * h];
        for (int i = 0; i < px.length; i++) {
            px[i] = 0xFF00_0000 | (i * 37 + salt) % 256 << 16 | (i * 11 + 3 * salt) % 256 << 8 | (i * 53 + 7) % 256;
        }
        return px;
    }

    private static void assertPixels(int[] bgrx, int w, int h, Image image) {
        ImageData data = image.getImageData();
        assertEquals(w, data.width);
        assertEquals(h, data.height);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = bgrx[y * w + x];
                assertEquals(new RGB(p >>> 16 & 0xFF, p >>> 8 & 0xFF, p & 0xFF), data.palette.getRGB(data.getPixel(x, y)),
                        "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void theCairoWriterIsThereOnThisSwtAndWritesIntoOneReusedImage() {
        CairoSurfaceWriter writer = CairoSurfaceWriter.find().orElseThrow();
        int[] a = pattern(7, 5, 1);
        Image first = writer.write(display, null, a, 7, 5);
        assertEquals("cairo-surface", writer.name(), "no fallback happened");
        assertPixels(a, 7, 5, first);
        int[] b = pattern(7, 5, 2);
        Image second = writer.write(display, first, b, 7, 5);
        assertSame(first, second, "the same image, its surface rewritten");
        assertPixels(b, 7, 5, second);
        int[] c = pattern(3, 9, 3);
        Image third = writer.write(display, second, c, 3, 9);
        assertNotSame(second, third);
        assertTrue(second.isDisposed(), "the image of the old size is disposed");
        assertPixels(c, 3, 9, third);
        third.dispose();
    }

    @Test
    void theNewImageWriterMakesAnImagePerFrameAndDisposesTheOldOne() {
        NewImageWriter writer = new NewImageWriter();
        List<int[]> frames = List.of(pattern(7, 5, 4), pattern(7, 5, 5));
        Image first = writer.write(display, null, frames.get(0), 7, 5);
        assertPixels(frames.get(0), 7, 5, first);
        Image second = writer.write(display, first, frames.get(1), 7, 5);
        assertNotSame(first, second);
        assertTrue(first.isDisposed());
        assertPixels(frames.get(1), 7, 5, second);
        second.dispose();
        assertEquals("new-image", writer.name());
    }

    @Test
    void bestIsTheCairoWriterHere() {
        assertEquals("cairo-surface", SurfaceWriter.best().name());
    }
}
