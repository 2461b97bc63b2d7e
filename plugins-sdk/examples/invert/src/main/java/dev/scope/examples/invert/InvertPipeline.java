package dev.scope.examples.invert;

import dev.scope.pipeline.api.PixelEffect;
import dev.scope.pipeline.api.PixelMap;

/**
 * Inverts the colors of input video frames: out = in * (1 - k) + (255 - in) * k. A per-pixel map,
 * so the platform runs it on the stage's path and in one pass with neighbouring per-pixel stages.
 */
public final class InvertPipeline implements PixelEffect<InvertConfig> {

    @Override
    public boolean isIdentity(InvertConfig p) {
        return p.intensity == 0; // the inputs go on as they are
    }

    @Override
    public PixelMap map(InvertConfig p) {
        double k = p.intensity;
        return PixelMap.affine(1 - 2 * k, 255 * k);
    }
}
