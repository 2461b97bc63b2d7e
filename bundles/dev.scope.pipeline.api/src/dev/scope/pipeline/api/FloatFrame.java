package dev.scope.pipeline.api;

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
