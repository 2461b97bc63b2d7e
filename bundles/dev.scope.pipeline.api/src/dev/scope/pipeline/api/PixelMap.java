package dev.scope.pipeline.api;

import java.util.Arrays;
import java.util.function.IntUnaryOperator;

/**
 * One per-pixel map of red, green and blue levels, as a value the platform can run: what a
 * {@link PixelEffect} returns for its parameters, and what {@link PixelOps#apply} runs, several
 * at once in one pass over a frame. Each map depends on a pixel's own levels only (never on its
 * neighbours or its padding byte), and every result has the padding byte set, so running maps one
 * after the other in one pass gives exactly the levels of running them as separate stages.
 *
 * <p>Three kinds, each with the arithmetic of the helper it matches, on every path:
 * <ul>
 * <li>{@link #affine}: {@link PixelOps#affine}'s map (a blend in 8-bit fixed point when no level
 * clamps, else a table);</li>
 * <li>{@link #lookup}: a table of 256 levels, as {@link PixelOps#lookup};</li>
 * <li>{@link #matrix}: a 3x3 colour matrix and an offset in 16-bit fixed point, as gray and
 * colour grade use.</li>
 * </ul>
 * A map is immutable and may be kept and reused across frames.
 */
public final class PixelMap {

    /** What a map does; {@link #constants()} holds its numbers. */
    public enum Kind {
        /**
         * {@code v -> (v * keep + (255 - v) * inverse + 128) >> 8} per level; constants: keep,
         * inverse (both 0..256).
         */
        BLEND,
        /**
         * A table per channel; constants: 256 red levels, 256 green levels shifted left by 8, 256
         * blue levels shifted left by 16.
         */
        TABLE,
        /**
         * {@code out_c = clamp((m[3c] r + m[3c + 1] g + m[3c + 2] b + offset) >> 16, 0, 255)};
         * constants: the nine {@code m}, then {@code offset} (which holds the rounding half).
         */
        MATRIX
    }

    /** The largest matrix entry in fixed point: three of them times 255 plus the offset stay in an int. */
    private static final int MAX_ENTRY = 1 << 20;
    private static final int ONE = 1 << 16;

    private final Kind kind;
    private final int[] constants;

    private PixelMap(Kind kind, int[] constants) {
        this.kind = kind;
        this.constants = constants;
    }

    /**
     * {@code gain * v + offset} for every red, green and blue level, rounded and clamped to
     * {@code 0..255}: exactly the map of {@link PixelOps#affine} with the same arguments.
     *
     * @param gain the slope; {@code -1} with {@code offset = 255} inverts
     * @param offset the level of {@code v = 0}
     * @return the map
     */
    public static PixelMap affine(double gain, double offset) {
        double top = offset + 255 * gain;
        if (Double.isFinite(gain) && Double.isFinite(offset) && offset >= 0 && offset <= 255 && top >= 0
                && top <= 255) {
            // v -> (v * keep + (255 - v) * inverse + 128) >> 8: at v = 0 about offset, at 255 about top
            return new PixelMap(Kind.BLEND, new int[] {(int) Math.round(256 * top / 255),
                    (int) Math.round(256 * offset / 255)});
        }
        int[] levels = new int[256];
        for (int v = 0; v < 256; v++) {
            levels[v] = (int) Math.max(0, Math.min(255, Math.round(gain * v + offset))); // long: no wrap-around
        }
        return table(levels);
    }

    /**
     * Every red, green and blue level through one table, built now from {@code level}.
     *
     * @param level a level {@code 0..255} to a level; values outside {@code 0..255} are clamped
     * @return the map
     */
    public static PixelMap lookup(IntUnaryOperator level) {
        int[] levels = new int[256];
        for (int v = 0; v < 256; v++) {
            int l = level.applyAsInt(v);
            levels[v] = l < 0 ? 0 : Math.min(l, 255);
        }
        return table(levels);
    }

    private static PixelMap table(int[] levels) {
        int[] t = new int[768];
        for (int v = 0; v < 256; v++) {
            t[v] = levels[v];
            t[256 + v] = levels[v] << 8;
            t[512 + v] = levels[v] << 16;
        }
        return new PixelMap(Kind.TABLE, t);
    }

