package dev.scope.frames;

import dev.scope.pipeline.api.FloatFrame;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;

/** The engine's one conversion of a stage's float output into an 8-bit frame. Stateless. */
public final class FloatFrames {

    private FloatFrames() {
    }

    /**
     * Converts, rounding to the nearest level: {@code round(clamp(v, 0, 1) * 255)}.
     *
     * @param frame the float frame
     * @param frames where the new frame comes from
     * @return a new frame, owned by the caller
     * @throws IllegalArgumentException naming the first non-finite value (nothing is left allocated)
     */
    public static Frame toFrame(FloatFrame frame, FrameAllocator frames) {
        int w = frame.width();
        int h = frame.height();
        float[] rgb = frame.rgb();
        int[] row = new int[w];
        Frame out = frames.allocateUninitialized(w, h);
        try {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int i = (y * w + x) * 3;
                    row[x] = level(rgb, i, x, y, 0) | level(rgb, i + 1, x, y, 1) << 8
                            | level(rgb, i + 2, x, y, 2) << 16 | Frame.OPAQUE;
                }
                out.writeRows(y, 1, row, 0);
            }
            return out;
        } catch (RuntimeException e) {
            out.release();
            throw e;
        }
    }

    private static int level(float[] rgb, int i, int x, int y, int channel) {
        float v = rgb[i];
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException("non-finite value " + v + " at pixel (" + x + ", " + y + ") channel "
                    + channel);
        }
        // in double the product is exact; a float product may round up to a half level first
        return (int) Math.round((v < 0f ? 0f : v > 1f ? 1f : v) * 255.0);
    }
}
