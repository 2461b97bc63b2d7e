package dev.scope.ui.app.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.scope.schema.Json;

/**
 * The workbench's own settings in {@code $SCOPE_HOME/workbench/ui.json}: the theme. Written
 * atomically; a file that cannot be read is moved aside with one notice.
 *
 * @param theme the id of the CSS theme (see plugin.xml)
 */
record UiSettings(String theme) {

    static final String LIGHT = "dev.scope.ui.theme.light";
    static final String DARK = "dev.scope.ui.theme.dark";
    static final List<String> THEMES = List.of(LIGHT, DARK);

    /** @return the file in the state directory {@code home} */
    static Path file(Path home) {
        return home.resolve("workbench").resolve("ui.json");
    }

    /**
     * @param home the state directory
     * @param notices where to say that the file was unreadable and moved aside
     * @return the settings, the light theme when there are none
     */
    static UiSettings read(Path home, List<String> notices) {
        Path file = file(home);
        if (!Files.exists(file)) {
            return new UiSettings(LIGHT);
        }
        try {
            Object tree = Json.read(Files.readString(file));
            if (tree instanceof Map<?, ?> m && m.get("theme") instanceof String t && THEMES.contains(t)) {
                return new UiSettings(t);
            }
            throw new IllegalArgumentException("expected {\"theme\": one of " + THEMES + "}");
        } catch (IOException | IllegalArgumentException e) {
            notices.add(moveAside(file, e.getMessage()));
            return new UiSettings(LIGHT);
        }
    }

    private static String moveAside(Path file, String why) {
        Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + Instant.now().toEpochMilli());
        try {
            Files.move(file, aside);
            return file + " was unreadable (" + why + "); it was moved to " + aside + " and the light theme is used";
        } catch (IOException e) {
            return file + " was unreadable (" + why + ") and could not be moved aside: " + e.getMessage();
        }
    }

    /** Writes the settings atomically. */
    void write(Path home) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("theme", theme);
        Json.writeAtomically(file(home), root);
    }
}
