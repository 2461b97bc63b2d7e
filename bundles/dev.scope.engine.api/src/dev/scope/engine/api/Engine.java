package dev.scope.engine.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Builds and runs chains of pipelines. Pipeline instances are created here with their load
 * parameters and closed here, never by Declarative Services.
 *
 * <p>Thread-safe.
 */
@ProviderType
public interface Engine {

    /**
     * Validates a chain, loads one instance per stage and returns it ready to run.
     *
     * @param spec the chain
     * @return the open chain; the caller must close it
     * @throws UnknownPipelineException for an id no bundle publishes
     * @throws ChainException for a chain that cannot run (wrong usage, unsupported mode,
     *         a degraded pipeline)
     * @throws IllegalArgumentException for an invalid parameter (unknown, wrong type, out of
     *         range), naming it and what is allowed
     * @throws PipelineLoadException when a pipeline's factory fails
     */
    Chain open(ChainSpec spec);
}
