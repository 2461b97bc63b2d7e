package dev.scope.pipelines.effects.internal;

import dev.scope.pipeline.api.PixelOps;

/**
 * The BT.601 luma of one frame at full, half and quarter resolution (each level the rounded
 * 2x2 means of the one above, edges clamped), padded for {@link MotionSearch}.
 */
final class LumaPyramid {

    final Plane full;
    final Plane half;
    final Plane quarter;

    LumaPyramid(int width, int height) {
        full = new Plane(width, height, MotionSearch.FULL_PAD);
        half = new Plane((width + 1) / 2, (height + 1) / 2, MotionSearch.HALF_PAD);
        quarter = new Plane((half.width + 1) / 2, (half.height + 1) / 2, MotionSearch.QUARTER_PAD);
    }

    /** Computes every level from packed pixels, in bands of rows run by {@code pixels}. */
    void compute(int[] rgb, PixelOps pixels) {
        int w = full.width;
        int[] v = full.values;
        pixels.inBands(full.height, w, (band, from, to) -> {
            for (int y = from; y < to; y++) {
                int o = full.index(0, y);
                for (int x = 0, i = y * w; x < w; x++, i++) {
                    v[o + x] = Pixels.luma(rgb[i]);
                }
                full.padRow(y);
            }
        });
        full.padTopAndBottom();
        pixels.inBands(half.height, half.width * 4, (band, from, to) -> half.halve(full, from, to));
        half.padTopAndBottom();
        pixels.inBands(quarter.height, quarter.width * 4, (band, from, to) -> quarter.halve(half, from, to));
        quarter.padTopAndBottom();
    }
}
