package dev.scope.engine.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

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
import dev.scope.pipeline.api.PixelMap;
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
    private final List<String> roles;
    private final double frameRateFactor;
    private final long deadlineNanos;
    private final Backend forced;
    /** Whether consecutive per-pixel stages run as one pass ({@link #FUSION_PROPERTY}). */
    private final boolean fuse;
    private volatile boolean closed;

    /**
     * The system property that turns fusion off for the chains opened while it is {@code false}:
     * every stage then runs its own pass, for comparing (the bench's unfused case).
     */
    static final String FUSION_PROPERTY = "scope.fusion";

    private ChainImpl(String mode, List<Stage> stages, List<String> roles, double frameRateFactor,
            long deadlineNanos, Backend forced) {
        this.fuse = !"false".equalsIgnoreCase(System.getProperty(FUSION_PROPERTY));
        this.mode = mode;
        this.stages = List.copyOf(stages);
        this.roles = List.copyOf(roles);
        this.frameRateFactor = frameRateFactor;
        this.deadlineNanos = deadlineNanos;
        this.forced = forced;
    }

    /** A chain of stages built elsewhere (tests), with the default deadline. */
    static ChainImpl of(String mode, List<Stage> stages) {
        List<String> roles = stages.stream().map(s -> s.status().role()).toList();
        return new ChainImpl(mode, stages, roles, 1, ChainSpec.DEFAULT_DEADLINE_MILLIS * 1_000_000, null);
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
        return build(spec, registry, settings, null);
    }

    /**
     * Builds the chain that replaces {@code current} in a session (on the caller's thread): checks
     * it as {@link #open} does, keeps the stages of {@code current} that stay and loads the others.
     * Nothing of {@code current} changes unless this returns: then the values the spec gives kept
     * stages are queued for their next frame. The caller swaps the result in between two frames
     * ({@link #activate}) and closes the stages that left ({@link #stagesNotIn}).
     *
     * @throws ChainException and the others of {@link #open}; the stages loaded for it are closed
     */
    static ChainImpl replacing(ChainImpl current, ChainSpec spec, EngineComponent registry, Settings settings) {
        return build(spec, registry, settings, Objects.requireNonNull(current, "current"));
    }

    private static ChainImpl build(ChainSpec spec, EngineComponent registry, Settings settings, ChainImpl current) {
        String mode = checkStages(spec, registry, current == null ? null : current.mode);
        if (current != null && !mode.equals(current.mode)) {
            throw new ChainException("the session runs in " + current.mode + " mode, but pipeline '"
                    + spec.main().pipelineId() + "' would run in " + mode + " mode; a chain of another mode needs a"
                    + " new session");
        }
        Backend forced = spec.backend() != null ? spec.backend() : settings.defaultBackend();
        long deadlineMillis = spec.deadlineMillis() > 0 ? spec.deadlineMillis() : settings.defaultDeadlineMillis();
        List<StageSpec> specs = spec.stages();
        int preCount = spec.pre().size();
        List<Stage> stages = new ArrayList<>();
        List<String> roles = new ArrayList<>();
        List<Stage> loaded = new ArrayList<>();
        Map<Stage, Map<String, Object>> keptValues = new IdentityHashMap<>();
        double factor = 1;
        try {
            for (int i = 0; i < specs.size(); i++) {
                String role = i < preCount ? "pre" : i == preCount ? "main" : "post";
                String stageMode = !role.equals("main") || VIDEO.equals(mode) ? VIDEO : mode;
                FactoryEntry.Resolved resolved = registry.resolved(specs.get(i).pipelineId())
                        .orElseThrow(() -> new ChainException("a pipeline went away while the chain was loading"));
                String id = specs.get(i).pipelineId();
                Map<String, Object> given = given(resolved.model(), specs.get(i), stageMode);
                Map<String, Object> values = loadingValues(resolved.model(), id, given, stageMode);
                Stage kept = current == null ? null : current.keep(resolved.model(), values, i, stages);
                if (kept != null) {
                    keptValues.put(kept, changed(kept, given));
                    stages.add(kept);
                } else {
                    Stage stage = load(resolved, i, role, id, values, stageMode, forced, settings);
                    registry.track(stage);
                    loaded.add(stage);
                    stages.add(stage);
                }
                roles.add(role);
                factor *= resolved.model().frameRateFactor();
            }
        } catch (RuntimeException e) {
            loaded.forEach(Stage::close);
            throw e;
        }
        keptValues.forEach((stage, values) -> {
            if (!values.isEmpty()) {
                stage.update(values);
            }
        });
        return new ChainImpl(mode, stages, roles, factor, deadlineMillis * 1_000_000, forced);
    }

    /**
     * Checks the stages' usages and modes against the registry.
     *
     * @param running the mode of the chain being replaced, which a spec without a mode keeps where
     *        the main pipeline supports it; {@code null} for a new chain (the main's default mode)
     * @return the chain's mode
     */
    private static String checkStages(ChainSpec spec, EngineComponent registry, String running) {
        PipelineInfo main = available(registry, spec.main().pipelineId());
        String mode = spec.mode() != null ? spec.mode()
                : running != null && main.modes().contains(running) ? running : main.defaultMode();
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
        return mode;
    }

    /** A spec's own values, validated; in video mode the stream's frame size is refused. */
    private static Map<String, Object> given(ConfigModel model, StageSpec spec, String mode) {
        Map<String, Object> given = model.validate(spec.params());
        if (VIDEO.equals(mode)) {
            refuseFrameSize(spec.pipelineId(), given);
        }
        return given;
    }

    /** The values a stage loads with: the mode's overrides, then its own. */
    private static Map<String, Object> loadingValues(ConfigModel model, String pipelineId, Map<String, Object> given,
            String mode) {
        Map<String, Object> values = new LinkedHashMap<>(modeOverrides(model, mode));
        values.putAll(given);
        checkFrameSize(pipelineId, values);
        return values;
    }

    /**
     * The stage of this chain that a replacing chain keeps at position {@code at}: one of the same
     * pipeline service (its config model) that has not failed, is not kept already, and has the
     * same load values; the one at the same position first, else the first in chain order.
     *
     * @return the stage, or {@code null} when a new one must be loaded
     */
    private Stage keep(ConfigModel model, Map<String, Object> values, int at, List<Stage> taken) {
        Map<String, Object> wanted = loadValues(model, values);
        Stage first = null;
        for (int j = 0; j < stages.size(); j++) {
            Stage s = stages.get(j);
            if (s.model() != model || !s.keepable() || taken.stream().anyMatch(t -> t == s)
                    || !sameValues(wanted, loadValues(model, s.currentValues()))) {
                continue;
            }
            if (j == at) {
                return s;
            }
            if (first == null) {
                first = s;
            }
        }
        return first;
    }

    /** Every load parameter's value: the defaults, then the given values. */
    private static Map<String, Object> loadValues(ConfigModel model, Map<String, Object> values) {
        Map<String, Object> load = new LinkedHashMap<>();
        for (String key : model.loadParamNames()) {
            load.put(key, values.containsKey(key) ? values.get(key) : model.defaults().get(key));
        }
        return load;
    }

    /** The given values that differ from what a kept stage has. */
    private static Map<String, Object> changed(Stage kept, Map<String, Object> given) {
        Map<String, Object> current = kept.currentValues();
        Map<String, Object> changed = new LinkedHashMap<>();
        given.forEach((k, v) -> {
            if (!current.containsKey(k) || !sameValue(current.get(k), v)) {
                changed.put(k, v);
            }
        });
        return changed;
    }

    private static boolean sameValues(Map<String, Object> a, Map<String, Object> b) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> sameValue(a.get(k), b.get(k)));
    }

    /** Equal values, numbers by value (a mode override read from the schema may be a Long for an int). */
    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return Objects.equals(a, b);
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
    static Stage.Loader loader(FactoryEntry.Resolved resolved) {
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

    private static Stage load(FactoryEntry.Resolved resolved, int index, String role, String pipelineId,
            Map<String, Object> values, String mode, Backend forced, Settings settings) {
        ConfigModel model = resolved.model();
        boolean video = VIDEO.equals(mode);
        Stage.Loader loader = loader(resolved);
        Pipeline<?> pipeline = loader.create(values);
        if (video && !overridesPrepare(pipeline) && values.getOrDefault("input_size",
                model.defaults().get("input_size")) == null) {
            new Stage.Closer(pipeline).close();
            throw new ChainException("pipeline '" + pipelineId + "' runs in video mode, but its input_size is"
                    + " null, so it would never get a frame: give its video mode an input size"
                    + " (@ModeDefaults(value = VIDEO, inputSize = 1)) or override prepare()");
        }
        PipelineInfo info = resolved.info();
        String origin = info.plugin().name() + " " + info.plugin().version();
        Placement placement = new Placement(resolved.backends().contains(Backend.OPENCL), forced);
        return new Stage(index, role, pipelineId, origin, info.plugin().name(), model, loader, pipeline, values,
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
        for (int i = 0; i < stages.size(); i++) {
            boolean generates = textMain && roles.get(i).equals("main");
            if (frames.isEmpty() && !generates) {
                return List.of();
            }
            Fused group = fuse && frames.size() == 1 && !generates ? fused(i, frames.get(0), upstream) : null;
            if (group != null) {
                frames = List.of(group.frame());
                i = group.after() - 1;
                continue;
            }
            Stage.Result result = steps(stages.get(i), frames, upstream);
            frames = result.frames();
            upstream = result.upstream();
        }
        return frames;
    }

    /** What a fused group made: its frame (the receiver's), and the index of the stage after it. */
    private record Fused(Frame frame, int after) {
    }

    /**
     * Runs the stages from {@code from} that can take part in one pass over {@code frame}
     * ({@link Stage#fusion}: per-pixel stages, and bypassed or failed ones in between) as that
     * pass: the first stage with a map runs every map of the group, one after the other, on its
     * path. Each stage is asked at this frame, so a bypass or a parameter change holds from the
     * next frame on, fused or not.
     *
     * @param frame a handle the chain owns; it becomes the group's
     * @return what the group made, or {@code null} when the stage at {@code from} cannot take part
     *         (nothing ran: it steps as usual)
     */
    private Fused fused(int from, Frame frame, Map<String, Object> upstream) {
        List<Stage.Fusion> parts = new ArrayList<>();
        for (int j = from; j < stages.size(); j++) {
            Stage.Fusion part = stages.get(j).fusion(frame);
            if (part == null) {
                break;
            }
            parts.add(part);
        }
        if (parts.isEmpty()) {
            return null;
        }
        Stage leader = null;
        List<PixelMap> maps = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            if (parts.get(k).map() != null) {
                leader = leader == null ? stages.get(from + k) : leader;
                maps.add(parts.get(k).map());
            }
        }
        // what the pass made, or its input when it failed
        Frame out = leader == null ? frame : leader.runFused(frame, maps, upstream).frames().get(0);
        boolean ran = leader != null && !leader.failed(); // else the maps did not run
        for (int k = 0; k < parts.size(); k++) {
            Stage.Fusion part = parts.get(k);
            Stage s = stages.get(from + k);
            if (part.called() && s != leader && (part.map() == null || ran)) {
                s.fusedInto(part.map() == null ? null : leader); // an identity went nowhere
            }
        }
        return new Fused(out, from + parts.size());
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
            s.swap(s.loader().create(load));
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

    /**
     * Puts every stage in its place in this chain: called on the thread that drives the chain when
     * it swaps this chain in, between two frames (kept stages move; the first one samples).
     */
    void activate() {
        for (int i = 0; i < stages.size(); i++) {
            stages.get(i).place(i, roles.get(i), forced);
        }
    }

    /** @return the stages of this chain that {@code other} does not have (the ones a replacement removes) */
    List<Stage> stagesNotIn(ChainImpl other) {
        return stages.stream().filter(s -> other == null || other.stages.stream().noneMatch(o -> o == s)).toList();
    }

    @Override
    public List<StageStatus> stages() {
        return IntStream.range(0, stages.size()).mapToObj(i -> stages.get(i).status(i, roles.get(i))).toList();
    }

    @Override
    public List<StageMetrics> metrics() {
        return IntStream.range(0, stages.size()).mapToObj(i -> stages.get(i).metrics(i)).toList();
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
