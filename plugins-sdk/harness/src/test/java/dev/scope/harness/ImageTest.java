package dev.scope.harness;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImageTest {

    @Test
    void packsRedInTheLowByteWithOpaquePadding() {
        assertEquals(0xFF_30_20_10, Image.pack(0x10, 0x20, 0x30));
        Image i = Image.of(1, 1, 0x00_30_20_10);
        assertEquals(0xFF_30_20_10, i.pixel(0, 0));
        assertEquals(0x10_20_30, i.rgb(0, 0));
        assertEquals(0x10, i.red(0, 0));
        assertEquals(0x20, i.green(0, 0));
        assertEquals(0x30, i.blue(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Image.pack(256, 0, 0));
    }

    @Test
    void solidHasOneColourEverywhere() {
        Image i = Image.solid(3, 2, 1, 2, 3);
        for (int p : i.pixels()) {
            assertEquals(Image.pack(1, 2, 3), p);
        }
        assertEquals(3, i.width());
        assertEquals(2, i.height());
    }

    @Test
    void gradientCoversEveryLevelAt256() {
        Image g = Image.gradient(256, 256);
        for (int v = 0; v < 256; v++) {
            assertEquals(v, g.red(v, 0));
            assertEquals(v, g.green(0, v));
        }
        assertEquals(255 - (255 + 255) / 2, g.blue(255, 255));
        assertEquals(255, g.blue(0, 0));
        Image small = Image.gradient(3, 1);
        assertArrayEquals(new int[] {0, 128, 255},
                new int[] {small.red(0, 0), small.red(1, 0), small.red(2, 0)});
        assertEquals(0, Image.gradient(1, 1).red(0, 0));
    }

    @Test
    void ofChecksThePixelCountAndCopies() {
        assertThrows(IllegalArgumentException.class, () -> Image.of(2, 2, 1, 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Image.of(0, 2));
        int[] px = {1, 2};
        Image i = Image.of(2, 1, px);
        px[0] = 99;
        assertEquals(Image.pack(1, 0, 0), i.pixel(0, 0));
        i.pixels()[0] = 99;
        assertEquals(Image.pack(1, 0, 0), i.pixel(0, 0));
    }

    @Test
    void equalityIgnoresThePaddingByte() {
        assertEquals(Image.of(1, 1, 0x00_01_02_03), Image.of(1, 1, 0x7F_01_02_03));
        assertNotEquals(Image.of(1, 1, 0x01_02_03), Image.of(1, 1, 0x01_02_04));
        assertNotEquals(Image.solid(2, 1, 0, 0, 0), Image.solid(1, 2, 0, 0, 0));
    }

    @Test
    void mapLevelsAppliesToEveryChannelAndClamps() {
        Image g = Image.gradient(256, 2);
        Image inverted = g.mapLevels(v -> 255 - v);
        assertEquals(255 - g.red(17, 1), inverted.red(17, 1));
        assertEquals(255 - g.green(17, 1), inverted.green(17, 1));
        assertEquals(255 - g.blue(17, 1), inverted.blue(17, 1));
        assertEquals(255, g.mapLevels(v -> v + 1000).red(0, 0));
        assertEquals(0, g.mapLevels(v -> -5).blue(3, 0));
    }

    @Test
    void assertClosePassesWithinTheTolerance() {
        Image a = Image.solid(2, 2, 10, 20, 30);
        Image.assertClose(a, a, 0);
        Image.assertClose(a, Image.solid(2, 2, 11, 19, 30), 1);
        assertEquals(1, a.maxDifference(Image.solid(2, 2, 11, 19, 30)));
    }

    @Test
    void assertCloseNamesTheFirstDifferenceInOneLine() {
        Image expected = Image.solid(4, 2, 10, 20, 30);
        int[] px = expected.pixels();
        px[6] = Image.pack(10, 23, 30);
        px[7] = Image.pack(10, 20, 35);
        AssertionError e = assertThrows(AssertionError.class, () -> Image.assertClose(expected, Image.of(4, 2, px), 1));
        assertEquals("2 of 8 pixels differ by more than 1 level (by up to 5); the first at (2, 1):"
                + " expected rgb(10, 20, 30), got rgb(10, 23, 30)", e.getMessage());
        AssertionError exact = assertThrows(AssertionError.class, () -> Image.assertClose(expected, Image.of(4, 2, px), 0));
        assertEquals("2 of 8 pixels differ (by up to 5 levels); the first at (2, 1): expected rgb(10, 20, 30), got"
                + " rgb(10, 23, 30)", exact.getMessage());
        AssertionError size = assertThrows(AssertionError.class,
                () -> Image.assertClose(expected, Image.solid(2, 4, 10, 20, 30), 0));
        assertEquals("expected a 4x2 image, got 2x4", size.getMessage());
    }
}
