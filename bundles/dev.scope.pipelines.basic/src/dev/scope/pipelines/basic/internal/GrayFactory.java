package dev.scope.pipelines.basic.internal;

import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.List;
import java.util.stream.IntStream;

import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Params;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;
import dev.scope.pipeline.api.Requirements;

import org.osgi.service.component.annotations.Component;

/** Publishes {@code gray}. */
@Component(service = PipelineFactory.class)
public final class GrayFactory implements PipelineFactory<GrayConfig> {

    @Override
    public Pipeline create(GrayConfig load) {
        return new Pipeline() {
            @Override
            public Requirements prepare(Params params) {
                return new Requirements(1);
            }

            @Override
            public Output call(List<Frame> video, Params params) {
                return Output.of(video.stream().map(GrayFactory::luma).toList());
            }
        };
    }

    /**
     * BT.601 luma, {@code Y = 0.299 R + 0.587 G + 0.114 B}, rounded; in fixed point with weights
     * summing to 2^16 so that the result is exact to the nearest level. The stage is
     * memory-bound: pixels stream through a small cache-resident int array (bulk get and put run
     * at memory speed, the loop between them vectorizes), in two bands on two threads.
     */
    static Frame luma(Frame in) {
        Frame out = Frame.allocate(in.width(), in.height());
        IntBuffer src = in.pixels().asIntBuffer();
        IntBuffer dst = out.pixels().asIntBuffer();
        int n = in.width() * in.height();
        IntStream.range(0, BANDS).parallel().forEach(band -> {
            int[] px = new int[CHUNK];
            int to = (int) ((long) n * (band + 1) / BANDS);
            for (int at = (int) ((long) n * band / BANDS); at < to; at += CHUNK) {
                int len = Math.min(CHUNK, to - at);
                src.get(at, px, 0, len);
                lumaInPlace(px, len);
                dst.put(at, px, 0, len);
            }
        });
        return out;
    }

    private static void lumaInPlace(int[] px, int len) {
        for (int i = 0; i < len; i++) {
            int p = px[i];
            int y = (19595 * (p >>> RS & 0xFF) + 38470 * (p >>> GS & 0xFF) + 7471 * (p >>> BS & 0xFF) + 32768) >>> 16;
            px[i] = ALPHA | y << RS | y << GS | y << BS;
        }
    }

    private static final int CHUNK = 4096;
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    // byte 0 of a pixel (red) is the int's low byte on little-endian machines
    private static final int RS = LITTLE ? 0 : 24;
    private static final int GS = LITTLE ? 8 : 16;
    private static final int BS = LITTLE ? 16 : 8;
    private static final int ALPHA = LITTLE ? 0xFF000000 : 0xFF;
    private static final int BANDS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
}