    /**
     * A colour matrix: {@code out_c = sum_j m[3c + j] * v_j + offset}, rounded to the nearest level
     * and clamped to {@code 0..255}, with {@code m} and {@code offset} taken to 16 fractional bits
     * ({@code round(x * 65536)}). BT.601 luma is {@code {0.299, 0.587, 0.114}} three times over.
     *
     * @param m nine entries, row-major: the red row, the green row, the blue row
     * @param offset a level added to every channel
     * @return the map
     * @throws IllegalArgumentException for a matrix that is not nine finite entries of at most 16
     *         in magnitude, or an offset that is not finite or is past 16384 in magnitude
     */
    public static PixelMap matrix(double[] m, double offset) {
        if (m == null || m.length != 9) {
            throw new IllegalArgumentException("a colour matrix needs 9 entries (3 rows of 3), got "
                    + (m == null ? "none" : m.length));
        }
        int[] c = new int[10];
        for (int i = 0; i < 9; i++) {
            if (!Double.isFinite(m[i]) || Math.abs(m[i]) * ONE > MAX_ENTRY) {
                throw new IllegalArgumentException("colour matrix entry " + i + " is " + m[i]
                        + "; allowed: finite, at most 16 in magnitude");
            }
            c[i] = (int) Math.round(m[i] * ONE);
        }
        if (!Double.isFinite(offset) || Math.abs(offset) > 16384) {
            throw new IllegalArgumentException("colour matrix offset is " + offset
                    + "; allowed: finite, at most 16384 in magnitude");
        }
        c[9] = (int) Math.round(offset * ONE) + ONE / 2;
        return new PixelMap(Kind.MATRIX, c);
    }

    /** @return what the map does */
    public Kind kind() {
        return kind;
    }

    /** @return the map's numbers as {@link Kind} describes them (a copy) */
    public int[] constants() {
        return constants.clone();
    }

    /** @return whether the map leaves every level as it is */
    public boolean isIdentity() {
        switch (kind) {
            case BLEND:
                return constants[0] == 256 && constants[1] == 0;
            case TABLE:
                for (int v = 0; v < 256; v++) {
                    if (constants[v] != v) {
                        return false;
                    }
                }
                return true;
            default:
                for (int i = 0; i < 9; i++) {
                    if (constants[i] != (i % 4 == 0 ? ONE : 0)) {
                        return false;
                    }
                }
                return constants[9] == ONE / 2;
        }
    }

    /**
     * Applies the map to packed pixels in place (see {@link Frame}): the Java arithmetic the
     * platform runs, also the reference the device's is tested against.
     *
     * @param px packed pixels
     * @param from the first index
     * @param to the index after the last
     */
    public void applyTo(int[] px, int from, int to) {
        int[] c = constants;
        switch (kind) {
            case BLEND: {
                int keep = c[0];
                int inverse = c[1];
                for (int i = from; i < to; i++) {
                    int p = px[i];
                    int even = p & 0x00FF00FF; // red and blue, each in a 16-bit lane
                    int odd = p >>> 8 & 0x00FF00FF; // green and the padding
                    int e = (even * keep + (0x00FF00FF - even) * inverse + 0x00800080) >>> 8 & 0x00FF00FF;
                    int o = (odd * keep + (0x00FF00FF - odd) * inverse + 0x00800080) & 0xFF00FF00;
                    px[i] = e | o | Frame.OPAQUE;
                }
                break;
            }
            case TABLE:
                for (int i = from; i < to; i++) {
                    int p = px[i];
                    px[i] = c[p & 0xFF] | c[256 + (p >>> 8 & 0xFF)] | c[512 + (p >>> 16 & 0xFF)] | Frame.OPAQUE;
                }
                break;
            default: {
                int m0 = c[0], m1 = c[1], m2 = c[2], m3 = c[3], m4 = c[4], m5 = c[5], m6 = c[6], m7 = c[7], m8 = c[8];
                int o = c[9];
                for (int i = from; i < to; i++) {
                    int v = px[i];
                    int r = v & 0xFF;
                    int g = v >>> 8 & 0xFF;
                    int b = v >>> 16 & 0xFF;
                    int r2 = Math.min(Math.max((m0 * r + m1 * g + m2 * b + o) >> 16, 0), 255);
                    int g2 = Math.min(Math.max((m3 * r + m4 * g + m5 * b + o) >> 16, 0), 255);
                    int b2 = Math.min(Math.max((m6 * r + m7 * g + m8 * b + o) >> 16, 0), 255);
                    px[i] = r2 | g2 << 8 | b2 << 16 | Frame.OPAQUE;
                }
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PixelMap other && other.kind == kind && Arrays.equals(other.constants, constants);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(constants);
    }

    @Override
    public String toString() {
        return kind == Kind.TABLE ? "PixelMap[TABLE]" : "PixelMap[" + kind + " " + Arrays.toString(constants) + "]";
    }
}
