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
 */
record PluginRecord(String name, String version, String sha256, String file, String source, String installedAt) {

    /** The bundle location: unique per content, so a new version installs beside the old one. */
    String location() {
        return PluginStore.LOCATION_PREFIX + name + "@" + sha256.substring(0, 12);
    }

    Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("version", version);
        m.put("sha256", sha256);
        m.put("file", file);
        m.put("source", source);
        m.put("installed_at", installedAt);
        return m;
    }

    static PluginRecord fromJson(Map<?, ?> m) {
        return new PluginRecord(text(m, "name"), text(m, "version"), text(m, "sha256"), text(m, "file"),
                String.valueOf(m.get("source")), String.valueOf(m.get("installed_at")));
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("plugin entry lacks '" + key + "': " + m);
        }
        return s;
    }
}
