package dev.scope.plugins.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One installed plugin as the state file remembers it.
 *
 * @param name bundle symbolic name
 * @param version bundle version
 * @param sha256 the JAR's SHA-256, hex
 * @param file the cached JAR, relative to the state directory
 * @param source where it was installed from
 * @param installedAt ISO-8601 time of installation
 * @param enabled whether it runs; a disabled plugin stays installed, stopped
 * @param linked the plugin project folder whose builds replace it as they appear
 *        ({@code plugins link}), or {@code null}
 */
record PluginRecord(String name, String version, String sha256, String file, String source, String installedAt,
        boolean enabled, String linked) {

    /** An enabled, unlinked plugin. */
    PluginRecord(String name, String version, String sha256, String file, String source, String installedAt) {
        this(name, version, sha256, file, source, installedAt, true, null);
    }

    /** The bundle location: unique per content, so a new version installs beside the old one. */
    String location() {
        return PluginStore.LOCATION_PREFIX + name + "@" + sha256.substring(0, 12);
    }

    PluginRecord withEnabled(boolean on) {
        return new PluginRecord(name, version, sha256, file, source, installedAt, on, linked);
    }

    PluginRecord withLinked(String folder) {
        return new PluginRecord(name, version, sha256, file, source, installedAt, enabled, folder);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("version", version);
        m.put("sha256", sha256);
        m.put("file", file);
        m.put("source", source);
        m.put("installed_at", installedAt);
        m.put("enabled", enabled);
        m.put("linked", linked);
        return m;
    }

    /** Reads an entry; one written before {@code enabled} and {@code linked} existed is enabled and unlinked. */
    static PluginRecord fromJson(Map<?, ?> m) {
        Object enabled = m.get("enabled");
        if (enabled != null && !(enabled instanceof Boolean)) {
            throw new IllegalArgumentException("plugin entry's 'enabled' is not true or false: " + m);
        }
        Object linked = m.get("linked");
        if (linked != null && !(linked instanceof String)) {
            throw new IllegalArgumentException("plugin entry's 'linked' is not a folder: " + m);
        }
        return new PluginRecord(text(m, "name"), text(m, "version"), text(m, "sha256"), text(m, "file"),
                String.valueOf(m.get("source")), String.valueOf(m.get("installed_at")), enabled == null
                        || (Boolean) enabled, (String) linked);
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("plugin entry lacks '" + key + "': " + m);
        }
        return s;
    }
}
