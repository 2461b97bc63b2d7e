package dev.scope.examples.invert;

import java.nio.ByteBuffer;
import java.util.List;

import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Params;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.Requirements;

/** Inverts the colors of input video frames. */
public final class InvertPipeline implements Pipeline {

    @Override
    public Requirements prepare(Params params) {
        return new Requirements(1); // one input frame per call
    }

    @Override
    public Output call(List<Frame> video, Params params) {
        double intensity = params.getDouble("intensity", 1.0);
        Frame in = video.get(0);
        Frame out = Frame.allocate(in.width(), in.height());
        ByteBuffer src = in.pixels();
        ByteBuffer dst = out.pixels();
        for (int i = 0; i < src.limit(); i++) {
            int v = src.get(i) & 0xFF;
            // blend the original with its inverse: v + (255 - 2v) * intensity
            dst.put(i, (byte) Math.round(v + (255 - 2 * v) * intensity));
        }
        return Output.of(out);
    }
}
