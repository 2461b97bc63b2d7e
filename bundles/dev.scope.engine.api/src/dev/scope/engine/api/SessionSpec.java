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
 * @param durationSeconds stop after this much source time; 0 or less: until the source ends
 * @param textFrameRate frames per second generated in text mode (in real-time mode the pace)
 * @param queueCapacity frames the input and output queues hold, at least 1
 */
public record SessionSpec(ChainSpec chain, FrameSource source, List<FrameSink> sinks, boolean realTime,
        double durationSeconds, double textFrameRate, int queueCapacity) {

    /** Checks and copies. */
    public SessionSpec {
        Objects.requireNonNull(chain, "chain");
        sinks = List.copyOf(sinks);
        if (!(textFrameRate > 0)) {
            throw new IllegalArgumentException("textFrameRate must be above 0, was " + textFrameRate);
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
     * @return a spec with 30 fps in text mode and queues of 4 frames
     */
    public static SessionSpec of(ChainSpec chain, FrameSource source, List<FrameSink> sinks, boolean realTime,
            double durationSeconds) {
        return new SessionSpec(chain, source, sinks, realTime, durationSeconds, 30, 4);
    }
}
