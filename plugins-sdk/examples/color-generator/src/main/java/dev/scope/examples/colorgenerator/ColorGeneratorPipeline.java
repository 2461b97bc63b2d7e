package dev.scope.examples.colorgenerator;

import java.util.Arrays;
import java.util.List;

import dev.scope.pipeline.api.CallContext;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Pipeline;

/** Generates solid color frames. No prepare(): in text mode it needs no input. */
public final class ColorGeneratorPipeline implements Pipeline<ColorGeneratorConfig> {

    private int[] pixels;

    @Override
    public void configure(ColorGeneratorConfig p) {
        // called when a parameter changes: the frame's pixels are made here, not on every call
        pixels = new int[p.width * p.height]; // in text mode width and height are the size to generate
        Arrays.fill(pixels, p.colorR | p.colorG << 8 | p.colorB << 16); // packed: red in the low byte
    }

    @Override
    public Output call(List<Frame> video, ColorGeneratorConfig p, CallContext context) {
        return Output.of(context.frames().of(p.width, p.height, pixels));
    }
}
