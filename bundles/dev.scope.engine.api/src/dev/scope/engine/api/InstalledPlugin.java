package dev.scope.engine.api;

import java.util.List;

/**
 * A plugin the {@link PluginManager} installed.
 *
 * @param name the plugin name: the bundle's symbolic name
 * @param version the bundle version
 * @param state {@code "active"}, {@code "disabled"} (installed, not running: by
 *        {@link PluginManager#disable} or for a run in safe mode), {@code "failed"} (see
 *        {@code error}), {@code "missing"} (its cached JAR is gone and its source could not give
 *        it back), {@code "damaged"} (its cached JAR is not what was installed) or
 *        {@code "installed"} (not started)
 * @param error what went wrong and what to do, one line, or {@code null}; an active plugin
 *        whose cached JAR is gone has one too (it runs from the OSGi cache until a clean start)
 * @param pipelines ids of the pipelines it provides now
 * @param sha256 the JAR's SHA-256, hex
 * @param source where it was installed from: a JAR or plugin project folder (an absolute path), a
 *        URL, or a Maven coordinate {@code group:artifact:version}
 * @param installedAt when it was installed, ISO-8601
 * @param enabled whether it is enabled (remembered across restarts)
 * @param linked the plugin project folder it follows ({@link PluginManager#link}), or {@code null}
 * @param updateAvailable what {@link PluginManager#update} would install, e.g. {@code "1.2.0"}
 *        or {@code "a new build"}, or {@code null} when its source holds what is installed; for a
 *        URL or Maven source, what the last {@link PluginManager#checkUpdates} or update found
 *        (never asked by {@link PluginManager#list})
 * @param leaked whether an old version of it is still held in memory after an update or
 *        uninstall (its class loader was not collected, or the framework still wires it): a
 *        thread it never stopped, typically; a restart frees it
 * @param sourceKind what {@code source} is: {@code "jar"}, {@code "folder"}, {@code "url"} or
 *        {@code "maven"}
 * @param dependencies the library bundles installed with it from an OSGi repository index
 * @since 3.2 (the last six)
 */
public record InstalledPlugin(String name, String version, String state, String error,
        List<String> pipelines, String sha256, String source, String installedAt, boolean enabled, String linked,
        String updateAvailable, boolean leaked, String sourceKind, List<PluginDependency> dependencies) {

    /** Copies the lists. */
    public InstalledPlugin {
        pipelines = List.copyOf(pipelines);
        dependencies = List.copyOf(dependencies);
    }

    /** A plugin from a JAR, without dependencies. */
    public InstalledPlugin(String name, String version, String state, String error, List<String> pipelines,
            String sha256, String source, String installedAt, boolean enabled, String linked, String updateAvailable,
            boolean leaked) {
        this(name, version, state, error, pipelines, sha256, source, installedAt, enabled, linked, updateAvailable,
                leaked, "jar", List.of());
    }

    /** An enabled, unlinked plugin with no update and no leak. */
    public InstalledPlugin(String name, String version, String state, String error, List<String> pipelines,
            String sha256, String source, String installedAt) {
        this(name, version, state, error, pipelines, sha256, source, installedAt, true, null, null, false);
    }
}
