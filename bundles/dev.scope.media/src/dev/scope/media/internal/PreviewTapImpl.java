package dev.scope.media.internal;

import java.util.Optional;

import dev.scope.engine.api.TimedFrame;
import dev.scope.frames.FrameAccess;
import dev.scope.media.PreviewTap;

/**
 * Keeps a reference to the latest frame: the frame a sink is shown is borrowed for the call, so the
 * tap retains the handle behind it, and lets the one before go. Frames never change once made, so a
 * handle handed out by {@link #latest()} never changes under its reader.
 */
final class PreviewTapImpl implements PreviewTap {

    private TimedFrame latest;
    private boolean closed;

    @Override
    public String description() {
        return "preview tap";
    }

    @Override
    public void accept(TimedFrame frame, double frameRate) {
        TimedFrame kept = new TimedFrame(FrameAccess.target(frame.frame()).retain(), frame.ptsMicros());
        TimedFrame before;
        synchronized (this) {
            if (closed) {
                kept.frame().release();
                return;
            }
            before = latest;
            latest = kept;
        }
        if (before != null) {
            before.frame().release();
        }
    }

    @Override
    public synchronized Optional<TimedFrame> latest() {
        return latest == null ? Optional.empty() : Optional.of(new TimedFrame(latest.frame().retain(), latest.ptsMicros()));
    }

    @Override
    public void close() {
        TimedFrame before;
        synchronized (this) {
            closed = true;
            before = latest;
            latest = null;
        }
        if (before != null) {
            before.frame().release();
        }
    }
}
