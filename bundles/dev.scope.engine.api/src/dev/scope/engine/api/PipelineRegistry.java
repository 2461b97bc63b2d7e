package dev.scope.engine.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Every pipeline that plugin bundles publish right now, and the plugins that failed.
 *
 * <p>The registry follows the bundle life cycle: a pipeline appears when its bundle's
 * {@code PipelineFactory} service is registered and disappears when it goes away. A plugin that
 * cannot resolve or whose component throws while activating is listed in
 * {@link #failedPlugins()} and hides nothing else. A pipeline whose schema cannot be generated
 * stays listed, degraded, with {@link PipelineInfo#schemaError()}.
 *
 * <p>Thread-safe; results are snapshots.
 */
@ProviderType
public interface PipelineRegistry {

    /** @return all pipelines, degraded ones included, sorted by id */
    List<PipelineInfo> pipelines();

    /**
     * @param id a pipeline id
     * @return the pipeline, if one with this id is published
     */
    Optional<PipelineInfo> find(String id);

    /**
     * @param id a pipeline id
     * @return the pipeline
     * @throws UnknownPipelineException naming the id and the available ones
     */
    default PipelineInfo require(String id) {
        return find(id).orElseThrow(() -> new UnknownPipelineException(id,
                pipelines().stream().map(PipelineInfo::id).toList()));
    }

    /**
     * Parses one parameter value as a user types it (a command-line {@code --set}, a query
     * string) by the pipeline's schema, and validates it. This is the one rule for spellings:
     * numbers as Java reads them, booleans {@code true} or {@code false} only, enum values as the
     * schema lists them in any case (returned in the schema's spelling), lists comma-separated or
     * as a JSON array, {@code null} for nullable parameters.
     *
     * @param pipelineId a pipeline id
     * @param key a parameter of its schema
     * @param text the text as typed
     * @return the normalized value, as the engine keeps it
     * @throws UnknownPipelineException when no pipeline has the id
     * @throws IllegalArgumentException (the schema's {@code InvalidParameterException}) naming the
     *         pipeline, the parameter, the text and what is allowed
     * @since 2.0
     */
    Object parseValue(String pipelineId, String key, String text);

    /** @return plugins that failed to resolve or activate, sorted by name */
    List<FailedPlugin> failedPlugins();

    /**
     * The body of Scope's {@code GET /api/v1/pipelines/schemas}:
     * {@code {"pipelines": {<id>: {...get_schema_with_metadata..., "plugin_name": ...}}}}.
     *
     * @return a JSON-like tree, ordered by pipeline id
     */
    Map<String, Object> schemas();

    /**
     * Registers a listener called (on an arbitrary thread) after pipelines or failed plugins
     * changed, or (since 3.1) the engine's compute device came or went ({@link Engine#device()},
     * which decides {@link Engine#vramWarning}). Listeners must return quickly.
     *
     * @param listener the listener
     */
    void addListener(Runnable listener);

    /** @param listener a listener given to {@link #addListener} */
    void removeListener(Runnable listener);
}
