package dev.scope.ui.preview.internal;

import dev.scope.pipeline.api.Frame;

/**
 * The one pixel conversion of the preview. A {@link Frame}'s packed pixel is {@code 0xPPBBGGRR}
 * (red in the low byte); cairo's RGB24 / ARGB32 surfaces on a little-endian machine hold
 * {@code 0xAARRGGBB} ints, which are BGRA bytes in memory. Swapping red and blue is a byte
 * reversal shifted by one byte ({@link Integer#reverseBytes}, a single instruction), with the
 * padding forced opaque. Stateless.
 */
public final class Pixels {

    private Pixels() {
    }

    /**
     * @param frame a frame to read (any thread that may use the handle)
     * @param reuse an array to fill when it has exactly {@code width * height} elements, else
     *        {@code null} or any other array: a new one is made
     * @return the frame's pixels as {@code 0xFFRRGGBB}, row after row
     */
    public static int[] toBgrx(Frame frame, int[] reuse) {
        int n = frame.width() * frame.height();
        int[] px = reuse != null && reuse.length == n ? reuse : new int[n];
        frame.readRows(0, frame.height(), px, 0);
        for (int i = 0; i < n; i++) {
            px[i] = Integer.reverseBytes(px[i]) >>> 8 | 0xFF00_0000;
        }
        return px;
    }

    /** @return the {@code 0xRRGGBB} colour of a {@code 0xFFRRGGBB} preview pixel */
    public static int rgb(int bgrx) {
        return bgrx & 0xFF_FFFF;
    }
}
