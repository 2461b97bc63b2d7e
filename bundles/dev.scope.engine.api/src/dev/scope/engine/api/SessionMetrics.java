package dev.scope.engine.api;

import java.util.List;

/**
 * How a session performs, as a snapshot.
 *
 * @param wallSeconds time since the session started
 * @param sourceSeconds source time read so far
 * @param framesIn frames read from the source (ticks in text mode)
 * @param framesOut frames handed to the sinks
 * @param dropped frames lost to keep up with real time: dropped from a full queue (inputs the
 *        chain could not take, outputs the sinks could not) or skipped by the chain's first stage
 * @param outputFps frames out per wall second
 * @param outputFrameRate the nominal output rate: source rate times the chain's frame-rate factor
 * @param latencyP50Millis median time from a frame's arrival from the source to its output
 *        reaching the sinks, over recent frames
 * @param latencyP99Millis the 99th percentile of that
 * @param stages per-stage timing
 */
public record SessionMetrics(double wallSeconds, double sourceSeconds, long framesIn, long framesOut, long dropped,
        double outputFps, double outputFrameRate, double latencyP50Millis, double latencyP99Millis,
        List<StageMetrics> stages) {

    /** Copies the list. */
    public SessionMetrics {
        stages = List.copyOf(stages);
    }
}
