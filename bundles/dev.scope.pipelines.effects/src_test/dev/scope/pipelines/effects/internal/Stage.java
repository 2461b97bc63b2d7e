package dev.scope.pipelines.effects.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.scope.frames.FrameAccess;
import dev.scope.frames.StandaloneContext;
import dev.scope.gpu.api.Gpu;
import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.pipeline.api.Requirements;

/**
 * A pipeline called as the engine calls a stage, outside the engine (which is not in this test
 * runtime: it would take these factories): {@link Pipeline#configure} whenever the parameters
 * object changes, inputs lent as borrowed views for the call only, {@code init_cache} on the first
 * call and after {@link #restart()}, on the Java path or on a {@link Gpu} ({@link #on}). What a
 * call returns is then the test's ({@link TestFrames}): a borrowed input handed on becomes a new
 * reference of the frame behind it, as the engine takes its own.
 */
final class Stage<C extends BasePipelineConfig> implements AutoCloseable {

    private final Pipeline<C> pipeline;
    private final TestFrames frames;
    private StandaloneContext context;
    private C configured;
    private boolean initCache = true;
    private Output lastOutput;
    private List<Frame> lastLent = List.of();

    /** A stage on the Java path. */
    Stage(Pipeline<C> pipeline, TestFrames frames) {
        this(pipeline, frames, null);
    }

    /** @param gpu the device the stage is placed on, or {@code null} for Java */
    Stage(Pipeline<C> pipeline, TestFrames frames, Gpu gpu) {
        this.pipeline = pipeline;
        this.frames = frames;
        on(gpu);
    }

    /** Places the stage on {@code gpu} from the next call on ({@code null}: Java); its inputs must be there. */
    Stage<C> on(Gpu gpu) {
        context = StandaloneContext.video(frames.pool, 1, 1).onDevice(Gpu.class, gpu);
        return this;
    }

    /** The next call has {@code init_cache}. */
    Stage<C> restart() {
        initCache = true;
        return this;
    }

    /** @return what the stage asks for next */
    Requirements prepare(C params) throws Exception {
        configure(params);
        return pipeline.prepare(params, context.next());
    }

    /** @return the call's output frames, owned by the test */
    List<Frame> call(C params, Frame... inputs) throws Exception {
        return call(params, Arrays.asList(inputs));
    }

    /** @return the call's output frames, owned by the test */
    List<Frame> call(C params, List<Frame> inputs) throws Exception {
        configure(params);
        StandaloneContext c = inputs.isEmpty() ? context : context.size(inputs.get(0).width(), inputs.get(0).height());
        if (!initCache) {
            c = c.next();
        }
        List<Frame> lent = inputs.stream().map(FrameAccess::borrow).toList();
        Output out;
        try {
            out = pipeline.call(lent, params, c);
        } finally {
            lent.forEach(FrameAccess::endLoan);
        }
        initCache = false;
        lastOutput = out;
        lastLent = lent;
        List<Frame> owned = new ArrayList<>();
        for (Frame f : out == null ? List.<Frame>of() : out.frames()) {
            owned.add(frames.own(FrameAccess.isBorrowed(f) ? FrameAccess.target(f).retain() : f));
        }
        return owned;
    }

    /** @return the last call's output as the pipeline returned it (borrowed inputs included) */
    Output lastOutput() {
        return lastOutput;
    }

    /** @return the views the last call's inputs were lent as */
    List<Frame> lastLent() {
        return lastLent;
    }

    private void configure(C params) throws Exception {
        if (params != configured) {
            pipeline.configure(params);
            configured = params;
        }
    }

    @Override
    public void close() {
        pipeline.close();
    }

    /** @return {@code config} with its video mode's overrides applied, as the engine makes a config */
    static <T extends BasePipelineConfig> T video(T config) {
        for (ModeDefaults mode : config.getClass().getAnnotation(PipelineConfig.class).modes()) {
            if (mode.value().equals(ModeDefaults.VIDEO) && mode.inputSize() >= 0) {
                config.inputSize = mode.inputSize();
            }
        }
        return config;
    }
}
