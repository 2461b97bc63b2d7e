package dev.scope.server.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import dev.scope.engine.api.InstalledPlugin;
import dev.scope.engine.api.PluginManager;
import dev.scope.engine.api.PluginUpdate;

/**
 * {@code /api/v1/plugins}: list, install (or replace), uninstall and reload, through the plugin
 * manager, with Scope's shapes. A reload swaps a plugin in use live (never 409). The three routes
 * that change the installed set answer through the {@link PluginPolicy} (403 in cloud mode).
 */
final class PluginEndpoints {

    private final PluginManager plugins;
    private final PluginInfos infos;
    private final PluginPolicy policy;

    PluginEndpoints(PluginManager plugins, PluginInfos infos, PluginPolicy policy) {
        this.plugins = plugins;
        this.infos = infos;
        this.policy = policy;
    }

    void addTo(Routes routes) {
        routes.add(new Route("GET", "/api/v1/plugins", "the installed and built-in plugins, and the failed ones",
                Map.of(200, "{plugins, total, failed_plugins}"), false, r -> ApiReply.json(200, infos.list())));
        routes.add(new Route("POST", "/api/v1/plugins",
                "install a plugin JAR or project folder on the server's machine: {package, editable, upgrade}",
                Map.of(200, "{success, message, plugin}", 400, "no JSON object", 403, PluginPolicy.REFUSED, 409,
                        "a plugin of that name is installed and upgrade is false", 422,
                        "not a plugin, a requirement nobody provides, a wrong field"),
                true, policy.guardInstall(this::install)));
        routes.add(new Route("DELETE", "/api/v1/plugins/{name}", "uninstall a plugin; stages running it pass their frames through",
                Map.of(200, "{success, message, unloaded_pipelines}", 400, "a built-in plugin", 403, PluginPolicy.REFUSED,
                        404, "no such plugin"),
                false, policy.guardChange(this::uninstall)));
        routes.add(new Route("POST", "/api/v1/plugins/{name}/reload",
                "a newer build from the plugin's source, or fresh instances; running streams swap live",
                Map.of(200, "{success, message, reloaded_pipelines, added_pipelines, removed_pipelines}", 403,
                        PluginPolicy.REFUSED, 404, "no such plugin", 422,
                        "the new build cannot be used (the old one keeps running)"),
                false, policy.guardChange(this::reload)));
    }

    private ApiReply install(ApiRequest request) {
        Map<String, Object> body = request.jsonObject();
        String spec = JsonFields.string(body, "package");
        boolean editable = JsonFields.bool(body, "editable", false);
        boolean upgrade = JsonFields.bool(body, "upgrade", false);
        Path path = localPath(spec);
        if (!upgrade) {
            String name = bundleName(path);
            for (InstalledPlugin p : plugins.list()) {
                if (p.name().equals(name)) {
                    throw new ApiException(409, "plugin " + name + " " + p.version() + " is installed; send \"upgrade\": true"
                            + " to replace it");
                }
            }
        }
        InstalledPlugin p = editable ? plugins.link(path) : plugins.install(path);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("success", p.error() == null);
        reply.put("message", p.error() == null ? "installed " + p.name() + " " + p.version()
                : "installed " + p.name() + " " + p.version() + " but it failed: " + p.error());
        reply.put("plugin", infos.info(p));
        return ApiReply.json(200, reply);
    }

    /** Only paths on the server's machine for now; a URL or a Maven coordinate is refused by name. */
    private static Path localPath(String spec) {
        Path path;
        try {
            path = Path.of(spec);
        } catch (InvalidPathException e) {
            throw new ApiException(422, "'package' " + spec + " is not a path: " + e.getReason());
        }
        if (!Files.exists(path) && (spec.contains("://") || spec.matches("[\\w.-]+:[\\w.-]+(:[\\w.-]+)+"))) {
            throw new ApiException(422, "'package' " + spec + ": installing from a URL or a Maven coordinate is not"
                    + " available yet; give the path of a plugin JAR or project folder on the server's machine");
        }
        return path;
    }

    /**
     * @return the bundle symbolic name of the JAR (a project folder's one JAR in target/), or null
     *         when it cannot be read: the plugin manager then says what is wrong with it
     */
    private static String bundleName(Path path) {
        Path jar = path;
        if (Files.isDirectory(path)) {
            List<Path> jars = new ArrayList<>();
            try (DirectoryStream<Path> target = Files.newDirectoryStream(path.resolve("target"), "*.jar")) {
                target.forEach(jars::add);
            } catch (IOException e) {
                return null;
            }
            if (jars.size() != 1) {
                return null;
            }
            jar = jars.get(0);
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest m = file.getManifest();
            String name = m == null ? null : m.getMainAttributes().getValue("Bundle-SymbolicName");
            return name == null ? null : name.split(";", 2)[0].strip();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private ApiReply uninstall(ApiRequest request) {
        InstalledPlugin p = plugins.uninstall(request.pathParam("name"));
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("success", true);
        reply.put("message", "uninstalled " + p.name() + " " + p.version());
        reply.put("unloaded_pipelines", p.pipelines());
        return ApiReply.json(200, reply);
    }

    private ApiReply reload(ApiRequest request) {
        // {"force": ...} is accepted for Scope's clients; a plugin in use is always swapped live
        JsonFields.bool(request.jsonObjectOrEmpty(), "force", false);
        String name = request.pathParam("name");
        List<String> before = pipelinesOf(name);
        PluginUpdate u = plugins.reload(name);
        List<String> after = pipelinesOf(name);
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("success", true);
        reply.put("message", u.changed() ? "updated " + u.name() + " " + u.fromVersion() + " -> " + u.toVersion()
                : "reloaded " + u.name() + " " + u.toVersion());
        reply.put("reloaded_pipelines", after.stream().filter(before::contains).toList());
        reply.put("added_pipelines", after.stream().filter(id -> !before.contains(id)).toList());
        reply.put("removed_pipelines", before.stream().filter(id -> !after.contains(id)).toList());
        reply.put("notes", u.notes());
        return ApiReply.json(200, reply);
    }

    private List<String> pipelinesOf(String name) {
        return plugins.list().stream().filter(p -> p.name().equals(name)).findFirst().map(InstalledPlugin::pipelines)
                .orElse(List.of());
    }
}
