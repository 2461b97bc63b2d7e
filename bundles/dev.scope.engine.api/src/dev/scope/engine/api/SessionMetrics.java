package dev.scope.engine.api;

import java.util.List;

/**
 * How a session performs, as a snapshot. The frame counts add up: every frame read from the
 * source is taken by the chain's first stage, dropped from the input queue, skipped by the first
 * stage, or still in flight; every frame the chain produces reaches the sinks, is dropped from the
 * output queue, or is still in flight.
 *
 * @param wallSeconds time since the session started
 * @param sourceSeconds source time read so far
 * @param framesIn frames read from the source (ticks in text mode)
 * @param inputDropped input frames dropped from the full input queue before the chain saw them
 *        (real time only: the chain fell behind)
 * @param skipped input frames the chain's first stage skipped when more had arrived than it asks
 *        for (real time only: it samples the newest)
 * @param framesOut frames handed to the sinks
 * @param outputDropped output frames dropped from the full output queue (real time only: the
 *        sinks fell behind)
 * @param outputFps frames out per wall second
 * @param outputFrameRate the nominal output rate: source rate times the chain's frame-rate factor
 * @param latencyP50Millis median time from a frame's arrival from the source to its output
 *        reaching the sinks, over recent frames
 * @param latencyP99Millis the 99th percentile of that
 * @param framesInUse host frames of the engine's pool held now, by this session and others
 * @param pooledBytes free frame memory the engine's pool keeps for reuse (bounded)
 * @param stages per-stage timing
 * @since 2.0 (the counts of 1.x merged queue drops and skips into one {@code dropped})
 */
public record SessionMetrics(double wallSeconds, double sourceSeconds, long framesIn, long inputDropped,
        long skipped, long framesOut, long outputDropped, double outputFps, double outputFrameRate,
        double latencyP50Millis, double latencyP99Millis, long framesInUse, long pooledBytes,
        List<StageMetrics> stages) {

    /** Copies the list. */
    public SessionMetrics {
        stages = List.copyOf(stages);
    }
}
