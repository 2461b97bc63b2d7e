package dev.scope.ui.preview;

import java.util.Arrays;

import dev.scope.frames.FramePool;
import dev.scope.pipeline.api.Frame;

/** Test frames from a pool, drawn as blocks of plain colours so any scaling filter keeps them. */
final class Frames {

    private Frames() {
    }

    /** @return the frame pixel (red in the low byte) of a {@code 0xRRGGBB} colour */
    static int packed(int rgb) {
        return 0xFF00_0000 | (rgb & 0xFF) << 16 | (rgb & 0xFF00) | (rgb >>> 16 & 0xFF);
    }

    /** @return a frame of one colour ({@code 0xRRGGBB}) */
    static Frame solid(FramePool pool, int width, int height, int rgb) {
        int[] px = new int[width * height];
        Arrays.fill(px, packed(rgb));
        return pool.of(width, height, px);
    }

    /**
     * @param quadrants four {@code 0xRRGGBB} colours: top left, top right, bottom left, bottom right
     * @return a frame of four coloured quadrants
     */
    static Frame quadrants(FramePool pool, int width, int height, int... quadrants) {
        int[] px = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int q = (y < height / 2 ? 0 : 2) + (x < width / 2 ? 0 : 1);
                px[y * width + x] = packed(quadrants[q]);
            }
        }
        return pool.of(width, height, px);
    }

    /** @return a frame of pseudo-random pixels, the same for the same seed */
    static Frame noise(FramePool pool, int width, int height, long seed) {
        java.util.Random r = new java.util.Random(seed);
        int[] px = new int[width * height];
        for (int i = 0; i < px.length; i++) {
            px[i] = packed(r.nextInt(1 << 24));
        }
        return pool.of(width, height, px);
    }
}
