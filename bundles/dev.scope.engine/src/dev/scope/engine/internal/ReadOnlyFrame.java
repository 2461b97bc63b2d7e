package dev.scope.engine.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

import dev.scope.pipeline.api.Frame;

/** The view of a frame that stages receive: same memory, no writes. */
record ReadOnlyFrame(Frame frame) implements Frame {

    static Frame of(Frame frame) {
        return frame instanceof ReadOnlyFrame ? frame : new ReadOnlyFrame(frame);
    }

    @Override
    public int width() {
        return frame.width();
    }

    @Override
    public int height() {
        return frame.height();
    }

    @Override
    public Residency residency() {
        return frame.residency();
    }

    @Override
    public ByteBuffer pixels() {
        return frame.pixels().asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : frame.unwrap(type);
    }
}
