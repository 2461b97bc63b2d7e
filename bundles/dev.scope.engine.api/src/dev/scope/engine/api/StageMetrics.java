package dev.scope.engine.api;

/**
 * How one stage performs.
 *
 * @param index position in chain order
 * @param pipelineId the pipeline id
 * @param calls calls so far
 * @param framesOut frames produced so far
 * @param skipped input frames it skipped because more arrived than it asked for
 * @param p50Millis median call time over the recent calls, milliseconds: the time the call took
 *        on its thread (on the device path mostly enqueueing)
 * @param p99Millis 99th percentile call time over the recent calls, milliseconds
 * @param deviceP50Millis median device time of the recent calls, milliseconds: the kernels it
 *        enqueued, by OpenCL event profiling (0 on the Java path)
 * @param deviceP99Millis 99th percentile device time of the recent calls, milliseconds
 * @param path what ran the recent calls: {@code "java"}, {@code "opencl-gpu"} or {@code "opencl-cpu"}
 */
public record StageMetrics(int index, String pipelineId, long calls, long framesOut, long skipped,
        double p50Millis, double p99Millis, double deviceP50Millis, double deviceP99Millis, String path) {
}
