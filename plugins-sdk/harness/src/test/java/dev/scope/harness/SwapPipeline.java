package dev.scope.harness;

import dev.scope.pipeline.api.CallContext;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameEffect;

/** Any function of a packed pixel (red in the low byte, then green, then blue). */
public final class SwapPipeline implements FrameEffect<SwapConfig> {

    @Override
    public Frame apply(Frame in, SwapConfig p, CallContext context) {
        return context.pixels().map(in, px -> (px & 0x00FF00) | (px & 0xFF) << 16 | (px >>> 16 & 0xFF));
    }
}
