package dev.scope.examples.colorgenerator;

import java.nio.ByteBuffer;
import java.util.List;

import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Params;
import dev.scope.pipeline.api.Pipeline;

/** Generates solid color frames. No prepare(): it needs no input. */
public final class ColorGeneratorPipeline implements Pipeline {

    private final int width;
    private final int height;

    ColorGeneratorPipeline(ColorGeneratorConfig load) {
        this.width = load.width;
        this.height = load.height;
    }

    @Override
    public Output call(List<Frame> video, Params params) {
        // runtime parameters come with every call
        int r = params.getInt("color_r", 128);
        int g = params.getInt("color_g", 128);
        int b = params.getInt("color_b", 128);
        Frame frame = Frame.allocate(width, height);
        ByteBuffer p = frame.pixels();
        for (int i = 0; i < p.limit(); i += 4) {
            p.put(i, (byte) r).put(i + 1, (byte) g).put(i + 2, (byte) b).put(i + 3, (byte) 255);
        }
        return Output.of(frame);
    }
}
