package dev.scope.server.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.scope.engine.api.Engine;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;
import dev.scope.server.ServeOptions;

import org.osgi.framework.BundleContext;

/**
 * The route table of one server and the state behind it (the loaded pipeline). Sessions, the
 * relay and recordings add their endpoints here; the WebSocket relay will answer its {@code api}
 * messages from the same table.
 */
final class ScopeApi implements AutoCloseable {

    private final Routes routes = new Routes();
    private final PipelineLoader loader;
    private final PluginPolicy policy;
    private final boolean tls;

    ScopeApi(PipelineRegistry registry, Engine engine, PluginManager plugins, BundleContext context,
            CoreEndpoints.ServerInfo info, ServeOptions options) {
        loader = new PipelineLoader(engine);
        policy = new PluginPolicy(options.cloud(), options.allowedPlugins(), plugins);
        tls = options.tls() != null;
        new CoreEndpoints(registry, engine, info, this::capabilities).addTo(routes);
        new PluginEndpoints(plugins, new PluginInfos(plugins, registry, context), policy).addTo(routes);
        new PipelineEndpoints(registry, loader).addTo(routes);
        OpenApi.addTo(routes, info.version());
    }

    Routes routes() {
        return routes;
    }

    /**
     * What this server offers, as {@code GET /health} says it (and the relay's {@code ready} message
     * may): {@code plugin_install} (false in cloud mode), {@code plugin_allowlist} (what cloud mode
     * still lets change), {@code cloud}, {@code sessions} (whether the table has the headless
     * session routes) and {@code tls}.
     *
     * @return a new map, JSON-ready
     */
    Map<String, Object> capabilities() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("plugin_install", !policy.cloud());
        c.put("plugin_allowlist", policy.allowed());
        c.put("cloud", policy.cloud());
        c.put("sessions", routes.has("POST", "/api/v1/session/start"));
        c.put("tls", tls);
        return c;
    }

    @Override
    public void close() {
        loader.close();
    }
}
