/**
 * The engine's services as the command line, the server and the UI use them: the
 * {@link dev.scope.engine.api.PipelineRegistry} of pipelines published by plugin bundles, the
 * {@link dev.scope.engine.api.Engine} that runs chains of pipelines, and the
 * {@link dev.scope.engine.api.PluginManager} that installs plugin bundles at run time.
 *
 * <p>Schemas and parameter values cross this API as JSON-like trees ({@link java.util.Map},
 * {@link java.util.List}, strings, numbers, booleans, {@code null}), never as JSON library types.
 */
@Export
@Version("1.2.0")
package dev.scope.engine.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
