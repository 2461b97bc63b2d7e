package dev.scope.examples.invert;

import dev.scope.pipeline.api.CallContext;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameEffect;

/** Inverts the colors of input video frames: out = in * (1 - k) + (255 - in) * k. */
public final class InvertPipeline implements FrameEffect<InvertConfig> {

    @Override
    public boolean isIdentity(InvertConfig p) {
        return p.intensity == 0; // the inputs go on as they are
    }

    @Override
    public Frame apply(Frame in, InvertConfig p, CallContext context) {
        double k = p.intensity;
        return context.pixels().affine(in, 1 - 2 * k, 255 * k);
    }
}
