package dev.scope.pipelines.basic.internal;

import java.nio.ByteBuffer;
import java.util.List;

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
     * summing to 2^16 so that the result is exact to the nearest level.
     */
    static Frame luma(Frame in) {
        Frame out = Frame.allocate(in.width(), in.height());
        ByteBuffer src = in.pixels();
        ByteBuffer dst = out.pixels();
        int n = src.limit();
        for (int i = 0; i < n; i += 4) {
            int y = (19595 * (src.get(i) & 0xFF) + 38470 * (src.get(i + 1) & 0xFF)
                    + 7471 * (src.get(i + 2) & 0xFF) + 32768) >>> 16;
            byte b = (byte) y;
            dst.put(i, b).put(i + 1, b).put(i + 2, b).put(i + 3, (byte) 0xFF);
        }
        return out;
    }
}
