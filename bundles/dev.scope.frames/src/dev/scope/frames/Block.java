package dev.scope.frames;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The memory of one host frame, reference counted: every {@link HostFrame} handle holds one
 * reference, and the last release gives the buffer back to its pool.
 */
final class Block {

    final int width;
    final int height;
    /** Direct, native order; position 0, limit the frame's bytes. */
    final ByteBuffer bytes;
    /** The same memory as packed pixels: little-endian ints, red in the low byte. */
    final IntBuffer pixels;
    private final FramePool pool;
    private final AtomicInteger references = new AtomicInteger(1);

    Block(FramePool pool, int width, int height, ByteBuffer bytes) {
        this.pool = pool;
        this.width = width;
        this.height = height;
        this.bytes = bytes;
        this.pixels = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
    }

    void retain() {
        references.updateAndGet(n -> {
            if (n <= 0) {
                throw new IllegalStateException("the frame's memory was already given back");
            }
            return n + 1;
        });
    }

    void release() {
        int left = references.decrementAndGet();
        if (left == 0) {
            pool.giveBack(this);
        } else if (left < 0) {
            throw new IllegalStateException("a frame's memory was released once too often");
        }
    }
}
