package dev.scope.plugins.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.scope.schema.Json;

/**
 * What the last look at each remote source (a URL, a Maven coordinate) found:
 * {@code $SCOPE_HOME/updates.json}. {@code plugins list} shows it without touching the network;
 * {@code plugins list --check} and {@code plugins update} look again. An answer counts only for the
 * build it was made for: once that build is replaced it is forgotten.
 */
final class UpdateChecks {

    private static final int FORMAT = 1;

    private final Path file;

    UpdateChecks(Path home) {
        this.file = home.resolve("updates.json");
    }

    /** @return what the last check found newer for the plugin's installed build, or empty */
    Optional<String> available(PluginRecord record) {
        Object check = read().get(record.source());
        if (check instanceof Map<?, ?> m && record.sha256().equals(m.get("sha256")) && m.get("available") instanceof String s) {
            return Optional.of(s);
        }
        return Optional.empty();
    }

    /**
     * Remembers what a check found; call holding the state lock.
     *
     * @param available what is newer ({@code "1.2.0"}, {@code "a new build"}), or {@code null}
     */
    void remember(PluginRecord record, String available) throws IOException {
        Map<String, Object> checks = new LinkedHashMap<>(read());
        Map<String, Object> check = new LinkedHashMap<>();
        check.put("sha256", record.sha256());
        check.put("available", available);
        check.put("checked_at", Instant.now().toString());
        checks.put(record.source(), check);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("checks", checks);
        try {
            Json.writeAtomically(file, root);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** @return the checks by source; an unreadable file counts as no checks (it is only a cache) */
    private Map<String, Object> read() {
        try {
            if (Files.exists(file) && Json.read(Files.readString(file)) instanceof Map<?, ?> root
                    && root.get("checks") instanceof Map<?, ?> checks) {
                Map<String, Object> copy = new LinkedHashMap<>();
                checks.forEach((k, v) -> copy.put(String.valueOf(k), v));
                return copy;
            }
        } catch (IOException | IllegalArgumentException e) {
            // a cache: rewritten at the next check
        }
        return Map.of();
    }
}
