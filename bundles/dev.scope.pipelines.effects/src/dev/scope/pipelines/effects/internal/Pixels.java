package dev.scope.pipelines.effects.internal;

import java.nio.ByteOrder;
import java.nio.IntBuffer;

import dev.scope.pipeline.api.Frame;

/**
 * Frames as arrays of packed pixels: one {@code int} a pixel, red in the low byte, then green,
 * blue and the padding byte (the frame's bytes read little-endian). Whole frames move in one bulk
 * copy each way, so the effects work on plain arrays.
 */
final class Pixels {

    /** The padding byte set, as in every frame the effects produce. */
    static final int OPAQUE = 0xFF00_0000;

    private Pixels() {
    }

    /** Copies the pixels of {@code frame} into {@code dst}, which holds at least width * height. */
    static void read(Frame frame, int[] dst) {
        view(frame).get(0, dst, 0, frame.width() * frame.height());
    }

    /** @return a new frame holding the first {@code width * height} pixels of {@code src} */
    static Frame frame(int[] src, int width, int height) {
        Frame out = Frame.allocateUninitialized(width, height);
        view(out).put(0, src, 0, width * height);
        return out;
    }

    /** @return BT.601 luma of a packed pixel, rounded, in fixed point (weights sum to 2^16) */
    static int luma(int rgb) {
        return (19595 * (rgb & 0xFF) + 38470 * (rgb >>> 8 & 0xFF) + 7471 * (rgb >>> 16 & 0xFF) + 32768) >>> 16;
    }

    /** @return a packed opaque pixel of three levels in 0..255 */
    static int pack(int r, int g, int b) {
        return r | g << 8 | b << 16 | OPAQUE;
    }

    /** @return a packed opaque grey pixel */
    static int grey(int level) {
        return level * 0x01_01_01 | OPAQUE;
    }

    /**
     * @return the frame's pixels as packed ints; absolute bulk gets and puts on one view may run
     *         from several threads on disjoint ranges
     */
    static IntBuffer view(Frame frame) {
        return frame.pixels().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
    }
}
