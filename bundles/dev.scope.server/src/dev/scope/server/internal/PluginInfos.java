package dev.scope.server.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.scope.engine.api.FailedPlugin;
import dev.scope.engine.api.InstalledPlugin;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;
import dev.scope.engine.api.PluginRef;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Scope's {@code PluginInfo} and {@code failed_plugins} entries, from the plugin manager's installed
 * set, the registry's built-in pipelines and the bundles' headers (author, description).
 */
final class PluginInfos {

    private final PluginManager plugins;
    private final PipelineRegistry registry;
    private final BundleContext context;

    PluginInfos(PluginManager plugins, PipelineRegistry registry, BundleContext context) {
        this.plugins = plugins;
        this.registry = registry;
        this.context = context;
    }

    /** @return {@code {plugins, total, failed_plugins}}: installed plugins by name, then the built-in ones */
    Map<String, Object> list() {
        List<Object> rows = new ArrayList<>();
        List<InstalledPlugin> installed = plugins.list();
        installed.forEach(p -> rows.add(info(p)));
        Map<String, List<PipelineInfo>> builtIn = new TreeMap<>();
        for (PipelineInfo p : registry.pipelines()) {
            if (p.plugin().bundled()) {
                builtIn.computeIfAbsent(p.plugin().name(), n -> new ArrayList<>()).add(p);
            }
        }
        builtIn.values().forEach(pipelines -> rows.add(builtIn(pipelines)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plugins", rows);
        body.put("total", rows.size());
        body.put("failed_plugins", failed(installed));
        return body;
    }

    /** @return Scope's PluginInfo of an installed plugin, with our state, error, enabled and leaked */
    Map<String, Object> info(InstalledPlugin p) {
        Map<String, Object> row = common(p.name(), p.version());
        row.put("source", "local");
        row.put("editable", p.linked() != null);
        row.put("editable_path", p.linked());
        row.put("pipelines", pipelines(p.pipelines()));
        row.put("latest_version", p.updateAvailable() != null && p.updateAvailable().matches("\\d+(\\.\\d+)*.*")
                ? p.updateAvailable() : null);
        row.put("update_available", p.updateAvailable() != null);
        row.put("package_spec", p.source());
        row.put("bundled", false);
        row.put("state", p.state());
        row.put("error", p.error());
        row.put("enabled", p.enabled());
        row.put("leaked", p.leaked());
        return row;
    }

    /** A built-in plugin as an installed one would be listed, marked bundled; its package_spec is its name. */
    private Map<String, Object> builtIn(List<PipelineInfo> pipelines) {
        PluginRef ref = pipelines.get(0).plugin();
        Map<String, Object> row = info(new InstalledPlugin(ref.name(), ref.version(), "active", null,
                pipelines.stream().map(PipelineInfo::id).toList(), null, ref.name(), null));
        row.put("bundled", true);
        return row;
    }

    private Map<String, Object> common(String name, String version) {
        Bundle bundle = bundle(name, version);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("version", version);
        row.put("author", bundle == null ? null : bundle.getHeaders("").get("Bundle-Vendor"));
        row.put("description", bundle == null ? null : bundle.getHeaders("").get("Bundle-Description"));
        return row;
    }

    private Bundle bundle(String name, String version) {
        for (Bundle b : context.getBundles()) {
            if (name.equals(b.getSymbolicName()) && b.getVersion().toString().equals(version)) {
                return b;
            }
        }
        return null;
    }

    private List<Object> pipelines(List<String> ids) {
        List<Object> list = new ArrayList<>();
        for (String id : ids) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("pipeline_id", id);
            p.put("pipeline_name", registry.find(id).map(PipelineInfo::name).orElse(id));
            list.add(p);
        }
        return list;
    }

    /** The registry's failed plugins, then installed plugins that are failed, missing or damaged. */
    private List<Object> failed(List<InstalledPlugin> installed) {
        List<Object> list = new ArrayList<>();
        Set<String> named = new LinkedHashSet<>();
        for (FailedPlugin f : registry.failedPlugins()) {
            named.add(f.name());
            list.add(failure(f.name(), f.version(), f.errorType(), f.errorMessage()));
        }
        for (InstalledPlugin p : installed) {
            if (p.error() != null && !p.state().equals("active") && !p.state().equals("disabled") && named.add(p.name())) {
                String type = "Plugin" + p.state().substring(0, 1).toUpperCase(Locale.ROOT) + p.state().substring(1);
                list.add(failure(p.name(), p.version(), type, p.error()));
            }
        }
        return list;
    }

    private static Map<String, Object> failure(String name, String version, String type, String message) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("package_name", name);
        f.put("entry_point_name", name);
        f.put("error_type", type);
        f.put("error_message", message);
        f.put("version", version);
        return f;
    }
}
