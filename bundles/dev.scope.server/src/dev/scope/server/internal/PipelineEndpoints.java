package dev.scope.server.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.StageSpec;

/** {@code POST /api/v1/pipeline/load} and {@code GET /api/v1/pipeline/status}. */
final class PipelineEndpoints {

    private static final String SHAPES = "expected {\"pipelines\": [{\"node_id\": ..., \"pipeline_id\": ...,"
            + " \"load_params\": {...}}]} or {\"pipeline_ids\": [...], \"load_params\": {...}}";

    private final PipelineRegistry registry;
    private final PipelineLoader loader;

    PipelineEndpoints(PipelineRegistry registry, PipelineLoader loader) {
        this.registry = registry;
        this.loader = loader;
    }

    void addTo(Routes routes) {
        routes.add(new Route("POST", "/api/v1/pipeline/load",
                "load a chain (preprocessors, one main pipeline, postprocessors, in order); returns at once",
                Map.of(200, "loading started", 400, "neither pipelines nor pipeline_ids", 404, "an unknown pipeline id",
                        422, "a wrong field, no or two main pipelines"),
                true, this::load));
        routes.add(new Route("GET", "/api/v1/pipeline/status", "the loaded pipeline: not_loaded, loading, loaded or error",
                Map.of(200, "{status, pipeline_id, load_params, error, loading_stage, produces_video, produces_audio}"),
                false, r -> ApiReply.json(200, loader.status())));
    }

    private ApiReply load(ApiRequest request) {
        Map<String, Object> body = request.jsonObject();
        List<?> nodes = JsonFields.array(body, "pipelines");
        List<?> ids = JsonFields.array(body, "pipeline_ids");
        List<StageSpec> stages = new ArrayList<>();
        if (nodes != null) {
            for (Object node : nodes) {
                if (!(node instanceof Map<?, ?>)) {
                    throw new ApiException(422, "each of 'pipelines' must be an object, not " + JsonFields.kind(node));
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> n = (Map<String, Object>) node;
                if (n.get("node_id") != null && !(n.get("node_id") instanceof String)) {
                    throw new ApiException(422, "'node_id' must be a string, not " + JsonFields.kind(n.get("node_id")));
                }
                stages.add(new StageSpec(JsonFields.string(n, "pipeline_id"), JsonFields.object(n, "load_params")));
            }
        } else if (ids != null) {
            Map<String, Object> params = JsonFields.object(body, "load_params");
            for (Object id : ids) {
                if (!(id instanceof String s) || s.isBlank()) {
                    throw new ApiException(422, "each of 'pipeline_ids' must be a pipeline id, not " + JsonFields.kind(id));
                }
                stages.add(new StageSpec(s, Map.of()));
            }
            stages = withMainParams(stages, params);
        } else {
            throw new ApiException(400, SHAPES);
        }
        if (stages.isEmpty()) {
            throw new ApiException(422, "no pipeline to load; " + SHAPES);
        }
        ChainSpec spec = chain(registry, stages, null);
        List<String> order = stages.stream().map(StageSpec::pipelineId).toList();
        loader.load(spec, order);
        return ApiReply.json(200, Map.of("message", "Pipeline loading initiated successfully", "pipeline_ids", order));
    }

    /** The legacy shape's load_params go to the main pipeline. */
    private List<StageSpec> withMainParams(List<StageSpec> stages, Map<String, Object> params) {
        List<StageSpec> out = new ArrayList<>();
        for (StageSpec s : stages) {
            boolean main = registry.require(s.pipelineId()).usage().isEmpty();
            out.add(main ? new StageSpec(s.pipelineId(), params) : s);
        }
        return out;
    }

    /**
     * Stages before the one main pipeline are its preprocessors, those after it its postprocessors.
     *
     * @param mode the input mode, or null for the main pipeline's default
     */
    static ChainSpec chain(PipelineRegistry registry, List<StageSpec> stages, String mode) {
        int main = -1;
        for (int i = 0; i < stages.size(); i++) {
            PipelineInfo p = registry.require(stages.get(i).pipelineId());
            if (p.usage().isEmpty()) {
                if (main >= 0) {
                    throw new ApiException(422, "two main pipelines, " + stages.get(main).pipelineId() + " and " + p.id()
                            + "; a chain has one, with preprocessors before it and postprocessors after it");
                }
                main = i;
            }
        }
        if (main < 0) {
            throw new ApiException(422, "no main pipeline among " + String.join(", ", stages.stream()
                    .map(StageSpec::pipelineId).toList()) + "; a chain needs one (see GET /api/v1/pipelines/schemas)");
        }
        return ChainSpec.of(stages.subList(0, main), stages.get(main), stages.subList(main + 1, stages.size()), mode);
    }
}
