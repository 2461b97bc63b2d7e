package dev.scope.engine.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Collections;
import java.util.Set;
import java.util.WeakHashMap;

import dev.scope.engine.api.Chain;
import dev.scope.engine.api.ChainException;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineLoadException;
import dev.scope.engine.api.StageSpec;
import dev.scope.engine.api.StageMetrics;
import dev.scope.engine.api.StageStatus;
import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Params;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;
import dev.scope.schema.ConfigModel;

/** A synchronous chain of loaded stages; see {@link Chain}. */
final class ChainImpl implements Chain {

    private static final String VIDEO = "video";

    /** Creates a stage's pipeline instance from load values (mode overrides and the stage's values). */
    @FunctionalInterface
    interface Loader {
        Pipeline create(Map<String, Object> values);
    }

    private final String mode;
    private final List<Stage> stages;
    private final List<Loader> loaders;
    private final double frameRateFactor;
    private volatile boolean closed;
    /**
     * Every frame a caller pushed and still owns ({@link #push}): a stage may keep one beyond the
     * push that brought it (it collects several), and the chain must never release it. Weak, so
     * the caller's frames are not kept alive here.
     */
    private final Set<Frame> callerFrames = Collections.newSetFromMap(new WeakHashMap<>());

    private ChainImpl(String mode, List<Stage> stages, List<Loader> loaders, double frameRateFactor) {
        this.mode = mode;
        this.stages = stages;
        this.loaders = loaders;
        this.frameRateFactor = frameRateFactor;
    }

    /** A chain of stages built elsewhere (tests), with no reload support. */
    static ChainImpl of(String mode, List<Stage> stages) {
        List<Loader> loaders = stages.stream().<Loader>map(s -> values -> {
            throw new UnsupportedOperationException("no loader");
        }).toList();
        return new ChainImpl(mode, stages, loaders, 1);
    }

