package dev.scope.engine.api;

import java.util.List;

/**
 * What {@link PluginManager#update}, {@link PluginManager#updateAll} or
 * {@link PluginManager#reload} did to one plugin.
 *
 * @param name the plugin name
 * @param fromVersion the version before
 * @param toVersion the version after (the same when nothing changed)
 * @param changed whether a new build was installed
 * @param notes one line each: stages swapped in running streams, parameter values reset because
 *        the new version's parameters changed, pipelines it no longer provides
 * @since 3.2
 */
public record PluginUpdate(String name, String fromVersion, String toVersion, boolean changed, List<String> notes) {

    /** Copies the list. */
    public PluginUpdate {
        notes = List.copyOf(notes);
    }
}
