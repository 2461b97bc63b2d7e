package dev.scope.engine.internal;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.scope.engine.fixture.FixtureConfig;
import dev.scope.frames.FramePool;
import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.CallContext;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.Requirements;
import dev.scope.schema.ConfigModel;

/** Stages built around a function, and labelled frames, for the chain's own tests. */
final class TestStages {

    private TestStages() {
    }

    static Stage.Services services(FramePool pool) {
        return new Stage.Services(pool, () -> null, System::nanoTime);
    }

    /**
     * @param inputSize the frames each call takes
     * @param body what a call makes of its (borrowed) inputs: new frames, or inputs handed on
     */
    static Stage stage(FramePool pool, int index, int inputSize, Function<List<Frame>, List<Frame>> body) {
        return stage(services(pool), new Placement(false, null), index, inputSize, body);
    }

    static Stage stage(Stage.Services services, Placement placement, int index, int inputSize,
            Function<List<Frame>, List<Frame>> body) {
        return stage(services, placement, index, inputSize, (frames, context) -> body.apply(frames));
    }

    /** @param body what a call makes of its inputs, seeing its context */
    static Stage stage(Stage.Services services, Placement placement, int index, int inputSize,
            BiFunction<List<Frame>, CallContext, List<Frame>> body) {
        return stage(services, placement, index, inputSize, body, FixtureConfig.class);
    }

    /** @param config the stage's config class */
    static Stage stage(Stage.Services services, Placement placement, int index, int inputSize,
            BiFunction<List<Frame>, CallContext, List<Frame>> body, Class<? extends BasePipelineConfig> config) {
        Pipeline<BasePipelineConfig> p = new Pipeline<>() {
            @Override
            public Requirements prepare(BasePipelineConfig params, CallContext context) {
                return new Requirements(inputSize);
            }

            @Override
            public Output call(List<Frame> video, BasePipelineConfig params, CallContext context) {
                return Output.of(body.apply(video, context));
            }
        };
        return new Stage(index, index == 0 ? "main" : "post", "s" + index, "test 1.0.0", "test",
                ConfigModel.of(config), NO_LOADER, p, Map.of(), true, index == 0, 30, services, placement);
    }

    /** For stages whose load values never change. */
    static final Stage.Loader NO_LOADER = values -> {
        throw new UnsupportedOperationException("no loader");
    };

    /** @return a new 1x1 frame whose pixel is the label */
    static Frame labelled(FramePool pool, int label) {
        return pool.of(1, 1, new int[] {label});
    }

    static int label(Frame f) {
        int[] px = new int[1];
        f.read(px);
        return px[0] & 0x00FF_FFFF;
    }

    static List<Integer> labels(List<Frame> frames) {
        return frames.stream().map(TestStages::label).toList();
    }
}
