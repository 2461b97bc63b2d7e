package dev.scope.engine.api;

import java.util.Objects;

import dev.scope.pipeline.api.Frame;

/**
 * A frame with its presentation time.
 *
 * @param frame the frame; see {@link FrameSource#next()} and {@link FrameSink#accept} for who owns it
 * @param ptsMicros presentation time in microseconds from the start of the stream
 */
public record TimedFrame(Frame frame, long ptsMicros) {

    /** Checks the frame. */
    public TimedFrame {
        Objects.requireNonNull(frame, "frame");
    }
}
