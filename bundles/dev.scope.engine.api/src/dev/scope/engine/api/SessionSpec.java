package dev.scope.engine.api;

import java.util.List;
import java.util.Objects;

/**
 * What a {@link Session} runs.
 *
 * @param chain the chain
 * @param source the input in video mode; {@code null} in text mode. The session owns it from
 *        {@link Engine#start} on and closes it.
 * @param sinks where output frames go; the session owns and closes them
 * @param realTime {@code true}: pace the source to its frame rate and drop frames when the chain
 *        cannot keep up (latency stays bounded; drops are counted); {@code false}: as fast as
 *        possible, queues block, nothing is dropped
 * @param durationSeconds stop after this much source time, at most {@value #MAX_DURATION_SECONDS}; 0:
 *        until the source ends
 * @param textFrameRate frames per second generated in text mode (in real-time mode the pace),
 *        {@value #MIN_FRAME_RATE} to {@value #MAX_FRAME_RATE}
 * @param queueCapacity frames the input and output queues hold, at least 1
 * @param clock what real-time pacing and latency are measured by ({@link SessionClock#SYSTEM})
 */
public record SessionSpec(ChainSpec chain, FrameSource source, List<FrameSink> sinks, boolean realTime,
        double durationSeconds, double textFrameRate, int queueCapacity, SessionClock clock) {

    /**
     * The lowest frame rate of a source or of text mode, frames per second.
     *
     * @since 2.0
     */
    public static final double MIN_FRAME_RATE = 0.1;

    /**
     * The highest frame rate of a source or of text mode, frames per second.
     *
     * @since 2.0
     */
    public static final double MAX_FRAME_RATE = 1000;

    /**
     * The longest duration a session may be given, in seconds (a week); without one it runs until
     * its source ends or it is closed.
     *
     * @since 2.0
     */
    public static final double MAX_DURATION_SECONDS = 7 * 24 * 3600;

    /**
     * Checks and copies.
     *
     * @throws BadInputException for a frame rate or duration past its limit
     */
    public SessionSpec {
        Objects.requireNonNull(chain, "chain");
        Objects.requireNonNull(clock, "clock");
        sinks = List.copyOf(sinks);
        if (!(textFrameRate >= MIN_FRAME_RATE && textFrameRate <= MAX_FRAME_RATE)) {
            throw new BadInputException("a frame rate of " + textFrameRate + " is past the limit: "
                    + MIN_FRAME_RATE + " to " + (int) MAX_FRAME_RATE + " frames a second");
        }
        if (!(durationSeconds >= 0 && durationSeconds <= MAX_DURATION_SECONDS)) {
            throw new BadInputException("a duration of " + durationSeconds + " s is past the limit: 0 to "
                    + (long) MAX_DURATION_SECONDS + " s (a week)");
        }
        if (queueCapacity < 1) {
            throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
        }
    }

    /**
     * @param chain the chain
     * @param source the source, or {@code null} in text mode
     * @param sinks the sinks
     * @param realTime real-time pacing with drops, or as fast as possible
     * @param durationSeconds source time to run, 0 for all of it
     * @return a spec with 30 fps in text mode, queues of 4 frames and the system clock
     */
    public static SessionSpec of(ChainSpec chain, FrameSource source, List<FrameSink> sinks, boolean realTime,
            double durationSeconds) {
        return new SessionSpec(chain, source, sinks, realTime, durationSeconds, 30, 4, SessionClock.SYSTEM);
    }
}
