package dev.scope.pipelines.basic.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.IntStream;

import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Params;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;
import dev.scope.pipeline.api.Requirements;
import dev.scope.pipelines.basic.internal.KaleidoscopeConfig.Edge;

import org.osgi.service.component.annotations.Component;

/** Publishes {@code kaleidoscope}. */
@Component(service = PipelineFactory.class)
public final class KaleidoscopeFactory implements PipelineFactory<KaleidoscopeConfig> {

    @Override
    public Pipeline create(KaleidoscopeConfig load) {
        return new KaleidoscopePipeline();
    }

    /** The settings of one frame. */
    record Settings(int segments, double rotationDegrees, double zoom, boolean mirror, Edge edge) {
    }

    static final class KaleidoscopePipeline implements Pipeline {
        private long frame;

        @Override
        public Requirements prepare(Params params) {
            return new Requirements(1);
        }

        @Override
        public Output call(List<Frame> video, Params params) {
            if (params.getBoolean("init_cache", false)) {
                frame = 0;
            }
            double angle = params.getDouble("rotation", 0) + params.getDouble("spin", 0) * frame++;
            Settings s = new Settings(params.getInt("segments", 6), angle, params.getDouble("zoom", 1),
                    params.getBoolean("mirror", true), params.getEnum("edge", Edge.class, Edge.MIRROR));
            return Output.of(video.stream().map(f -> render(f, s)).toList());
        }
    }

    /**
     * Each output pixel takes its polar angle around the centre folded into the first wedge
     * (mirrored in every other wedge), and samples the source there, nearest pixel.
     */
    static Frame render(Frame in, Settings s) {
        int w = in.width();
        int h = in.height();
        Frame out = Frame.allocate(w, h);
        ByteBuffer src = in.pixels();
        ByteBuffer dst = out.pixels();
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        double wedge = 2 * Math.PI / s.segments();
        double turn = Math.toRadians(s.rotationDegrees());
        IntStream.range(0, h).parallel().forEach(y -> {
            for (int x = 0; x < w; x++) {
                double dx = x - cx;
                double dy = y - cy;
                double r = Math.sqrt(dx * dx + dy * dy) / s.zoom();
                double a = Math.atan2(dy, dx) - turn;
                int k = (int) Math.floor(a / wedge);
                double t = a - k * wedge;
                if (s.mirror() && (k & 1) != 0) {
                    t = wedge - t;
                }
                double sa = t + turn;
                int sx = edge((int) Math.round(cx + r * Math.cos(sa)), w, s.edge());
                int sy = edge((int) Math.round(cy + r * Math.sin(sa)), h, s.edge());
                int si = (sy * w + sx) * 4;
                int di = (y * w + x) * 4;
                dst.putInt(di, src.getInt(si));
            }
        });
        return out;
    }

    static int edge(int v, int size, Edge mode) {
        if (v >= 0 && v < size) {
            return v;
        }
        return switch (mode) {
            case WRAP -> Math.floorMod(v, size);
            case CLAMP -> v < 0 ? 0 : size - 1;
            case MIRROR -> {
                int period = 2 * size;
                int m = Math.floorMod(v, period);
                yield m < size ? m : period - 1 - m;
            }
        };
    }
}
