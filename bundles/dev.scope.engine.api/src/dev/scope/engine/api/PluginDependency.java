package dev.scope.engine.api;

import java.util.List;

/**
 * A library bundle installed with plugins because they need it: found by the framework's resolver
 * in a configured OSGi repository index, since the workbench lacked it. It stays installed while
 * any plugin that needs it is installed.
 *
 * @param name its bundle symbolic name
 * @param version its bundle version
 * @param source the URL it was downloaded from
 * @param neededBy the installed plugins that need it, sorted by name
 * @since 3.2
 */
public record PluginDependency(String name, String version, String source, List<String> neededBy) {

    /** Copies the list. */
    public PluginDependency {
        neededBy = List.copyOf(neededBy);
    }
}
