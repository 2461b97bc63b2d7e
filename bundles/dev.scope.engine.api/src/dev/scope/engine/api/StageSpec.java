package dev.scope.engine.api;

import java.util.Map;
import java.util.Objects;

/**
 * One stage of a chain.
 *
 * @param pipelineId the pipeline id
 * @param params parameter values for this stage: load parameters are given to the pipeline's
 *        constructor, all of them (load and runtime) to every call. Validated against the
 *        pipeline's schema when the chain opens.
 */
public record StageSpec(String pipelineId, Map<String, Object> params) {

    /** Copies the map (keeping order; null values allowed). */
    public StageSpec {
        Objects.requireNonNull(pipelineId, "pipelineId");
        params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    }

    /**
     * @param pipelineId the pipeline id
     * @return a stage with default parameters
     */
    public static StageSpec of(String pipelineId) {
        return new StageSpec(pipelineId, Map.of());
    }
}
