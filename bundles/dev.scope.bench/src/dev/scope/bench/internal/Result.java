package dev.scope.bench.internal;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One benchmark case's outcome.
 *
 * @param name the case, e.g. {@code blur} or {@code chain gray>kaleidoscope>blur}
 * @param size WIDTHxHEIGHT
 * @param path what ran: {@code java}, {@code opencl-cpu}, {@code opencl-gpu}
 * @param transfers {@code resident} (frames already where the stage runs) or {@code host}
 *        (frames start and end in host memory)
 * @param device the CPU or OpenCL device name
 * @param fps input frames processed per second
 * @param bytesPerFrame bytes the case must read and write per input frame
 * @param copyBoundFps the copy bandwidth of 256 MiB buffers divided by {@code bytesPerFrame} (the
 *        bound of the results before 2026-12-04, kept for comparing with them)
 * @param frameCopyBoundFps this frame size's copy bound ({@link FrameCopyBound}: frames from a pool
 *        larger than the last-level cache, as the case's inputs) divided by {@code bytesPerFrame}
 * @param inputFrames how many distinct input frames the case cycled through
 * @param settings the parameters the case ran with, for the record
 */
record Result(String name, String size, String path, String transfers, String device, double fps,
        long bytesPerFrame, double copyBoundFps, double frameCopyBoundFps, int inputFrames,
        Map<String, Object> settings) {

    double ratio() {
        return copyBoundFps > 0 ? fps / copyBoundFps : 0;
    }

    /** @return the fps as a fraction of the frame copy bound: what the case and the bound both measure */
    double frameRatio() {
        return frameCopyBoundFps > 0 ? fps / frameCopyBoundFps : 0;
    }

    Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("case", name);
        m.put("size", size);
        m.put("path", path);
        m.put("transfers", transfers);
        m.put("device", device);
        m.put("fps", round(fps));
        m.put("copy_bound_fps", round(copyBoundFps));
        m.put("ratio", Math.round(ratio() * 1000) / 1000.0);
        m.put("frame_copy_bound_fps", round(frameCopyBoundFps));
        m.put("frame_ratio", Math.round(frameRatio() * 1000) / 1000.0);
        m.put("input_frames", inputFrames);
        m.put("bytes_per_frame", bytesPerFrame);
        m.put("settings", settings);
        return m;
    }

    String row() {
        return String.format(Locale.ROOT, "%-34s %-10s %-11s %-9s %10.1f %10.1f %7.3f %10.1f %7.3f", name, size, path,
                transfers, fps, frameCopyBoundFps, frameRatio(), copyBoundFps, ratio());
    }

    static String header() {
        return String.format(Locale.ROOT, "%-34s %-10s %-11s %-9s %10s %10s %7s %10s %7s", "CASE", "SIZE", "PATH",
                "FRAMES", "FPS", "FRAME-COPY", "RATIO", "COPY-256M", "RATIO");
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
