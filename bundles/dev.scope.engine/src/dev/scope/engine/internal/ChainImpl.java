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
import dev.scope.engine.api.StageSpec;
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

    private final String mode;
    private final List<Stage> stages;
    private boolean closed;

    private ChainImpl(String mode, List<Stage> stages) {
        this.mode = mode;
        this.stages = stages;
    }

    static Chain open(ChainSpec spec, EngineComponent registry) {
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
        try {
            for (int i = 0; i < specs.size(); i++) {
                String role = i < preCount ? "pre" : i == preCount ? "main" : "post";
                boolean video = !role.equals("main") || VIDEO.equals(mode);
                stages.add(load(registry, i, role, specs.get(i), video ? VIDEO : mode));
            }
        } catch (RuntimeException e) {
            stages.forEach(Stage::close);
            throw e;
        }
        return new ChainImpl(mode, List.copyOf(stages));
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
    private static Stage load(EngineComponent registry, int index, String role, StageSpec spec, String mode) {
        FactoryEntry.Resolved resolved = registry.resolved(spec.pipelineId())
                .orElseThrow(() -> new ChainException("pipeline '" + spec.pipelineId() + "' went away while loading"));
        ConfigModel model = resolved.model();
        Map<String, Object> values = new LinkedHashMap<>(modeOverrides(model, mode));
        values.putAll(model.validate(spec.params()));
        PluginInfoText origin = new PluginInfoText(resolved.info());
        BasePipelineConfig config = model.instantiate(values);
        Pipeline pipeline;
        try {
            pipeline = ((PipelineFactory) resolved.factory()).create(config);
        } catch (Exception | LinkageError e) {
            throw new PipelineLoadException("could not load pipeline '" + spec.pipelineId() + "' (" + origin
                    + "): " + FailureText.of(e).oneLine(), e);
        }
        if (pipeline == null) {
            throw new PipelineLoadException("could not load pipeline '" + spec.pipelineId() + "' (" + origin
                    + "): its factory returned null", null);
        }
        Map<String, Object> initial = new LinkedHashMap<>();
        model.defaults().forEach((k, v) -> {
            if (v != null) {
                initial.put(k, v);
            }
        });
        initial.putAll(values);
        return new Stage(index, role, spec.pipelineId(), origin.toString(), model, pipeline, Params.of(initial),
                VIDEO.equals(mode));
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

    /** "bundle version" of where a pipeline comes from, for messages. */
    private record PluginInfoText(PipelineInfo info) {
        @Override
        public String toString() {
            return info.plugin().name() + " " + info.plugin().version();
        }
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
        return run(0, List.of(input));
    }

    @Override
    public List<Frame> tick() {
        checkOpen();
        if (needsInput()) {
            throw new IllegalStateException("the chain runs in video mode; push frames instead");
        }
        return run(0, List.of());
    }

    private List<Frame> run(int from, List<Frame> frames) {
        Map<String, Object> forwarded = Map.of();
        boolean textMain = !needsInput();
        for (int i = from; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            boolean generates = textMain && stage.status().role().equals("main");
            if (frames.isEmpty() && !generates) {
                return List.of();
            }
            Stage.Result result = stage.step(frames, forwarded);
            frames = result.frames();
            forwarded = result.forwarded();
        }
        return frames;
    }

    @Override
    public void setParams(int stage, Map<String, ?> values) {
        if (stage < 0 || stage >= stages.size()) {
            throw new IllegalArgumentException("stage " + stage + " does not exist; the chain has " + stages.size()
                    + " stages (0.." + (stages.size() - 1) + ")");
        }
        Stage s = stages.get(stage);
        for (String key : values.keySet()) {
            if (s.model().loadParamNames().contains(key)) {
                throw new IllegalArgumentException(s.status().pipelineId() + ": " + key
                        + " is a load parameter; it cannot change while the chain runs");
            }
        }
        s.update(s.model().validate(values));
    }

    @Override
    public List<StageStatus> stages() {
        return stages.stream().map(Stage::status).toList();
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
