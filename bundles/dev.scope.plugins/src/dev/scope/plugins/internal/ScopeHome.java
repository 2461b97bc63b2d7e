package dev.scope.plugins.internal;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the workbench keeps its state: {@code $SCOPE_HOME}, else {@code $XDG_DATA_HOME/scope},
 * else {@code ~/.local/share/scope}. The system property {@code scope.home} wins over all.
 */
final class ScopeHome {

    private ScopeHome() {
    }

    static Path resolve(Map<String, String> env, String property, String userHome) {
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath();
        }
        String home = env.get("SCOPE_HOME");
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath();
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "scope").toAbsolutePath();
        }
        return Path.of(userHome, ".local", "share", "scope");
    }
}
