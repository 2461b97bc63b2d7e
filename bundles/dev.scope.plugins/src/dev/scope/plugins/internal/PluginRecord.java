package dev.scope.plugins.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One installed plugin as the state file remembers it.
 *
 * @param name bundle symbolic name
 * @param version bundle version
 * @param sha256 the JAR's SHA-256, hex
 * @param file the cached JAR, relative to the state directory
 * @param source where it was installed from: an absolute JAR or folder path, a URL, or a Maven
 *        coordinate {@code group:artifact:version} ({@link Source#parseRecorded})
 * @param installedAt ISO-8601 time of installation
 * @param enabled whether it runs; a disabled plugin stays installed, stopped
 * @param linked the plugin project folder whose builds replace it as they appear
 *        ({@code plugins link}), or {@code null}
 * @param dependencies the library bundles installed with it from an OSGi repository index, which
 *        it is wired to; a dependency several plugins list is installed once and removed when the
 *        last of them leaves
 */
record PluginRecord(String name, String version, String sha256, String file, String source, String installedAt,
        boolean enabled, String linked, List<Dependency> dependencies) {

    /** The bundle location prefix of dependencies: {@code scope:dep:NAME@SHA12}. */
    static final String DEPENDENCY_PREFIX = "scope:dep:";

    /**
     * A library bundle installed for plugins.
     *
     * @param name bundle symbolic name
     * @param version bundle version
     * @param sha256 the JAR's SHA-256, hex (what the index promised)
     * @param file the cached JAR, relative to the state directory
     * @param source the URL it was downloaded from
     */
    record Dependency(String name, String version, String sha256, String file, String source) {

        /** The bundle location: one per content, shared by every plugin that needs it. */
        String location() {
            return DEPENDENCY_PREFIX + name + "@" + sha256.substring(0, 12);
        }

        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("version", version);
            m.put("sha256", sha256);
            m.put("file", file);
            m.put("source", source);
            return m;
        }

        static Dependency fromJson(Object o) {
            if (!(o instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException("a dependency entry is not an object: " + o);
            }
            return new Dependency(text(m, "name"), text(m, "version"), text(m, "sha256"), text(m, "file"),
                    text(m, "source"));
        }
    }

    /** Copies the list. */
    PluginRecord {
        dependencies = List.copyOf(dependencies);
    }

    /** An enabled, unlinked plugin without dependencies. */
    PluginRecord(String name, String version, String sha256, String file, String source, String installedAt) {
        this(name, version, sha256, file, source, installedAt, true, null, List.of());
    }

    /** The bundle location: unique per content, so a new version installs beside the old one. */
    String location() {
        return PluginStore.LOCATION_PREFIX + name + "@" + sha256.substring(0, 12);
    }

    PluginRecord withEnabled(boolean on) {
        return new PluginRecord(name, version, sha256, file, source, installedAt, on, linked, dependencies);
    }

    PluginRecord withLinked(String folder) {
        return new PluginRecord(name, version, sha256, file, source, installedAt, enabled, folder, dependencies);
    }

    PluginRecord withDependencies(List<Dependency> needed) {
        return new PluginRecord(name, version, sha256, file, source, installedAt, enabled, linked, needed);
    }

    Map<String, Object> toJson() {
        // the fields a dependency has too, in the same order
        Map<String, Object> m = new LinkedHashMap<>(new Dependency(name, version, sha256, file, source).toJson());
        m.put("installed_at", installedAt);
        m.put("enabled", enabled);
        m.put("linked", linked);
        m.put("dependencies", dependencies.stream().map(Dependency::toJson).toList());
        return m;
    }

    /**
     * Reads an entry; one written before {@code enabled}, {@code linked} and {@code dependencies}
     * existed is enabled, unlinked and has none.
     */
    static PluginRecord fromJson(Map<?, ?> m) {
        Object enabled = m.get("enabled");
        if (enabled != null && !(enabled instanceof Boolean)) {
            throw new IllegalArgumentException("plugin entry's 'enabled' is not true or false: " + m);
        }
        Object linked = m.get("linked");
        if (linked != null && !(linked instanceof String)) {
            throw new IllegalArgumentException("plugin entry's 'linked' is not a folder: " + m);
        }
        Object deps = m.get("dependencies");
        if (deps != null && !(deps instanceof List<?>)) {
            throw new IllegalArgumentException("plugin entry's 'dependencies' is not a list: " + m);
        }
        List<Dependency> dependencies = new ArrayList<>();
        if (deps != null) {
            ((List<?>) deps).forEach(d -> dependencies.add(Dependency.fromJson(d)));
        }
        return new PluginRecord(text(m, "name"), text(m, "version"), text(m, "sha256"), text(m, "file"),
                String.valueOf(m.get("source")), String.valueOf(m.get("installed_at")), enabled == null
                        || (Boolean) enabled, (String) linked, dependencies);
    }

    private static String text(Map<?, ?> m, String key) {
        Object v = m.get(key);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("plugin entry lacks '" + key + "': " + m);
        }
        return s;
    }
}
