package dev.scope.pipelines.basic.internal;

import dev.scope.pipeline.api.PixelEffect;
import dev.scope.pipeline.api.PixelMap;

/**
 * BT.601 luma, {@code Y = 0.299 R + 0.587 G + 0.114 B}, rounded: a {@link PixelMap#matrix} whose
 * three rows are the luma weights, in 16-bit fixed point (weights 19595, 38470 and 7471, summing
 * to 2^16), so the result is exact to the nearest level. The platform runs it on the stage's path,
 * Java or the device, with the same arithmetic, and fuses it with neighbouring per-pixel stages.
 */
final class GrayPipeline implements PixelEffect<GrayConfig> {

    private static final double[] LUMA = {0.299, 0.587, 0.114};

    static final PixelMap MAP = PixelMap.matrix(new double[] {
        LUMA[0], LUMA[1], LUMA[2],
        LUMA[0], LUMA[1], LUMA[2],
        LUMA[0], LUMA[1], LUMA[2],
    }, 0);

    @Override
    public PixelMap map(GrayConfig params) {
        return MAP;
    }
}
