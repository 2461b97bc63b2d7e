package dev.scope.media.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

import dev.scope.frames.FrameAccess;
import dev.scope.pipeline.api.Frame;

/**
 * Whole-frame byte access for decoders and encoders: the memory of a pool frame where there is
 * one (no copy), else a copy through the frame's bulk reads into a direct scratch buffer. Used by
 * one thread at a time.
 */
final class HostPixels {

    /** Bytes of one RGBA8 pixel. */
    static final int BYTES_PER_PIXEL = 4;

    private ByteBuffer scratch;
    private int[] row;

    /**
     * @param frame a host or device frame, borrowed or not; read only
     * @return its RGBA8 bytes, row-major, {@code width * 4} a row, at position 0, valid until the
     *         next call or the frame's release
     */
    ByteBuffer read(Frame frame) {
        Optional<ByteBuffer> memory = FrameAccess.memory(frame);
        if (memory.isPresent()) {
            return memory.get();
        }
        int w = frame.width();
        int h = frame.height();
        ByteBuffer bytes = scratch(w * h * BYTES_PER_PIXEL);
        var ints = bytes.order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        int[] r = row(w);
        for (int y = 0; y < h; y++) {
            frame.readRows(y, 1, r, 0);
            ints.put(y * w, r, 0, w);
        }
        return bytes;
    }

    /**
     * Where to write every byte of a new writable frame: its memory, or a scratch buffer that
     * {@link #commit} then copies in.
     */
    ByteBuffer target(Frame frame) {
        return FrameAccess.memory(frame).orElseGet(() -> scratch(frame.width() * frame.height() * BYTES_PER_PIXEL));
    }

    /** Copies what was written into {@link #target}'s scratch buffer into the frame; nothing when it was its memory. */
    void commit(Frame frame, ByteBuffer written) {
        if (FrameAccess.memory(frame).isPresent()) {
            return;
        }
        int w = frame.width();
        var ints = written.duplicate().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        int[] r = row(w);
        for (int y = 0; y < frame.height(); y++) {
            ints.get(y * w, r, 0, w);
            frame.writeRows(y, 1, r, 0);
        }
    }

    private ByteBuffer scratch(int bytes) {
        if (scratch == null || scratch.capacity() < bytes) {
            scratch = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        return scratch.clear().limit(bytes);
    }

    private int[] row(int width) {
        if (row == null || row.length < width) {
            row = new int[width];
        }
        return row;
    }
}
