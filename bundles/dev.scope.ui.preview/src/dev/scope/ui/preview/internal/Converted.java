package dev.scope.ui.preview.internal;

import dev.scope.pipeline.api.Frame;

/**
 * A frame offered to the preview, with its pixels already in cairo's order (see {@link Pixels}).
 *
 * @param frame the offered handle, owned by whoever holds this record
 * @param bgrx {@code width * height} pixels as {@code 0xFFRRGGBB} ints (BGRX bytes in memory)
 * @param width the frame's width
 * @param height the frame's height
 * @param sequence the offer's number on its side, from 1
 */
public record Converted(Frame frame, int[] bgrx, int width, int height, long sequence) {
}
