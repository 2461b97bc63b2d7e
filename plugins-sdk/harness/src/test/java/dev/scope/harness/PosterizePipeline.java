package dev.scope.harness;

import dev.scope.pipeline.api.CallContext;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameEffect;

/** A point operation through a table, rebuilt only when a parameter changes. */
public final class PosterizePipeline implements FrameEffect<PosterizeConfig> {

    final int tableBits; // a load parameter: fixed for the instance's life

    PosterizePipeline(int tableBits) {
        this.tableBits = tableBits;
    }

    @Override
    public Frame apply(Frame in, PosterizeConfig p, CallContext context) {
        double step = 255.0 / (p.levels - 1);
        // the table is built from this function once for every new parameters object p
        return context.pixels().lookup(in, p, v -> (int) Math.round(Math.round(v / step) * step));
    }
}
