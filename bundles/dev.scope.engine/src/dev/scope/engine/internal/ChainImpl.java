package dev.scope.engine.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.scope.engine.api.Chain;
import dev.scope.engine.api.ChainException;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineLoadException;
import dev.scope.engine.api.StageMetrics;
import dev.scope.engine.api.StageSpec;
import dev.scope.engine.api.StageStatus;
import dev.scope.pipeline.api.Backend;
import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.CallContext;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;
import dev.scope.schema.ConfigModel;

/**
 * A synchronous chain of loaded stages; see {@link Chain}. Frames move as handles: what a stage
 * returns becomes the next stage's, what the last stage returns the caller's; a stage releases
 * what it is done with. No identity bookkeeping is needed: every holder releases its own handles.
 */
final class ChainImpl implements Chain {

    private static final String VIDEO = "video";

    private final String mode;
    private final List<Stage> stages;
    private final List<Stage.Loader> loaders;
    private final double frameRateFactor;
    private final long deadlineNanos;
    private volatile boolean closed;

    private ChainImpl(String mode, List<Stage> stages, List<Stage.Loader> loaders, double frameRateFactor,
            long deadlineNanos) {
        this.mode = mode;
        this.stages = stages;
        this.loaders = loaders;
        this.frameRateFactor = frameRateFactor;
        this.deadlineNanos = deadlineNanos;
    }

    /** A chain of stages built elsewhere (tests), with no reload support and the default deadline. */
    static ChainImpl of(String mode, List<Stage> stages) {
        List<Stage.Loader> loaders = stages.stream().<Stage.Loader>map(s -> values -> {
            throw new UnsupportedOperationException("no loader");
        }).toList();
        return new ChainImpl(mode, stages, loaders, 1, ChainSpec.DEFAULT_DEADLINE_MILLIS * 1_000_000);
    }

    /**
     * What a chain runs with besides its spec.
     *
     * @param services the engine's frames, device and the clock plugin calls are timed by
     * @param frameRate the nominal rate of the chain's input (its context's {@code frameRate})
     * @param defaultBackend the engine's forced backend when the spec forces none, or {@code null}
     * @param defaultDeadlineMillis the deadline when the spec gives none
     */
    record Settings(Stage.Services services, double frameRate, Backend defaultBackend, long defaultDeadlineMillis) {
    }

    static ChainImpl open(ChainSpec spec, EngineComponent registry, Settings settings) {
        PipelineInfo main = available(registry, spec.main().pipelineId());
        String mode = spec.mode() == null ? main.defaultMode() : spec.mode();
        if (!main.modes().contains(mode)) {
            throw new ChainException("pipeline '" + main.id() + "' does not support " + mode + " mode; it supports: "
                    + String.join(", ", main.modes()));
        }
        for (StageSpec pre : spec.pre()) {
            PipelineInfo info = available(registry, pre.pipelineId());
            if (!info.isPreprocessor()) {
                throw new ChainException("pipeline '" + info.id() + "' is not a preprocessor; preprocessors: "
                        + ids(registry, PipelineInfo::isPreprocessor));
            }
            if (!VIDEO.equals(mode)) {
                throw new ChainException("preprocessors need video input, but '" + main.id() + "' runs in " + mode
                        + " mode");
            }
            requireVideo(info);
        }
        for (StageSpec post : spec.post()) {
            PipelineInfo info = available(registry, post.pipelineId());
            if (!info.isPostprocessor()) {
                throw new ChainException("pipeline '" + info.id() + "' is not a postprocessor; postprocessors: "
                        + ids(registry, PipelineInfo::isPostprocessor));
            }
            requireVideo(info);
        }
        Backend forced = spec.backend() != null ? spec.backend() : settings.defaultBackend();
        long deadlineMillis = spec.deadlineMillis() > 0 ? spec.deadlineMillis() : settings.defaultDeadlineMillis();
        List<StageSpec> specs = spec.stages();
        int preCount = spec.pre().size();
        List<Stage> stages = new ArrayList<>();
        List<Stage.Loader> loaders = new ArrayList<>();
        double factor = 1;
        try {
            for (int i = 0; i < specs.size(); i++) {
                String role = i < preCount ? "pre" : i == preCount ? "main" : "post";
                boolean video = !role.equals("main") || VIDEO.equals(mode);
                FactoryEntry.Resolved resolved = registry.resolved(specs.get(i).pipelineId())
                        .orElseThrow(() -> new ChainException("a pipeline went away while the chain was loading"));
                Stage.Loader loader = loader(resolved);
                loaders.add(loader);
                stages.add(load(resolved, loader, i, role, specs.get(i), video ? VIDEO : mode, forced, settings));
                factor *= resolved.model().frameRateFactor();
            }
        } catch (RuntimeException e) {
            stages.forEach(Stage::close);
            throw e;
        }
        return new ChainImpl(mode, List.copyOf(stages), List.copyOf(loaders), factor, deadlineMillis * 1_000_000);
    }

