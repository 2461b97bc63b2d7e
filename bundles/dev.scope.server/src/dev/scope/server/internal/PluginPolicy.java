package dev.scope.server.internal;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.scope.engine.api.InstalledPlugin;
import dev.scope.engine.api.PluginManager;

/**
 * Who may change the installed plugins through the route table: anyone with the token, or, in cloud
 * mode, only what the operator allowed ({@code --allow-plugin}). It is part of the plugin routes'
 * handlers, not of the HTTP dispatcher, so every way into the table (HTTP, the relay's {@code api}
 * messages) meets the same refusal: 403 with Scope's {@code detail} and a {@code hint} saying what
 * the operator changes.
 *
 * <p>An allowlist entry is a plugin name or a package source: an install proceeds when its
 * {@code package} is a listed source (a name says nothing about the code a JAR holds), an uninstall
 * or reload when the plugin's name is listed or it was installed from a listed source. Paths are
 * compared made absolute and normalised. Immutable: thread-safe.
 */
final class PluginPolicy {

    /** Scope's words for the refusal, as its clients match them. */
    static final String DETAIL = "Plugin installation is not available in cloud mode";

    /** What the 403 means, for the OpenAPI document. */
    static final String REFUSED = "cloud mode, and the plugin is not on the server's allowlist: {detail, hint}";

    private final boolean cloud;
    private final List<String> allowed;
    private final Set<String> sources;
    private final PluginManager plugins;

    /**
     * @param cloud whether the server runs in cloud mode
     * @param allowed in cloud mode, the plugin names and package sources that may still change
     */
    PluginPolicy(boolean cloud, List<String> allowed, PluginManager plugins) {
        this.cloud = cloud;
        this.allowed = List.copyOf(allowed);
        this.sources = this.allowed.stream().map(PluginPolicy::sourceKey).collect(Collectors.toUnmodifiableSet());
        this.plugins = plugins;
    }

    boolean cloud() {
        return cloud;
    }

    /** @return the allowlist as the operator gave it */
    List<String> allowed() {
        return allowed;
    }

    /** @return the install handler, refusing in cloud mode a {@code package} not on the allowlist */
    Route.Handler guardInstall(Route.Handler install) {
        return request -> {
            if (!cloud) {
                return install.handle(request);
            }
            String spec = packageOf(request);
            return spec != null && sources.contains(sourceKey(spec)) ? install.handle(request)
                    : refusal(spec == null ? "SOURCE" : spec);
        };
    }

    /** @return the handler of a route on {@code {name}}, refusing in cloud mode a plugin not on the allowlist */
    Route.Handler guardChange(Route.Handler change) {
        return request -> {
            String name = request.pathParam("name");
            return !cloud || allowed.contains(name) || installedFromListedSource(name) ? change.handle(request)
                    : refusal(name);
        };
    }

    private boolean installedFromListedSource(String name) {
        for (InstalledPlugin p : plugins.list()) {
            if (p.name().equals(name)) {
                return p.source() != null && sources.contains(sourceKey(p.source()));
            }
        }
        return false;
    }

    /** @return the body's {@code package} when it is a string, else null (the request is not on the list) */
    private static String packageOf(ApiRequest request) {
        try {
            return request.jsonObjectOrEmpty().get("package") instanceof String s ? s : null;
        } catch (ApiException e) {
            return null;
        }
    }

    private static String sourceKey(String source) {
        if (source.contains("://")) {
            return source;
        }
        try {
            return Path.of(source).toAbsolutePath().normalize().toString();
        } catch (InvalidPathException e) {
            return source;
        }
    }

    private static ApiReply refusal(String subject) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", DETAIL);
        body.put("hint", "the server's operator can allow this plugin with --allow-plugin " + subject
                + ", or start the server without --cloud");
        return ApiReply.json(403, body);
    }
}
