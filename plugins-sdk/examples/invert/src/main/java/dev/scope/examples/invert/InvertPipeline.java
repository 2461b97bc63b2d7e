package dev.scope.examples.invert;

import java.nio.IntBuffer;
import java.util.List;
import java.util.stream.IntStream;

import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Params;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.Requirements;

/**
 * Inverts the colors of input video frames: each channel value {@code v} becomes {@code v}
 * blended with {@code 255 - v} by {@code intensity}.
 *
 * <p>Written to run at memory speed: pixels are read as packed ints a cache-sized chunk at a
 * time, and the blend works on two channels at once in the halves of an int (a loop of plain int
 * arithmetic, which the JIT compiles to vector instructions). Large frames are split into bands
 * that run on the cores in parallel. The output is allocated uninitialized because every byte of
 * it is written.
 */
public final class InvertPipeline implements Pipeline {

    private static final int CHUNK = 4096;
    /** Frames of at least this many pixels are split into one band per core. */
    private static final int PARALLEL_PIXELS = 1 << 20;
    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Override
    public Requirements prepare(Params params) {
        return new Requirements(1); // one input frame per call
    }

    @Override
    public Output call(List<Frame> video, Params params) {
        // the blend weight of the inverse in 1/256ths: 0 keeps the frame, 256 inverts it exactly
        int inverse = (int) Math.round(params.getDouble("intensity", 1.0) * 256);
        Frame in = video.get(0);
        Frame out = Frame.allocateUninitialized(in.width(), in.height());
        IntBuffer src = in.pixels().asIntBuffer();
        IntBuffer dst = out.pixels().asIntBuffer();
        int n = src.limit();
        if (n < PARALLEL_PIXELS) {
            invert(src, dst, 0, n, inverse); // a parallel stream costs more than a small frame
        } else {
            IntStream.range(0, CORES).parallel().forEach(band -> invert(src, dst,
                    (int) ((long) n * band / CORES), (int) ((long) n * (band + 1) / CORES), inverse));
        }
        return Output.of(out);
    }

    /** Pixels {@code from} to {@code to} (exclusive); absolute gets and puts, so bands may run at once. */
    private static void invert(IntBuffer src, IntBuffer dst, int from, int to, int inverse) {
        int keep = 256 - inverse;
        int[] px = new int[CHUNK];
        for (int at = from; at < to; at += CHUNK) {
            int len = Math.min(CHUNK, to - at);
            src.get(at, px, 0, len); // a chunk in, worked on in the CPU cache, and out again
            for (int i = 0; i < len; i++) {
                int p = px[i];
                int even = p & 0x00FF00FF; // bytes 0 and 2, each in a 16-bit lane
                int odd = p >>> 8 & 0x00FF00FF; // bytes 1 and 3
                int e = (even * keep + (0x00FF00FF - even) * inverse + 0x00800080) >>> 8 & 0x00FF00FF;
                int o = (odd * keep + (0x00FF00FF - odd) * inverse + 0x00800080) & 0xFF00FF00;
                px[i] = e | o;
            }
            dst.put(at, px, 0, len);
        }
    }
}
