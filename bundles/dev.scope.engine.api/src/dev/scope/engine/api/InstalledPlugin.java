package dev.scope.engine.api;

import java.util.List;

/**
 * A plugin the {@link PluginManager} installed.
 *
 * @param name the plugin name: the bundle's symbolic name
 * @param version the bundle version
 * @param state {@code "active"}, {@code "failed"} (see {@code error}), {@code "missing"} (its
 *        cached JAR is gone), {@code "damaged"} (its cached JAR is not what was installed) or
 *        {@code "installed"} (not started)
 * @param error what went wrong and what to do, one line, or {@code null}; an active plugin
 *        whose cached JAR is gone has one too (it runs from the OSGi cache until a clean start)
 * @param pipelines ids of the pipelines it provides now
 * @param sha256 the JAR's SHA-256, hex
 * @param source the path it was installed from
 * @param installedAt when it was installed, ISO-8601
 */
public record InstalledPlugin(String name, String version, String state, String error,
        List<String> pipelines, String sha256, String source, String installedAt) {

    /** Copies the list. */
    public InstalledPlugin {
        pipelines = List.copyOf(pipelines);
    }
}
