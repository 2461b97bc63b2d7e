package dev.scope.server.internal;

import dev.scope.engine.api.Engine;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;
import dev.scope.media.MediaService;

import java.util.function.Supplier;

import org.osgi.framework.BundleContext;

/**
 * The route table of one server and the state behind it (the loaded pipeline, the headless
 * session). The relay and recordings add their endpoints here; the WebSocket relay answers its
 * {@code api} messages from the same table.
 */
final class ScopeApi implements AutoCloseable {

    private final Routes routes = new Routes();
    private final PipelineLoader loader;
    private final SessionEndpoints sessions;

    /** @param media the media service; throws ApiException 503 when the framework has none */
    ScopeApi(PipelineRegistry registry, Engine engine, PluginManager plugins, BundleContext context,
            CoreEndpoints.ServerInfo info, Supplier<MediaService> media) {
        loader = new PipelineLoader(engine);
        sessions = new SessionEndpoints(registry, engine, media, loader, info.clock());
        new CoreEndpoints(registry, engine, info).addTo(routes);
        new PluginEndpoints(plugins, new PluginInfos(plugins, registry, context)).addTo(routes);
        new PipelineEndpoints(registry, loader).addTo(routes);
        sessions.addTo(routes);
        OpenApi.addTo(routes, info.version());
    }

    Routes routes() {
        return routes;
    }

    @Override
    public void close() {
        sessions.close();
        loader.close();
    }
}
