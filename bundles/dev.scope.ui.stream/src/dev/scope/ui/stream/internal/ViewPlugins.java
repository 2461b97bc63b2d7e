package dev.scope.ui.stream.internal;

import java.nio.file.Path;
import java.util.List;

import dev.scope.engine.api.DownloadProgress;
import dev.scope.engine.api.InstalledPlugin;
import dev.scope.engine.api.PluginHistoryEntry;
import dev.scope.engine.api.PluginManager;
import dev.scope.engine.api.PluginUpdate;

/** The plugin manager the workbench shows: this machine's, or a server's while remote. */
final class ViewPlugins implements PluginManager {

    private final PluginManager local;
    private volatile PluginManager current;

    ViewPlugins(PluginManager local) {
        this.local = local;
        this.current = local;
    }

    /** @param remote the server's plugins, or {@code null} for this machine's again */
    void use(PluginManager remote) {
        current = remote == null ? local : remote;
    }

    @Override
    public InstalledPlugin install(Path bundleJar) {
        return current.install(bundleJar);
    }

    @Override
    public InstalledPlugin install(String spec, DownloadProgress progress) {
        return current.install(spec, progress);
    }

    @Override
    public List<InstalledPlugin> list() {
        return current.list();
    }

    @Override
    public List<String> checkUpdates() {
        return current.checkUpdates();
    }

    @Override
    public InstalledPlugin uninstall(String name) {
        return current.uninstall(name);
    }

    @Override
    public PluginUpdate update(String name) {
        return current.update(name);
    }

    @Override
    public List<PluginUpdate> updateAll() {
        return current.updateAll();
    }

    @Override
    public PluginUpdate reload(String name) {
        return current.reload(name);
    }

    @Override
    public InstalledPlugin disable(String name) {
        return current.disable(name);
    }

    @Override
    public InstalledPlugin enable(String name) {
        return current.enable(name);
    }

    @Override
    public InstalledPlugin link(Path projectFolder) {
        return current.link(projectFolder);
    }

    @Override
    public InstalledPlugin unlink(String name) {
        return current.unlink(name);
    }

    @Override
    public List<PluginHistoryEntry> history() {
        return current.history();
    }

    @Override
    public List<String> rollback(int number) {
        return current.rollback(number);
    }

    @Override
    public boolean safeMode() {
        return current.safeMode();
    }

    @Override
    public Path home() {
        return local.home();
    }

    @Override
    public List<String> takeNotices() {
        return current.takeNotices();
    }
}
