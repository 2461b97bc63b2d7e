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
        // every byte value v maps to v blended with its inverse 255 - v: a table of 256 answers
        byte[] table = new byte[256];
        for (int v = 0; v < 256; v++) {
            table[v] = (byte) Math.round(v + (255 - 2 * v) * intensity);
        }
        Frame in = video.get(0);
        Frame out = Frame.allocate(in.width(), in.height());
        ByteBuffer src = in.pixels();
        ByteBuffer dst = out.pixels();
        byte[] px = new byte[16 * 1024];
        for (int at = 0; at < src.limit(); at += px.length) {
            int n = Math.min(px.length, src.limit() - at);
            src.get(at, px, 0, n); // a chunk in, worked on in the CPU cache, and out again
            for (int i = 0; i < n; i++) {
                px[i] = table[px[i] & 0xFF];
            }
            dst.put(at, px, 0, n);
        }
        return Output.of(out);
    }
}
