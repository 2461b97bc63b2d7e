package dev.scope.server.internal;

import dev.scope.engine.api.Engine;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;

import org.osgi.framework.BundleContext;

/**
 * The route table of one server and the state behind it (the loaded pipeline). Sessions, the
 * relay and recordings add their endpoints here; the WebSocket relay will answer its {@code api}
 * messages from the same table.
 */
final class ScopeApi implements AutoCloseable {

    private final Routes routes = new Routes();
    private final PipelineLoader loader;

    ScopeApi(PipelineRegistry registry, Engine engine, PluginManager plugins, BundleContext context,
            CoreEndpoints.ServerInfo info) {
        loader = new PipelineLoader(engine);
        new CoreEndpoints(registry, engine, info).addTo(routes);
        new PluginEndpoints(plugins, new PluginInfos(plugins, registry, context)).addTo(routes);
        new PipelineEndpoints(registry, loader).addTo(routes);
        OpenApi.addTo(routes, info.version());
    }

    Routes routes() {
        return routes;
    }

    @Override
    public void close() {
        loader.close();
    }
}
