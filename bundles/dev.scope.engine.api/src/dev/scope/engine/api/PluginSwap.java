package dev.scope.engine.api;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What {@link Engine#swapPlugin} did: the stages running a plugin's pipelines got instances of
 * its other version, queued for their next frame boundary.
 *
 * @param plugin the plugin name (bundle symbolic name)
 * @param fromVersion the version the stages ran
 * @param toVersion the version they run after the swap
 * @param stages how many stages were swapped
 * @param resets what the new version's parameters could not take over, one line each, e.g.
 *        {@code blur #1: strength reset to 2.0 (its type changed)}; empty when every value was kept
 * @param dropped stages whose pipeline the new version no longer provides, one line each: they
 *        pass their frames through once the old version leaves
 * @param applied completes when every swapped stage runs the new instance (a stage of a paused
 *        stream swaps at its next frame, so this may take long; a closed stream completes it)
 * @since 3.2
 */
public record PluginSwap(String plugin, String fromVersion, String toVersion, int stages, List<String> resets,
        List<String> dropped, CompletableFuture<Void> applied) {

    /** Copies the lists. */
    public PluginSwap {
        resets = List.copyOf(resets);
        dropped = List.copyOf(dropped);
    }
}
