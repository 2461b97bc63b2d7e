package dev.scope.server.internal;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.scope.engine.api.Engine;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;
import dev.scope.media.MediaService;
import dev.scope.server.ServeOptions;

import org.osgi.framework.BundleContext;

/**
 * The route table of one server and the state behind it (the loaded pipeline, the headless
 * session), and its WebSocket endpoints: the relay ({@code /ws}), which answers its {@code api}
 * messages from the same table, and the remote preview ({@code /ws/preview/{session_id}}).
 */
final class ScopeApi implements AutoCloseable {

    /**
     * The remote preview's JPEG quality unless the client asks for another (RESEARCH-2026-12 §7):
     * lower than the frame endpoint's 85, since it is a stream, not a still.
     */
    static final int PREVIEW_QUALITY = 75;
    /** Threads that encode the remote preview's JPEGs (never a session's own threads). */
    private static final int PREVIEW_THREADS = 2;

    private final Routes routes = new Routes();
    private final PipelineLoader loader;
    private final SessionEndpoints sessions;
    private final RelayHub hub = new RelayHub();
    private final ExecutorService previewEncoder = Executors.newFixedThreadPool(PREVIEW_THREADS, r -> {
        Thread t = new Thread(r, "scope-server-preview");
        t.setDaemon(true);
        return t;
    });
    private final CoreEndpoints.ServerInfo info;
    /** Dual mode's link to the remote server, or null. */
    private final RemoteLink remote;
    private final ScheduledExecutorService retries;
    private final PipelineRegistry registry;
    private final CoreEndpoints core;
    private final LogRelay logs;
    /** Tells the relay's clients when the pipelines change, so that they read the schemas again. */
    private final Runnable onRegistry;
    private final PluginPolicy policy;
    private final boolean tls;

    /** @param media the media service; throws ApiException 503 when the framework has none */
    ScopeApi(PipelineRegistry registry, Engine engine, PluginManager plugins, BundleContext context,
            CoreEndpoints.ServerInfo info, ServeOptions options, Supplier<MediaService> media) {
        this.info = info;
        loader = new PipelineLoader(engine);
        policy = new PluginPolicy(options.cloud(), options.allowedPlugins(), plugins);
        tls = options.tls() != null;
        sessions = new SessionEndpoints(registry, engine, media, loader, info.clock(), previewEncoder, hub::push);
        this.registry = registry;
        core = new CoreEndpoints(registry, engine, info, this::capabilities);
        core.addTo(routes);
        new PluginEndpoints(plugins, new PluginInfos(plugins, registry, context), policy).addTo(routes);
        new PipelineEndpoints(registry, loader).addTo(routes);
        sessions.addTo(routes);
        new RecordingEndpoints(sessions, plugins.home().resolve("recordings"), info.clock()).addTo(routes);
        OpenApi.addTo(routes, info.version());
        onRegistry = () -> {
            core.pipelinesChanged();
            loader.pipelinesChanged(id -> registry.find(id).isPresent());
            hub.push(Map.of("type", "notification", "kind", "pipelines_changed", "message", "the pipelines"
                    + " changed (a plugin came, went or was swapped): GET /api/v1/pipelines/schemas again"));
        };
        registry.addListener(onRegistry);
        logs = new LogRelay(hub).open();
        if (options.remote() == null) {
            remote = null;
            retries = null;
        } else {
            retries = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "scope-server-remote");
                t.setDaemon(true);
                return t;
            });
            remote = new RemoteLink(options.remote().relay(), options.remote().token(), HttpClient.newHttpClient(),
                    retries, hub::push, FORWARD_TIMEOUT, info.clock());
            routes.forwardTo(new Routes.Forwarder() {
                @Override
                public boolean active() {
                    return remote.connected();
                }

                @Override
                public ApiReply forward(ApiRequest request) {
                    return remote.forward(request);
                }
            });
            remote.start();
        }
    }

    /** How long a request forwarded in dual mode waits for the remote's answer (then 504). */
    static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(30);

    Routes routes() {
        return routes;
    }

    /**
     * @param work where its requests are answered (the server's thread pool)
     * @return a new relay connection's listener
     */
    RelaySocket relay(Executor work) {
        Map<String, Object> ready = new LinkedHashMap<>();
        ready.put("version", info.version());
        ready.put("message_types", List.of("api", "parameters", "ping"));
        ready.put("events", List.of("stream_started", "stream_stopped", "notification", "logs"));
        ready.put("capabilities", capabilities());
        return new RelaySocket(UUID.randomUUID().toString(), routes, hub, work, ready, info.clock());
    }

    /**
     * @return a preview client's listener for the running session with that id, or empty
     * @throws ApiException 422 for a wrong quality or max_size
     */
    Optional<PreviewSocket> preview(String sessionId, Map<String, List<String>> query) {
        int quality = SessionEndpoints.intQuery(query, "quality", PREVIEW_QUALITY, 1, 100);
        int maxSide = SessionEndpoints.intQuery(query, "max_size", 0, 0, dev.scope.pipeline.api.Frame.MAX_SIDE);
        return sessions.preview(sessionId).map(f -> new PreviewSocket(UUID.randomUUID().toString(), f, quality, maxSide));
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
        if (remote != null) {
            c.put("remote", remote.status()); // dual mode: where /api/v1/ goes while connected
        }
        return c;
    }

    @Override
    public void close() {
        registry.removeListener(onRegistry);
        logs.close();
        if (remote != null) {
            remote.close();
            retries.shutdownNow();
        }
        sessions.close();
        loader.close();
        previewEncoder.shutdown();
        try {
            previewEncoder.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
