package dev.scope.pipeline.api;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A frame in direct host memory; see {@link Frame} for layout and ownership. */
final class HostFrame implements Frame {

    private final int width;
    private final int height;
    private volatile ByteBuffer memory;

    /** @param zeroed whether every byte must be zero, else they are left as the pool had them */
    HostFrame(int width, int height, boolean zeroed) {
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new IllegalArgumentException("a frame of " + width + "x" + height + " is past the frame size limit:"
                    + " 1 to " + MAX_SIDE + " pixels on each side");
        }
        this.width = width;
        this.height = height;
        this.memory = FramePool.take(width * height * BYTES_PER_PIXEL, zeroed);
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public Residency residency() {
        return Residency.HOST;
    }

    @Override
    public ByteBuffer pixels() {
        ByteBuffer m = memory;
        if (m == null) {
            throw new IllegalStateException("the frame was released; its memory belongs to another frame now");
        }
        return m.duplicate().order(ByteOrder.nativeOrder());
    }

    @Override
    public void release() {
        ByteBuffer m;
        synchronized (this) {
            m = memory;
            memory = null;
        }
        if (m != null) {
            FramePool.give(m);
        }
    }

    @Override
    public String toString() {
        return "Frame[" + width + "x" + height + ", host]";
    }
}
