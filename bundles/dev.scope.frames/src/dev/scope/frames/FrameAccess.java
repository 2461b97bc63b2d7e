package dev.scope.frames;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

import dev.scope.pipeline.api.Frame;

/**
 * What the platform's bundles may do with frames that pipelines may not: lend a handle to a stage
 * as a borrowed view, find the handle behind such a view, and reach a host frame's memory directly
 * (decoders, encoders and device transfers move whole frames without an extra copy). Stateless.
 */
public final class FrameAccess {

    private FrameAccess() {
    }

    /**
     * @param handle a handle the caller keeps (and releases) itself
     * @return a read-only view of it that cannot be released, for lending to a stage for one call;
     *         end the loan with {@link #endLoan} after the call
     */
    public static Frame borrow(Frame handle) {
        return new Borrowed(target(handle));
    }

    /** Ends the loan of a view made by {@link #borrow}: using it afterwards throws. Others: nothing. */
    public static void endLoan(Frame view) {
        if (view instanceof Borrowed b) {
            b.expire();
        }
    }

    /** @return whether the frame is a borrowed view ({@link #borrow}) */
    public static boolean isBorrowed(Frame frame) {
        return frame instanceof Borrowed;
    }

    /** @return the handle behind a borrowed view, or the frame itself */
    public static Frame target(Frame frame) {
        return frame instanceof Borrowed b ? b.target : frame;
    }

    /**
     * The memory of a host frame of a {@link FramePool}, also through a borrowed view: RGBA8 bytes,
     * row-major, {@code width * 4} a row, in a direct buffer at position 0 and native order. It is
     * writable only through a writable handle. Valid while the handle is held; whoever calls this
     * keeps no buffer beyond that.
     *
     * @param frame a frame
     * @return its memory, or empty for a device frame and frames of other makers
     * @throws IllegalStateException when the handle was released, or the view's loan ended
     */
    public static Optional<ByteBuffer> memory(Frame frame) {
        if (frame instanceof Borrowed view) {
            view.current();
        }
        if (target(frame) instanceof HostFrame h) {
            h.live();
            ByteBuffer b = frame.writable() ? h.block.bytes.duplicate() : h.block.bytes.asReadOnlyBuffer();
            return Optional.of(b.clear().order(ByteOrder.nativeOrder()));
        }
        return Optional.empty();
    }
}
