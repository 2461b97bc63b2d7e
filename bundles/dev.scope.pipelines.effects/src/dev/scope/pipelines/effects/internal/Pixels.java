package dev.scope.pipelines.effects.internal;

import dev.scope.pipeline.api.Frame;

/**
 * Packed pixels (see {@link Frame}: one {@code int} a pixel, red in the low byte, then green, blue
 * and the padding byte) made and taken apart the way every effect does it.
 */
final class Pixels {

    private Pixels() {
    }

    /** @return BT.601 luma of a packed pixel, rounded, in fixed point (weights sum to 2^16) */
    static int luma(int rgb) {
        return (19595 * (rgb & 0xFF) + 38470 * (rgb >>> 8 & 0xFF) + 7471 * (rgb >>> 16 & 0xFF) + 32768) >>> 16;
    }

    /** @return a packed opaque pixel of three levels in 0..255 */
    static int pack(int r, int g, int b) {
        return r | g << 8 | b << 16 | Frame.OPAQUE;
    }

    /** @return a packed opaque grey pixel */
    static int grey(int level) {
        return level * 0x01_01_01 | Frame.OPAQUE;
    }
}
