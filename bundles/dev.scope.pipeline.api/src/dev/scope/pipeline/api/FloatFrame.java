package dev.scope.pipeline.api;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A frame of float RGB values in {@code [0, 1]}: {@code height x width x 3}, row-major,
 * channel last, as Scope's pipelines return tensors. A pipeline may return these through
 * {@link Output#ofFloat}; the engine converts them once to 8-bit frames, rounding
 * ({@code round(clamp(v, 0, 1) * 255)}). Non-finite values make the stage fail.
 *
 * <p>The array is not copied; after returning it in an {@link Output} the caller must not
 * change it.
 *
 * @param width width in pixels, at least 1
 * @param height height in pixels, at least 1
 * @param rgb {@code width * height * 3} values
 */
public record FloatFrame(int width, int height, float[] rgb) {

    /**
     * @throws IllegalArgumentException when the array length does not match the size
     */
    public FloatFrame {
        Objects.requireNonNull(rgb, "rgb");
        if (width < 1 || height < 1 || (long) width * height * 3 != rgb.length) {
            throw new IllegalArgumentException("a " + width + "x" + height
                    + " float frame needs " + (long) width * height * 3 + " values, got " + rgb.length);
        }
    }

    /**
     * @return a new float frame of this size, all zero
     * @param width width in pixels
     * @param height height in pixels
     */
    public static FloatFrame allocate(int width, int height) {
        return new FloatFrame(width, height, new float[Math.multiplyExact(Math.multiplyExact(width, height), 3)]);
    }

    /**
     * Converts to an 8-bit frame, rounding to the nearest level.
     *
     * @return a new host frame
     * @throws IllegalArgumentException naming the first non-finite value
     */
    public Frame toFrame() {
        Frame out = Frame.allocate(width, height); // the padding bytes stay zero
        ByteBuffer p = out.pixels();
        int n = width * height;
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                float v = rgb[i * 3 + c];
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException("non-finite value " + v + " at pixel ("
                            + i % width + ", " + i / width + ") channel " + c);
                }
                float clamped = v < 0f ? 0f : (v > 1f ? 1f : v);
                p.put(i * 4 + c, (byte) Math.round(clamped * 255f));
            }
            p.put(i * 4 + 3, (byte) 0xFF);
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatFrame f && f.width == width && f.height == height
                && java.util.Arrays.equals(f.rgb, rgb);
    }

    @Override
    public int hashCode() {
        return Objects.hash(width, height, java.util.Arrays.hashCode(rgb));
    }

    @Override
    public String toString() {
        return "FloatFrame[" + width + "x" + height + "]";
    }
}
