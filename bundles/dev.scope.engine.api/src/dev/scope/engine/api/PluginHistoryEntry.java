package dev.scope.engine.api;

import java.util.List;

/**
 * One numbered change to the installed set ({@link PluginManager#history}).
 *
 * @param number counts from 1; {@link PluginManager#rollback} takes it
 * @param at when, ISO-8601
 * @param action {@code install}, {@code update}, {@code uninstall}, {@code disable},
 *        {@code enable}, {@code link}, {@code unlink} or {@code rollback}
 * @param summary what changed, one line
 * @param plugins the installed set after it, as {@code name version} (with
 *        {@code " (disabled)"} for a disabled one)
 * @since 3.2
 */
public record PluginHistoryEntry(int number, String at, String action, String summary, List<String> plugins) {

    /** Copies the list. */
    public PluginHistoryEntry {
        plugins = List.copyOf(plugins);
    }
}
