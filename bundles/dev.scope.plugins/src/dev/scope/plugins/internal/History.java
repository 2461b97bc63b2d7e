package dev.scope.plugins.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.scope.schema.Json;

/**
 * The numbered history of changes to the installed set, {@code history.json} in the state
 * directory: each entry holds what was done and the whole installed set after it, so that
 * {@code rollback N} can return to it. The newest {@value #KEPT} entries are kept; the cached JARs
 * they name stay in the cache. Read and written under the state lock, atomically.
 */
final class History {

    static final int KEPT = 50;
    private static final int FORMAT = 1;

    /**
     * @param number the entry's number, counting from 1, never reused
     * @param at when, ISO-8601
     * @param action {@code install}, {@code update}, {@code uninstall}, {@code disable},
     *        {@code enable}, {@code link}, {@code unlink} or {@code rollback}
     * @param summary what changed, one line, e.g. {@code invert 1.0.0 -> 1.1.0}
     * @param plugins the installed set after it
     */
    record Entry(int number, String at, String action, String summary, List<PluginRecord> plugins) {
    }

    private final Path file;

    History(Path home) {
        this.file = home.resolve("history.json");
    }

    /** @return the entries, oldest first; a file that cannot be read counts as an empty history */
    List<Entry> read() throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        try {
            Object tree = Json.read(Files.readString(file));
            if (!(tree instanceof Map<?, ?> root) || !(root.get("entries") instanceof List<?> list)) {
                throw new IllegalArgumentException("expected an object with an \"entries\" list");
            }
            List<Entry> entries = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> m) || !(m.get("number") instanceof Number n)
                        || !(m.get("plugins") instanceof List<?> plugins)) {
                    throw new IllegalArgumentException("an entry lacks its number or plugins: " + o);
                }
                List<PluginRecord> records = new ArrayList<>();
                for (Object p : plugins) {
                    if (!(p instanceof Map<?, ?> pm)) {
                        throw new IllegalArgumentException("a plugin of entry " + n + " is not an object");
                    }
                    records.add(PluginRecord.fromJson(pm));
                }
                entries.add(new Entry(n.intValue(), String.valueOf(m.get("at")), String.valueOf(m.get("action")),
                        String.valueOf(m.get("summary")), List.copyOf(records)));
            }
            return entries;
        } catch (IllegalArgumentException e) {
            Path aside = file.resolveSibling("history.json.unreadable-" + Instant.now().toEpochMilli());
            Files.move(file, aside);
            return List.of();
        }
    }

    /** Adds an entry after the newest, dropping the oldest beyond {@value #KEPT}; call holding the state lock. */
    Entry append(String action, String summary, List<PluginRecord> plugins) throws IOException {
        List<Entry> entries = new ArrayList<>(read());
        int number = entries.isEmpty() ? 1 : entries.get(entries.size() - 1).number() + 1;
        Entry entry = new Entry(number, Instant.now().toString(), action, summary, List.copyOf(plugins));
        entries.add(entry);
        while (entries.size() > KEPT) {
            entries.remove(0);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        List<Object> rows = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("number", e.number());
            m.put("at", e.at());
            m.put("action", e.action());
            m.put("summary", e.summary());
            m.put("plugins", e.plugins().stream().map(PluginRecord::toJson).toList());
            rows.add(m);
        }
        root.put("entries", rows);
        Json.writeAtomically(file, root);
        return entry;
    }

    /** @return the cached JARs (relative to the state directory) some entry names, dependencies included */
    Set<String> files() throws IOException {
        Set<String> files = new HashSet<>();
        for (Entry e : read()) {
            e.plugins().forEach(p -> {
                files.add(p.file());
                p.dependencies().forEach(d -> files.add(d.file()));
            });
        }
        return files;
    }
}