    static Chain open(ChainSpec spec, EngineComponent registry) {
        Device device = registry.device();
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
        List<StageSpec> specs = spec.stages();
        int preCount = spec.pre().size();
        List<Stage> stages = new ArrayList<>();
        List<Loader> loaders = new ArrayList<>();
        double factor = 1;
        try {
            for (int i = 0; i < specs.size(); i++) {
                String role = i < preCount ? "pre" : i == preCount ? "main" : "post";
                boolean video = !role.equals("main") || VIDEO.equals(mode);
                FactoryEntry.Resolved resolved = registry.resolved(specs.get(i).pipelineId())
                        .orElseThrow(() -> new ChainException("a pipeline went away while the chain was loading"));
                Loader loader = loader(resolved);
                loaders.add(loader);
                stages.add(load(resolved, loader, i, role, specs.get(i), video ? VIDEO : mode, device));
                factor *= resolved.model().frameRateFactor();
            }
        } catch (RuntimeException e) {
            stages.forEach(Stage::close);
            throw e;
        }
        return new ChainImpl(mode, List.copyOf(stages), List.copyOf(loaders), factor);
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
    private static Loader loader(FactoryEntry.Resolved resolved) {
        ConfigModel model = resolved.model();
        PipelineInfo info = resolved.info();
        String origin = info.plugin().name() + " " + info.plugin().version();
        return values -> {
            BasePipelineConfig config = model.instantiate(values);
            Pipeline pipeline;
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

    private static Stage load(FactoryEntry.Resolved resolved, Loader loader, int index, String role, StageSpec spec,
            String mode, Device device) {
        ConfigModel model = resolved.model();
        Map<String, Object> values = new LinkedHashMap<>(modeOverrides(model, mode));
        values.putAll(model.validate(spec.params()));
        checkFrameSize(spec.pipelineId(), values);
        Pipeline pipeline = loader.create(values);
        Map<String, Object> initial = new LinkedHashMap<>();
        model.defaults().forEach((k, v) -> {
            if (v != null) {
                initial.put(k, v);
            }
        });
        initial.putAll(values);
        String origin = resolved.info().plugin().name() + " " + resolved.info().plugin().version();
        return new Stage(index, role, spec.pipelineId(), origin, model, pipeline, Params.of(initial),
                VIDEO.equals(mode), device);
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

    @Override
    public List<Frame> push(Frame input) {
        checkOpen();
        if (!needsInput()) {
            throw new IllegalStateException("the chain runs in text mode and takes no input; use tick()");
        }
        return run(0, List.of(input), false);
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
        return run(0, inputs, false);
    }

    /**
     * Like {@link #push(List)}, but the frames become the chain's: it releases them when the first
     * stage is done with them. For the session, whose source frames have no other owner.
     */
    List<Frame> pushOwned(List<Frame> inputs) {
        checkOpen();
        return run(0, inputs, true);
    }

    @Override
    public List<Frame> tick() {
        checkOpen();
        if (needsInput()) {
            throw new IllegalStateException("the chain runs in video mode; push frames instead");
        }
        return run(0, List.of(), false);
    }

    /**
     * Runs the stages. The caller's frames stay the caller's; every other frame a stage is done
     * with (consumed, skipped, dropped by a reset) and does not pass on is released here, once.
     */
    private List<Frame> run(int from, List<Frame> frames, boolean owned) {
        if (!owned) {
            frames.forEach(f -> callerFrames.add(Frames.underlying(f)));
        }
        Map<String, Object> forwarded = Map.of();
        boolean textMain = !needsInput();
        for (int i = from; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            boolean generates = textMain && stage.status().role().equals("main");
            if (frames.isEmpty() && !generates) {
                return List.of();
            }
            Stage.Result result = settle(stage, steps(stage, frames, forwarded));
            frames = result.frames();
            forwarded = result.forwarded();
        }
        return unwrapped(frames);
    }

    /** Steps a stage on new frames, then again for as long as it holds another whole batch. */
    private static List<Stage.Result> steps(Stage stage, List<Frame> frames, Map<String, Object> forwarded) {
        List<Stage.Result> results = new ArrayList<>(2);
        results.add(stage.step(frames, forwarded));
        while (stage.hasBatch()) {
            results.add(stage.step(List.of(), results.get(results.size() - 1).forwarded()));
        }
        return results;
    }

    /**
     * Flushes the stages in chain order: each first steps on what the stages before it produced
     * in this flush (as a push would), then is flushed itself. Frames are released as in
     * {@link #run}.
     */
    @Override
    public List<Frame> flush() {
        checkOpen();
        List<Frame> frames = List.of();
        Map<String, Object> forwarded = Map.of();
        for (Stage stage : stages) {
            List<Stage.Result> results = new ArrayList<>(2);
            if (!frames.isEmpty()) {
                results.addAll(steps(stage, frames, forwarded));
                forwarded = results.get(results.size() - 1).forwarded();
            }
            results.add(stage.flush(forwarded));
            Stage.Result result = settle(stage, results);
            frames = result.frames();
            forwarded = result.forwarded();
        }
        return unwrapped(frames);
    }

    /**
     * Releases what a stage is done with after its results, unless it passed it on or the caller
     * owns it, and returns the results' frames in order with the last forwarded values.
     */
    private Stage.Result settle(Stage stage, List<Stage.Result> results) {
        List<Frame> frames = new ArrayList<>();
        List<Frame> done = new ArrayList<>();
        for (Stage.Result r : results) {
            frames.addAll(r.frames());
            done.addAll(r.consumed());
        }
        done.addAll(stage.takeAbandoned());
        releaseDone(done, callerFrames, Frames.identitySet(frames));
        return new Stage.Result(frames, results.get(results.size() - 1).forwarded());
    }

    /** The frames themselves, not the read-only views stages passed on, so the caller can release them. */
    private static List<Frame> unwrapped(List<Frame> frames) {
        return frames.stream().map(Frames::underlying).toList();
    }

    private static void releaseDone(List<Frame> done, Set<Frame> callers, Set<Frame> passedOn) {
        Set<Frame> released = Frames.identitySet(List.of());
        for (Frame f : done) {
            Frame frame = Frames.underlying(f);
            if (!callers.contains(frame) && !passedOn.contains(frame) && released.add(frame)) {
                Frames.release(frame);
            }
        }
    }

    @Override
    public void setParams(int stage, Map<String, ?> values) {
        Stage s = stage(stage);
        Map<String, Object> valid = s.model().validate(values);
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
                Stage stage = stages.get(i);
                releaseDone(stage.takePending(), callerFrames, Frames.identitySet(List.of()));
                stage.close();
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the chain is closed");
        }
    }
}
