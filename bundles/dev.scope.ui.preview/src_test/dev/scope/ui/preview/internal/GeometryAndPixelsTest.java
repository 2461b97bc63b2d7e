package dev.scope.ui.preview.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;

import org.eclipse.swt.graphics.Rectangle;
import org.junit.jupiter.api.Test;

import dev.scope.frames.FramePool;
import dev.scope.pipeline.api.Frame;

/** The letterbox arithmetic and the one pixel conversion, against plain references. */
class GeometryAndPixelsTest {

    @Test
    void aWideFrameFillsTheWidthAndAHighOneTheHeight() {
        assertEquals(new Rectangle(10, 95, 400, 150), Letterbox.fit(160, 60, new Rectangle(10, 20, 400, 300)));
        assertEquals(new Rectangle(115, 0, 169, 300), Letterbox.fit(90, 160, new Rectangle(100, 0, 200, 300)));
        assertEquals(new Rectangle(0, 0, 1280, 720), Letterbox.fit(1920, 1080, new Rectangle(0, 0, 1280, 720)));
        assertEquals(new Rectangle(5, 5, 0, 0), Letterbox.fit(16, 9, new Rectangle(5, 5, 0, 100)));
        assertEquals(new Rectangle(0, 49, 100, 1), Letterbox.fit(8192, 16, new Rectangle(0, 0, 100, 100)),
                "never thinner than a pixel");
    }

    @Test
    void theBarsAreTheAreaOutsideTheFrame() {
        Rectangle area = new Rectangle(0, 0, 400, 300);
        Rectangle[] bars = Letterbox.bars(area, new Rectangle(0, 75, 400, 150));
        assertArrayEquals(new Rectangle[] {new Rectangle(0, 0, 400, 75), new Rectangle(0, 225, 400, 75)}, bars);
        bars = Letterbox.bars(area, new Rectangle(50, 0, 300, 300));
        assertArrayEquals(new Rectangle[] {new Rectangle(0, 0, 50, 300), new Rectangle(350, 0, 50, 300)}, bars);
        assertEquals(0, Letterbox.bars(area, area).length);
    }

    @Test
    void framePixelsBecomeOpaqueRgbIntsWithRedAndBlueSwapped() {
        FramePool pool = new FramePool();
        Random r = new Random(3);
        int[] px = new int[13 * 7];
        for (int i = 0; i < px.length; i++) {
            px[i] = r.nextInt();
        }
        Frame f = pool.of(13, 7, px);
        int[] reuse = new int[13 * 7];
        int[] out = Pixels.toBgrx(f, reuse);
        assertSame(reuse, out, "an array of the right length is filled");
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            int expected = 0xFF00_0000 | (p & 0xFF) << 16 | (p & 0xFF00) | (p >>> 16 & 0xFF);
            assertEquals(expected, out[i], "pixel " + i);
        }
        assertEquals(13 * 7, Pixels.toBgrx(f, new int[3]).length, "a wrong one is replaced");
        f.release();
        assertEquals(0, pool.stats().framesInUse());
    }
}
