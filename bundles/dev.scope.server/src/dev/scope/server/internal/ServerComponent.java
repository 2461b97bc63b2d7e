package dev.scope.server.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.scope.engine.api.Engine;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;
import dev.scope.media.MediaService;
import dev.scope.server.ApiServer;
import dev.scope.server.ServeOptions;
import dev.scope.server.Serving;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * The {@link ApiServer} service. Activating it starts nothing: a server listens only once
 * {@link #serve} is called (by {@code ./scope serve}), so the other commands never load Jetty.
 * Deactivation stops every server it started.
 */
@Component(service = ApiServer.class)
public final class ServerComponent implements ApiServer {

    private final PipelineRegistry registry;
    private final Engine engine;
    private final PluginManager plugins;
    private final BundleContext context;
    private final Set<Serving> running = ConcurrentHashMap.newKeySet();

    @Activate
    public ServerComponent(@Reference PipelineRegistry registry, @Reference Engine engine,
            @Reference PluginManager plugins, BundleContext context) {
        this.registry = registry;
        this.engine = engine;
        this.plugins = plugins;
        this.context = context;
    }

    /** Optional: without FFmpeg's bundle the REST API still serves, and sessions answer 503. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MediaService media;

    private MediaService media() {
        MediaService m = media;
        if (m == null) {
            throw new ApiException(503, "this server has no media service (the dev.scope.media bundle is not"
                    + " running), so it cannot stream a session");
        }
        return m;
    }

    @Override
    public Serving serve(ServeOptions options) {
        Clock clock = Clock.systemUTC();
        String commit = context.getBundle().getHeaders("").get("Scope-Git-Commit");
        CoreEndpoints.ServerInfo info = new CoreEndpoints.ServerInfo(context.getBundle().getVersion().toString(),
                commit == null || commit.isBlank() ? null : commit.strip(), clock.instant(), clock);
        ScopeApi api = new ScopeApi(registry, engine, plugins, context, info, options, this::media);
        try {
            Serving serving = new JettyServing(options, api, running::remove);
            running.add(serving);
            return serving;
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
    }

    @Deactivate
    void deactivate() {
        for (Serving s : new ArrayList<>(running)) {
            s.close();
        }
    }
}
