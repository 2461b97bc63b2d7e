package dev.scope.ui.preview;

/**
 * Sent by a {@link PreviewCanvas} to its painted listeners after an output frame was painted, on
 * the UI thread.
 *
 * @param sequence the output frame's number: 1 for the first frame offered with
 *        {@link PreviewCanvas#offerOutput}, counting every offer (dropped ones included), so a
 *        caller that knows which offer carried a change knows when it reached the screen
 * @param nanoTime when the paint ended, by the canvas's clock ({@link System#nanoTime()} unless
 *        the canvas was given another)
 */
public record Painted(long sequence, long nanoTime) {
}
