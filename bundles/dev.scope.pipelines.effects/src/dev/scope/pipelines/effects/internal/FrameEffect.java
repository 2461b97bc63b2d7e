package dev.scope.pipelines.effects.internal;

import java.util.List;
import java.util.function.UnaryOperator;

import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Params;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.Requirements;

/** A pipeline that takes one frame a call and turns it into one new frame. */
abstract class FrameEffect implements Pipeline {

    private static final Requirements ONE = new Requirements(1);

    @Override
    public Requirements prepare(Params params) {
        return ONE;
    }

    @Override
    public Output call(List<Frame> video, Params params) {
        UnaryOperator<Frame> effect = effect(params);
        return Output.of(video.stream().map(effect).toList());
    }

    /**
     * @param params the call's parameters
     * @return what this call does to each input frame: a new frame, never the input
     */
    abstract UnaryOperator<Frame> effect(Params params);
}
