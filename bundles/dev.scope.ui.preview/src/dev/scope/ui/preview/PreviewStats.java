package dev.scope.ui.preview;

/**
 * What a {@link PreviewCanvas} painted, as a snapshot ({@link PreviewCanvas#stats()}).
 *
 * @param framesPainted output frames painted so far
 * @param framesDropped output frames offered but never painted, because a newer one arrived first
 *        (dropped for the preview only: the stream and its recording are not affected)
 * @param paintedFps output frames painted over the last second, by the canvas's clock
 * @param busyFraction the share of the last second the UI thread spent painting the preview
 *        (taking frames into images, drawing, the overlay), 0 to 1
 * @param streamFps the stream's own rate as last set by {@link PreviewCanvas#setStreamFps}, or
 *        {@code NaN} before it was set
 * @param inputFramesPainted input frames painted so far (side by side only)
 * @param inputFramesDropped input frames offered but never painted (side by side only)
 */
public record PreviewStats(long framesPainted, long framesDropped, double paintedFps, double busyFraction,
        double streamFps, long inputFramesPainted, long inputFramesDropped) {
}
