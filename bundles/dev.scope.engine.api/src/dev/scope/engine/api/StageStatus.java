package dev.scope.engine.api;

/**
 * The state of one stage of a chain.
 *
 * @param index position in chain order
 * @param pipelineId the pipeline id
 * @param role {@code "pre"}, {@code "main"} or {@code "post"}
 * @param state the state
 * @param reason why it failed, or {@code null}
 * @param calls how many times it was called
 * @param framesOut how many frames it produced
 * @param backend where it runs now: {@code java} or {@code opencl}
 */
public record StageStatus(int index, String pipelineId, String role, State state, String reason,
        long calls, long framesOut, String backend) {

    /** A stage's state. */
    public enum State {
        /** Running normally. */
        OK,
        /** Failed and bypassed; {@link StageStatus#reason()} says why. */
        FAILED,
        /** Bypassed on request: frames pass through unchanged. */
        BYPASSED
    }
}
