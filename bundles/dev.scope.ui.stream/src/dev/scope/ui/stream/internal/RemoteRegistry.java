package dev.scope.ui.stream.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.scope.engine.api.FailedPlugin;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginRef;

/**
 * A server's pipelines, as its {@code GET /api/v1/pipelines/schemas} lists them: each
 * {@link PipelineInfo} carries the server's schema entry unchanged, so that the settings form
 * renders the same widgets as on the server. {@link #update} replaces the list (after a
 * {@code pipelines_changed} notification) and tells the listeners. Thread-safe.
 */
final class RemoteRegistry implements PipelineRegistry {

    private final String server;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile List<PipelineInfo> pipelines = List.of();
    private volatile Map<String, Object> schemas = Map.of("pipelines", Map.of());
    private volatile List<FailedPlugin> failed = List.of();

    /** @param server the server's address, for the plugin references */
    RemoteRegistry(String server) {
        this.server = server;
    }

    /**
     * @param schemasBody the server's schemas, {@code {pipelines: {id: entry}}}
     * @param failedPlugins the server's {@code failed_plugins}, or {@code null} when not asked
     */
    @SuppressWarnings("unchecked")
    void update(Map<String, Object> schemasBody, List<?> failedPlugins) {
        List<PipelineInfo> list = new ArrayList<>();
        if (schemasBody.get("pipelines") instanceof Map<?, ?> all) {
            for (Map.Entry<?, ?> e : all.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> entry) {
                    list.add(info(String.valueOf(e.getKey()), (Map<String, Object>) entry));
                }
            }
        }
        pipelines = List.copyOf(list);
        schemas = schemasBody;
        if (failedPlugins != null) {
            List<FailedPlugin> f = new ArrayList<>();
            for (Object o : failedPlugins) {
                if (o instanceof Map<?, ?> m) {
                    f.add(new FailedPlugin(text(m.get("package_name")), text(m.get("version")), server,
                            text(m.get("error_type")), text(m.get("error_message"))));
                }
            }
            failed = List.copyOf(f);
        }
        for (Runnable l : listeners) {
            l.run();
        }
    }

    private PipelineInfo info(String id, Map<String, Object> entry) {
        String pluginName = entry.get("plugin_name") instanceof String s ? s : null;
        PluginRef plugin = new PluginRef(pluginName == null ? "scope" : pluginName, text(entry.get("version")), server,
                -1, pluginName == null);
        return new PipelineInfo(id, entry.get("name") instanceof String n ? n : id, strings(entry.get("usage")),
                strings(entry.get("supported_modes")), entry.get("default_mode") instanceof String m ? m : null, plugin,
                entry, entry.get("schema_error") instanceof String err ? err : null);
    }

    private static List<String> strings(Object value) {
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> l) {
            for (Object o : l) {
                out.add(String.valueOf(o));
            }
        }
        return out;
    }

    private static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    @Override
    public List<PipelineInfo> pipelines() {
        return pipelines;
    }

    @Override
    public Optional<PipelineInfo> find(String id) {
        return pipelines.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    @Override
    public Object parseValue(String pipelineId, String key, String text) {
        throw new UnsupportedOperationException("values typed as text are parsed on the server, not over its relay");
    }

    @Override
    public List<FailedPlugin> failedPlugins() {
        return failed;
    }

    @Override
    public Map<String, Object> schemas() {
        return schemas;
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }
}
