package dev.scope.harness;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntUnaryOperator;

import dev.scope.pipeline.api.Frame;

/**
 * The pixels of one frame as a plain value, for tests: what a test gives {@link PipelineHarness#call}
 * and what it gets back. Pixels are packed as {@link Frame} packs them, one {@code int} a pixel,
 * row-major, red in the low byte, then green and blue; the high (padding) byte is always
 * {@code 0xFF} here and ignored when pixels are given.
 *
 * <p>Immutable: every array going in or out is copied. Two images are {@link #equals equal} when
 * they have the same size and the same red, green and blue levels.
 */
public final class Image {

    private final int width;
    private final int height;
    private final int[] pixels;

    private Image(int width, int height, int[] pixels) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /**
     * @param width width in pixels, 1 to {@link Frame#MAX_SIDE}
     * @param height height in pixels, 1 to {@link Frame#MAX_SIDE}
     * @param pixels exactly {@code width * height} packed pixels (see {@link #pack}), row after row
     * @return an image of these pixels
     * @throws IllegalArgumentException for a size outside the limits or the wrong number of pixels
     */
    public static Image of(int width, int height, int... pixels) {
        checkSize(width, height);
        Objects.requireNonNull(pixels, "pixels");
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image has " + width * height
                    + " pixels, got " + pixels.length);
        }
        int[] copy = new int[pixels.length];
        for (int i = 0; i < copy.length; i++) {
            copy[i] = pixels[i] | Frame.OPAQUE;
        }
        return new Image(width, height, copy);
    }

    /**
     * @param width width in pixels
     * @param height height in pixels
     * @param red red level, 0 to 255
     * @param green green level, 0 to 255
     * @param blue blue level, 0 to 255
     * @return an image of one colour
     */
    public static Image solid(int width, int height, int red, int green, int blue) {
        checkSize(width, height);
        int[] px = new int[width * height];
        Arrays.fill(px, pack(red, green, blue));
        return new Image(width, height, px);
    }

    /**
     * A gradient over every level: red rises from 0 at the left to 255 at the right, green from 0
     * at the top to 255 at the bottom, and blue is {@code 255 - (red + green) / 2}. At 256 pixels
     * wide (or high) every red (green) level occurs.
     *
     * @param width width in pixels
     * @param height height in pixels
     * @return the gradient
     */
    public static Image gradient(int width, int height) {
        checkSize(width, height);
        int[] px = new int[width * height];
        for (int y = 0; y < height; y++) {
            int green = ramp(y, height);
            for (int x = 0; x < width; x++) {
                int red = ramp(x, width);
                px[y * width + x] = pack(red, green, 255 - (red + green) / 2);
            }
        }
        return new Image(width, height, px);
    }

    /**
     * @param red red level, 0 to 255
     * @param green green level, 0 to 255
     * @param blue blue level, 0 to 255
     * @return the packed pixel, padding {@code 0xFF}
     * @throws IllegalArgumentException for a level outside 0 to 255
     */
    public static int pack(int red, int green, int blue) {
        if ((red | green | blue) >>> 8 != 0) {
            throw new IllegalArgumentException("levels are 0 to 255, got rgb(" + red + ", " + green + ", " + blue + ")");
        }
        return red | green << 8 | blue << 16 | Frame.OPAQUE;
    }

    /** @return the width in pixels */
    public int width() {
        return width;
    }

    /** @return the height in pixels */
    public int height() {
        return height;
    }

    /** @return a copy of the packed pixels, row after row */
    public int[] pixels() {
        return pixels.clone();
    }

    /**
     * @param x column
     * @param y row
     * @return the packed pixel at {@code (x, y)}
     * @throws IndexOutOfBoundsException outside the image
     */
    public int pixel(int x, int y) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        return pixels[y * width + x];
    }

    /**
     * @param x column
     * @param y row
     * @return the pixel at {@code (x, y)} as {@code 0xRRGGBB}, as {@link Frame#rgb} gives it
     */
    public int rgb(int x, int y) {
        int p = pixel(x, y);
        return (p & 0xFF) << 16 | (p >>> 8 & 0xFF) << 8 | (p >>> 16 & 0xFF);
    }

    /**
     * @param x column
     * @param y row
     * @return the red level at {@code (x, y)}
     */
    public int red(int x, int y) {
        return pixel(x, y) & 0xFF;
    }

    /**
     * @param x column
     * @param y row
     * @return the green level at {@code (x, y)}
     */
    public int green(int x, int y) {
        return pixel(x, y) >>> 8 & 0xFF;
    }

    /**
     * @param x column
     * @param y row
     * @return the blue level at {@code (x, y)}
     */
    public int blue(int x, int y) {
        return pixel(x, y) >>> 16 & 0xFF;
    }

    /**
     * The image a point operation makes, for expected results: {@code gradient.mapLevels(v -> 255 - v)}
     * is its inversion.
     *
     * @param level every red, green and blue level to a new level; results are clamped to 0 to 255
     * @return a new image
     */
    public Image mapLevels(IntUnaryOperator level) {
        int[] table = new int[256];
        for (int v = 0; v < 256; v++) {
            table[v] = Math.clamp(level.applyAsInt(v), 0, 255);
        }
        int[] px = new int[pixels.length];
        for (int i = 0; i < px.length; i++) {
            int p = pixels[i];
            px[i] = pack(table[p & 0xFF], table[p >>> 8 & 0xFF], table[p >>> 16 & 0xFF]);
        }
        return new Image(width, height, px);
    }

    /**
     * @param other an image of the same size
     * @return the largest difference of one red, green or blue level between the two
     * @throws IllegalArgumentException when the sizes differ
     */
    public int maxDifference(Image other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("cannot compare a " + size() + " image with a " + other.size() + " one");
        }
        int max = 0;
        for (int i = 0; i < pixels.length; i++) {
            max = Math.max(max, difference(pixels[i], other.pixels[i]));
        }
        return max;
    }

    /**
     * Checks that two images have the same size and differ by at most {@code tolerance} levels in
     * every red, green and blue value.
     *
     * @param expected the expected image
     * @param actual the image a pipeline made
     * @param tolerance the largest difference allowed, in levels; 0 for exactly equal
     * @throws AssertionError otherwise, in one line: the size, or how many pixels differ, by how much,
     *         and the first of them with both values
     */
    public static void assertClose(Image expected, Image actual, int tolerance) {
        Objects.requireNonNull(expected, "expected");
        if (actual == null) {
            throw new AssertionError("expected a " + expected.size() + " image, got null");
        }
        if (actual.width != expected.width || actual.height != expected.height) {
            throw new AssertionError("expected a " + expected.size() + " image, got " + actual.size());
        }
        int count = 0;
        int worst = 0;
        int first = -1;
        for (int i = 0; i < expected.pixels.length; i++) {
            int d = difference(expected.pixels[i], actual.pixels[i]);
            if (d > tolerance) {
                count++;
                worst = Math.max(worst, d);
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (count > 0) {
            int x = first % expected.width;
            int y = first / expected.width;
            String by = tolerance == 0 ? " differ (by up to " + worst + (worst == 1 ? " level" : " levels") + ")"
                    : " differ by more than " + tolerance + (tolerance == 1 ? " level" : " levels") + " (by up to "
                            + worst + ")";
            throw new AssertionError(count + " of " + expected.pixels.length + " pixels" + by + "; the first at (" + x
                    + ", " + y + "): expected " + describe(expected.pixels[first]) + ", got "
                    + describe(actual.pixels[first]));
        }
    }

    private static int difference(int a, int b) {
        int dr = Math.abs((a & 0xFF) - (b & 0xFF));
        int dg = Math.abs((a >>> 8 & 0xFF) - (b >>> 8 & 0xFF));
        int db = Math.abs((a >>> 16 & 0xFF) - (b >>> 16 & 0xFF));
        return Math.max(dr, Math.max(dg, db));
    }

    private static String describe(int p) {
        return "rgb(" + (p & 0xFF) + ", " + (p >>> 8 & 0xFF) + ", " + (p >>> 16 & 0xFF) + ")";
    }

    private static int ramp(int i, int n) {
        return n == 1 ? 0 : (int) Math.round(255.0 * i / (n - 1));
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1 || width > Frame.MAX_SIDE || height > Frame.MAX_SIDE) {
            throw new IllegalArgumentException("an image of " + width + "x" + height + " is past the frame size limit: 1 to "
                    + Frame.MAX_SIDE + " pixels on each side");
        }
    }

    private String size() {
        return width + "x" + height;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Image i && i.width == width && i.height == height && Arrays.equals(i.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "Image[" + size() + (pixels.length == 1 ? " " + describe(pixels[0]) : "") + "]";
    }
}
