package dev.scope.media.internal;

import java.util.Optional;

import dev.scope.engine.api.TimedFrame;
import dev.scope.media.PreviewTap;
import dev.scope.pipeline.api.Frame;

/**
 * Keeps a copy of the latest frame. Each frame gets its own copy, so a frame handed out by
 * {@link #latest()} never changes under its reader.
 */
final class PreviewTapImpl implements PreviewTap {

    private volatile TimedFrame latest;

    @Override
    public String description() {
        return "preview tap";
    }

    @Override
    public void accept(TimedFrame frame, double frameRate) {
        latest = new TimedFrame(Frame.copyOf(frame.frame()), frame.ptsMicros());
    }

    @Override
    public Optional<TimedFrame> latest() {
        return Optional.ofNullable(latest);
    }

    @Override
    public void close() {
        // the last frame stays available
    }
}