    private static PipelineInfo available(EngineComponent registry, String id) {
        PipelineInfo info = registry.require(id);
        if (!info.available()) {
            throw new ChainException("pipeline '" + id + "' cannot be used: its schema is invalid: " + info.schemaError());
        }
        return info;
    }

    private static void requireVideo(PipelineInfo info) {
        if (!info.modes().contains(VIDEO)) {
            throw new ChainException("pipeline '" + info.id() + "' does not take video input; it supports: "
                    + String.join(", ", info.modes()));
        }
    }

    private static String ids(EngineComponent registry, java.util.function.Predicate<PipelineInfo> filter) {
        List<String> ids = registry.pipelines().stream().filter(filter).map(PipelineInfo::id).toList();
        return ids.isEmpty() ? "(none)" : String.join(", ", ids);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Stage.Loader loader(FactoryEntry.Resolved resolved) {
        ConfigModel model = resolved.model();
        PipelineInfo info = resolved.info();
        String origin = info.plugin().name() + " " + info.plugin().version();
        return values -> {
            BasePipelineConfig config = model.instantiate(values);
            Pipeline<?> pipeline;
            try {
                pipeline = ((PipelineFactory) resolved.factory()).create(config);
            } catch (Exception | LinkageError e) {
                throw new PipelineLoadException("could not load pipeline '" + info.id() + "' (" + origin + "): "
                        + FailureText.of(e).plain(), e);
            }
            if (pipeline == null) {
                throw new PipelineLoadException("could not load pipeline '" + info.id() + "' (" + origin
                        + "): its factory returned null", null);
            }
            return pipeline;
        };
    }

    private static Stage load(FactoryEntry.Resolved resolved, Stage.Loader loader, int index, String role,
            StageSpec spec, String mode, Backend forced, Settings settings) {
        ConfigModel model = resolved.model();
        boolean video = VIDEO.equals(mode);
        Map<String, Object> given = model.validate(spec.params());
        if (video) {
            refuseFrameSize(spec.pipelineId(), given);
        }
        Map<String, Object> values = new LinkedHashMap<>(modeOverrides(model, mode));
        values.putAll(given);
        checkFrameSize(spec.pipelineId(), values);
        Pipeline<?> pipeline = loader.create(values);
        if (video && !overridesPrepare(pipeline) && values.getOrDefault("input_size",
                model.defaults().get("input_size")) == null) {
            new Stage.Closer(pipeline).close();
            throw new ChainException("pipeline '" + spec.pipelineId() + "' runs in video mode, but its input_size is"
                    + " null, so it would never get a frame: give its video mode an input size"
                    + " (@ModeDefaults(value = VIDEO, inputSize = 1)) or override prepare()");
        }
        PipelineInfo info = resolved.info();
        String origin = info.plugin().name() + " " + info.plugin().version();
        Placement placement = new Placement(resolved.backends().contains(Backend.OPENCL), forced);
        return new Stage(index, role, spec.pipelineId(), origin, info.plugin().name(), model, pipeline, values,
                video, index == 0, settings.frameRate(), settings.services(), placement);
    }

    /** Whether the pipeline's class declares its own {@code prepare} (the default asks for input_size). */
    static boolean overridesPrepare(Pipeline<?> pipeline) {
        try {
            return pipeline.getClass().getMethod("prepare", BasePipelineConfig.class, CallContext.class)
                    .getDeclaringClass() != Pipeline.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** In video mode the stream decides the frame size; a value for it would be ignored, so it is refused. */
    private static void refuseFrameSize(String pipelineId, Map<String, Object> values) {
        for (String key : List.of("width", "height")) {
            if (values.containsKey(key)) {
                throw new ChainException(pipelineId + ": " + key + " is set by the stream in video mode (the input's"
                        + " frame size); it can be set only in text mode");
            }
        }
    }

    /**
     * The frame size limit, before anything runs: every config has Scope's {@code width} and
     * {@code height} (a generator makes frames of that size), whose schemas, as in Scope, set no
     * maximum.
     */
    static void checkFrameSize(String pipelineId, Map<String, Object> values) {
        for (String key : List.of("width", "height")) {
            if (values.get(key) instanceof Number n && n.longValue() > Frame.MAX_SIDE) {
                throw new ChainException(pipelineId + ": " + key + " = " + n + " is past the frame size limit;"
                        + " allowed: 1 to " + Frame.MAX_SIDE);
            }
        }
    }

    /** The parameter values the given mode overrides ({@code mode_defaults}). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> modeOverrides(ConfigModel model, String mode) {
        Object all = model.schemaWithMetadata().get("mode_defaults");
        if (!(all instanceof Map<?, ?> byMode) || !(byMode.get(mode) instanceof Map<?, ?> overrides)) {
            return Map.of();
        }
        Map<String, Object> result = new LinkedHashMap<>();
        ((Map<String, Object>) overrides).forEach((k, v) -> {
            if (model.param(k).isPresent()) {
                result.put(k, v);
            }
        });
        return result;
    }

    @Override
    public String mode() {
        return mode;
    }

    /** @return how long a stage's call may run, in nanoseconds of the chain's clock */
    long deadlineNanos() {
        return deadlineNanos;
    }

    @Override
    public List<Frame> push(Frame input) {
        return push(List.of(input));
    }

    @Override
    public List<Frame> push(List<Frame> inputs) {
        checkOpen();
        if (!needsInput()) {
            throw new IllegalStateException("the chain runs in text mode and takes no input; use tick()");
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("push needs at least one frame");
        }
        // the caller's frames are borrowed: the chain keeps references of its own
        return run(inputs.stream().map(Frame::retain).toList());
    }

    /**
     * Like {@link #push(List)}, but the handles become the chain's (no reference of its own is
     * taken): for the session, whose source frames have no other owner.
     */
    List<Frame> pushOwned(List<Frame> inputs) {
        checkOpen();
        return run(inputs);
    }

    @Override
    public List<Frame> tick() {
        checkOpen();
        if (needsInput()) {
            throw new IllegalStateException("the chain runs in video mode; push frames instead");
        }
        return run(List.of());
    }

    /** Runs the stages on handles the chain owns; returns handles the caller owns. */
    private List<Frame> run(List<Frame> frames) {
        Map<String, Object> upstream = Map.of();
        boolean textMain = !needsInput();
        for (Stage stage : stages) {
            boolean generates = textMain && stage.status().role().equals("main");
            if (frames.isEmpty() && !generates) {
                return List.of();
            }
            Stage.Result result = steps(stage, frames, upstream);
            frames = result.frames();
            upstream = result.upstream();
        }
        return frames;
    }

    /** Steps a stage on new frames, then again for as long as it holds another whole batch. */
    private static Stage.Result steps(Stage stage, List<Frame> frames, Map<String, Object> upstream) {
        Stage.Result first = stage.step(frames, upstream);
        if (!stage.hasBatch()) {
            return first;
        }
        List<Frame> all = new ArrayList<>(first.frames());
        Map<String, Object> last = first.upstream();
        while (stage.hasBatch()) {
            Stage.Result r = stage.step(List.of(), last);
            all.addAll(r.frames());
            last = r.upstream();
        }
        return new Stage.Result(all, last);
    }

    /**
     * Flushes the stages in chain order: each first steps on what the stages before it produced
     * in this flush (as a push would), then is flushed itself.
     */
    @Override
    public List<Frame> flush() {
        checkOpen();
        List<Frame> frames = List.of();
        Map<String, Object> upstream = Map.of();
        for (Stage stage : stages) {
            List<Frame> out = new ArrayList<>();
            if (!frames.isEmpty()) {
                Stage.Result r = steps(stage, frames, upstream);
                out.addAll(r.frames());
                upstream = r.upstream();
            }
            Stage.Result flushed = stage.flush(upstream);
            out.addAll(flushed.frames());
            upstream = flushed.upstream();
            frames = out;
        }
        return frames;
    }

    @Override
    public void setParams(int stage, Map<String, ?> values) {
        Stage s = stage(stage);
        Map<String, Object> valid = s.model().validate(values);
        if (s.videoMode()) {
            refuseFrameSize(s.pipelineId(), valid);
        }
        checkFrameSize(s.pipelineId(), valid);
        if (valid.keySet().stream().anyMatch(s.model().loadParamNames()::contains)) {
            Map<String, Object> load = s.currentValues();
            load.putAll(valid);
            load.keySet().retainAll(s.model().defaults().keySet());
            s.swap(loaders.get(stage).create(load));
        }
        s.update(valid);
    }

    @Override
    public void setBypass(int stage, boolean bypass) {
        stage(stage).bypass(bypass);
    }

    @Override
    public void reset() {
        stages.forEach(Stage::reset);
    }

    @Override
    public double frameRateFactor() {
        return frameRateFactor;
    }

    private Stage stage(int index) {
        if (index < 0 || index >= stages.size()) {
            throw new IllegalArgumentException("stage " + index + " does not exist; the chain has " + stages.size()
                    + " stages (0.." + (stages.size() - 1) + ")");
        }
        return stages.get(index);
    }

    /** @return the stages, for the session's watchdog */
    List<Stage> stageList() {
        return stages;
    }

    @Override
    public List<StageStatus> stages() {
        return stages.stream().map(Stage::status).toList();
    }

    @Override
    public List<StageMetrics> metrics() {
        return stages.stream().map(Stage::metrics).toList();
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            for (int i = stages.size() - 1; i >= 0; i--) {
                stages.get(i).close();
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the chain is closed");
        }
    }
}
