package dev.scope.ui.stream.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.scope.engine.api.FailedPlugin;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineRegistry;

/**
 * The registry the workbench shows: this machine's, or a server's while remote. Its listeners stay
 * registered across a switch and are told of it, as of every change of the registry in use.
 */
final class ViewRegistry implements PipelineRegistry {

    private final PipelineRegistry local;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Runnable forward = this::changed;
    private volatile PipelineRegistry current;

    ViewRegistry(PipelineRegistry local) {
        this.local = local;
        this.current = local;
        local.addListener(forward);
    }

    /** @param remote the server's registry, or {@code null} to show this machine's again */
    void use(PipelineRegistry remote) {
        PipelineRegistry next = remote == null ? local : remote;
        PipelineRegistry before = current;
        if (before == next) {
            return;
        }
        if (before != local) {
            before.removeListener(forward);
        }
        if (next != local) {
            next.addListener(forward);
        }
        current = next;
        changed();
    }

    private void changed() {
        for (Runnable l : listeners) {
            l.run();
        }
    }

    /** Stops following this machine's registry. */
    void close() {
        local.removeListener(forward);
    }

    @Override
    public List<PipelineInfo> pipelines() {
        return current.pipelines();
    }

    @Override
    public Optional<PipelineInfo> find(String id) {
        return current.find(id);
    }

    @Override
    public Object parseValue(String pipelineId, String key, String text) {
        return current.parseValue(pipelineId, key, text);
    }

    @Override
    public List<FailedPlugin> failedPlugins() {
        return current.failedPlugins();
    }

    @Override
    public Map<String, Object> schemas() {
        return current.schemas();
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
