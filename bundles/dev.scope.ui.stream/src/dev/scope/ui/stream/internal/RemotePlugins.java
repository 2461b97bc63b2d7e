package dev.scope.ui.stream.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.scope.engine.api.DownloadProgress;
import dev.scope.engine.api.InstalledPlugin;
import dev.scope.engine.api.PluginException;
import dev.scope.engine.api.PluginHistoryEntry;
import dev.scope.engine.api.PluginManager;
import dev.scope.engine.api.PluginUpdate;
import dev.scope.server.client.RelayAnswer;

/**
 * A server's plugins over its API (README, "The server"): listing is {@code GET /api/v1/plugins},
 * install {@code POST} (a path on the server's machine), uninstall {@code DELETE} and reload
 * {@code POST .../reload}, each over the relay; a refusal (cloud mode's 403, a 404, a 422) is a
 * {@link PluginException} with the server's one line. What the API does not offer (update,
 * enable, link, history, rollback) is refused with one line. Built-in plugins are not listed, as
 * locally.
 */
final class RemotePlugins implements PluginManager {

    /** Asks the server: {@code (method, path, body) -> answer}, waiting a bounded time. */
    interface Api {
        RelayAnswer call(String method, String path, Object body);
    }

    private final Api api;
    private final String server;
    private final Supplier<Path> home;

    RemotePlugins(Api api, String server, Supplier<Path> home) {
        this.api = api;
        this.server = server;
        this.home = home;
    }

    private Map<String, Object> ok(RelayAnswer a, String name) {
        if (a.ok()) {
            return a.object();
        }
        PluginException.Kind kind = a.status() == 404 ? PluginException.Kind.NOT_INSTALLED
                : a.status() == 400 ? PluginException.Kind.BUILT_IN
                : a.status() >= 500 ? PluginException.Kind.FAILED : PluginException.Kind.INVALID;
        throw new PluginException(kind, "the server refused" + (name == null ? "" : " " + name) + ": " + a.error());
    }

    @Override
    public List<InstalledPlugin> list() {
        List<InstalledPlugin> out = new ArrayList<>();
        Object rows = ok(api.call("GET", "/api/v1/plugins", null), null).get("plugins");
        if (rows instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m && !Boolean.TRUE.equals(m.get("bundled"))) {
                    out.add(plugin(m));
                }
            }
        }
        return out;
    }

    private static InstalledPlugin plugin(Map<?, ?> m) {
        List<String> pipelines = new ArrayList<>();
        if (m.get("pipelines") instanceof List<?> l) {
            for (Object p : l) {
                if (p instanceof Map<?, ?> pm && pm.get("pipeline_id") != null) {
                    pipelines.add(String.valueOf(pm.get("pipeline_id")));
                }
            }
        }
        return new InstalledPlugin(String.valueOf(m.get("name")), text(m.get("version")),
                m.get("state") instanceof String s ? s : "active", text(m.get("error")), pipelines, null,
                text(m.get("package_spec")), null, !Boolean.FALSE.equals(m.get("enabled")), text(m.get("editable_path")),
                Boolean.TRUE.equals(m.get("update_available")) ? text(m.get("latest_version")) : null,
                Boolean.TRUE.equals(m.get("leaked")));
    }

    private static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    @Override
    public InstalledPlugin install(Path bundleJar) {
        Map<String, Object> body = ok(api.call("POST", "/api/v1/plugins", Map.of("package",
                bundleJar.toAbsolutePath().toString(), "upgrade", true)), bundleJar.getFileName().toString());
        if (body.get("plugin") instanceof Map<?, ?> p) {
            return plugin(p);
        }
        throw new PluginException(PluginException.Kind.FAILED, "the server installed " + bundleJar.getFileName()
                + " but did not say what");
    }

    @Override
    public InstalledPlugin install(String spec, DownloadProgress progress) {
        return install(Path.of(spec));
    }

    @Override
    public InstalledPlugin uninstall(String name) {
        InstalledPlugin before = list().stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
        ok(api.call("DELETE", "/api/v1/plugins/" + encode(name), null), name);
        return before != null ? before : new InstalledPlugin(name, null, "uninstalled", null, List.of(), null, null,
                null);
    }

    @Override
    public PluginUpdate reload(String name) {
        Map<String, Object> body = ok(api.call("POST", "/api/v1/plugins/" + encode(name) + "/reload", Map.of()), name);
        List<String> notes = new ArrayList<>();
        if (body.get("notes") instanceof List<?> l) {
            l.forEach(n -> notes.add(String.valueOf(n)));
        }
        return new PluginUpdate(name, null, null, true, notes);
    }

    private static String encode(String name) {
        return java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    private PluginException notOverTheApi(String what) {
        return new PluginException(PluginException.Kind.INVALID, what + " is not offered by a server's API; do it on "
                + server + " (./scope plugins ...) or disconnect to work with this machine's plugins");
    }

    @Override
    public List<String> checkUpdates() {
        return List.of();
    }

    @Override
    public PluginUpdate update(String name) {
        throw notOverTheApi("updating a plugin");
    }

    @Override
    public List<PluginUpdate> updateAll() {
        throw notOverTheApi("updating plugins");
    }

    @Override
    public InstalledPlugin disable(String name) {
        throw notOverTheApi("disabling a plugin");
    }

    @Override
    public InstalledPlugin enable(String name) {
        throw notOverTheApi("enabling a plugin");
    }

    @Override
    public InstalledPlugin link(Path projectFolder) {
        throw notOverTheApi("linking a project folder");
    }

    @Override
    public InstalledPlugin unlink(String name) {
        throw notOverTheApi("unlinking a plugin");
    }

    @Override
    public List<PluginHistoryEntry> history() {
        return List.of();
    }

    @Override
    public List<String> rollback(int number) {
        throw notOverTheApi("rolling back");
    }

    @Override
    public boolean safeMode() {
        return false;
    }

    @Override
    public Path home() {
        return home.get();
    }

    @Override
    public List<String> takeNotices() {
        return List.of();
    }
}
