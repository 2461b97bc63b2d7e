/**
 * The engine's services as the command line, the server and the UI use them: the
 * {@link dev.scope.engine.api.PipelineRegistry} of pipelines published by plugin bundles, the
 * {@link dev.scope.engine.api.Engine} that runs chains of pipelines, and the
 * {@link dev.scope.engine.api.PluginManager} that installs plugin bundles at run time.
 *
 * <p>Schemas and parameter values cross this API as JSON-like trees ({@link java.util.Map},
 * {@link java.util.List}, strings, numbers, booleans, {@code null}), never as JSON library types.
 *
 * <p>Errors: {@link dev.scope.engine.api.BadInputException} (and its subclasses) is what a user
 * gave wrong, one line to show as is; {@link dev.scope.engine.api.PluginException} says by its
 * kind whether the request or the work failed.
 *
 * <p>2.0: {@link dev.scope.engine.api.SessionMetrics} counts input drops, skips and output drops
 * apart; {@link dev.scope.engine.api.PluginException} has a kind; sources report damage; session
 * rates and durations have limits. 3.0 (plugin contract 2.0): frames are reference-counted
 * handles ({@link dev.scope.engine.api.Chain} borrows what is pushed); the engine places stages
 * ({@link dev.scope.engine.api.ChainSpec#backend()}), enforces a deadline on plugin calls and
 * shares its frame pool ({@link dev.scope.engine.api.Engine#frames()}); sessions take a clock.
 * 3.1: sessions change while they stream ({@link dev.scope.engine.api.Session#replaceChain},
 * {@link dev.scope.engine.api.Session#addSink}, {@link dev.scope.engine.api.Session#removeSink});
 * the engine names its device ({@link dev.scope.engine.api.Engine#device()},
 * {@link dev.scope.engine.api.DeviceInfo}) and warns about a pipeline whose
 * {@link dev.scope.engine.api.PipelineInfo#estimatedVramGb()} exceeds it
 * ({@link dev.scope.engine.api.Engine#vramWarning}). 3.2: a plugin's running pipelines swap to
 * another version of it between two frames ({@link dev.scope.engine.api.Engine#swapPlugin},
 * {@link dev.scope.engine.api.PluginSwap}); plugins update, reload, disable, link, and roll back
 * ({@link dev.scope.engine.api.PluginManager}); they install from URLs and Maven coordinates
 * ({@link dev.scope.engine.api.PluginManager#install(String, DownloadProgress)}) with the
 * dependencies the framework's resolver finds in OSGi repository indexes
 * ({@link dev.scope.engine.api.PluginDependency}).
 */
@Export
@Version("3.2.0")
package dev.scope.engine.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
