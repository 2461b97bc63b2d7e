package dev.scope.media;

import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Optional;

import dev.scope.frames.FrameAccess;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;

/**
 * A moving, colourful test pattern ({@code testsrc}): a rainbow that scrolls sideways over the
 * upper two thirds, eight grey steps from black to white below it, and a white square with a
 * black border that bounces around. Frame {@code n} is a pure function of {@code n} and the size,
 * so a test can regenerate any frame exactly.
 *
 * <p>Immutable and thread-safe.
 */
public final class TestPattern {

    private final int width;
    private final int height;
    /** Frame 0 without the square, as packed pixels (red in the low byte): each frame is copied from it. */
    private final int[] base;

    /**
     * @param width width in pixels, at least 16
     * @param height height in pixels, at least 16
     * @throws IllegalArgumentException for a smaller size
     */
    public TestPattern(int width, int height) {
        if (width < 16 || height < 16) {
            throw new IllegalArgumentException("test pattern size must be at least 16x16, was " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.base = new int[Math.multiplyExact(width, height)];
        int rainbowRows = height * 2 / 3;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                base[y * width + x] = packed(y < rainbowRows ? rainbow(x, y, rainbowRows) : grey(x));
            }
        }
    }

    /** @return the width in pixels */
    public int width() {
        return width;
    }

    /** @return the height in pixels */
    public int height() {
        return height;
    }

    /**
     * @param n the frame number, from 0
     * @param frames where the frame comes from
     * @return a new writable host frame, owned by the caller
     */
    public Frame frame(long n, FrameAllocator frames) {
        Frame frame = frames.allocateUninitialized(width, height); // every pixel is written below
        Optional<java.nio.ByteBuffer> memory = FrameAccess.memory(frame);
        if (memory.isPresent()) { // a pool frame: drawn straight into its memory
            draw(memory.get().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer(), n);
        } else {
            int[] pixels = new int[width * height];
            draw(IntBuffer.wrap(pixels), n);
            frame.write(pixels);
        }
        return frame;
    }

    /**
     * @param n the frame number, from 0
     * @return frame {@code n} as packed pixels (see {@link Frame}), for tests that compare
     */
    public int[] pixels(long n) {
        int[] pixels = new int[width * height];
        draw(IntBuffer.wrap(pixels), n);
        return pixels;
    }

    private void draw(IntBuffer p, long n) {
        int rainbowRows = height * 2 / 3;
        int shift = (int) Math.floorMod(n * 4, (long) width);
        for (int y = 0; y < rainbowRows; y++) { // the rainbow scrolled left by shift: two copies a row
            int row = y * width;
            p.put(row, base, row + shift, width - shift);
            p.put(row + width - shift, base, row, shift);
        }
        p.put(rainbowRows * width, base, rainbowRows * width, (height - rainbowRows) * width);
        drawSquare(p, n);
    }

    private int rainbow(int x, int y, int rows) {
        int hue = x * 1536 / width; // six sextants of 256 levels
        int sextant = hue >> 8;
        int f = hue & 0xFF;
        int r, g, b;
        switch (sextant) {
            case 0 -> { r = 255; g = f; b = 0; }
            case 1 -> { r = 255 - f; g = 255; b = 0; }
            case 2 -> { r = 0; g = 255; b = f; }
            case 3 -> { r = 0; g = 255 - f; b = 255; }
            case 4 -> { r = f; g = 0; b = 255; }
            default -> { r = 255; g = 0; b = 255 - f; }
        }
        int value = 96 + 159 * (rows - 1 - y) / Math.max(1, rows - 1); // brighter at the top
        return (r * value / 255) << 16 | (g * value / 255) << 8 | (b * value / 255);
    }

    private int grey(int x) {
        int level = Math.min(7, x * 8 / width) * 255 / 7;
        return level << 16 | level << 8 | level;
    }

    private void drawSquare(IntBuffer p, long n) {
        int side = Math.max(4, Math.min(width, height) / 6);
        int x0 = bounce(n * 5, width - side);
        int y0 = bounce(n * 3, height - side);
        int black = packed(0x000000);
        int[] edge = new int[side];
        int[] middle = new int[side];
        java.util.Arrays.fill(edge, black);
        java.util.Arrays.fill(middle, packed(0xFFFFFF));
        middle[0] = middle[1] = middle[side - 2] = middle[side - 1] = black;
        for (int y = 0; y < side; y++) {
            p.put((y0 + y) * width + x0, y < 2 || y >= side - 2 ? edge : middle, 0, side);
        }
    }

    private static int bounce(long t, int range) {
        if (range <= 0) {
            return 0;
        }
        long m = Math.floorMod(t, 2L * range);
        return (int) (m <= range ? m : 2L * range - m);
    }

    /** @return {@code 0xRRGGBB} as an opaque pixel read little-endian: red in the low byte */
    private static int packed(int rgb) {
        return 0xFF00_0000 | (rgb & 0xFF) << 16 | (rgb & 0xFF00) | (rgb >> 16 & 0xFF);
    }
}
