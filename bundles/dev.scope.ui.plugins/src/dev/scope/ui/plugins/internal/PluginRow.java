package dev.scope.ui.plugins.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.scope.engine.api.FailedPlugin;
import dev.scope.engine.api.InstalledPlugin;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PluginRef;

/**
 * One row of the Plugins view: a plugin the plugin manager installed, a built-in one (a bundle of
 * the product that provides pipelines), one the framework holds from elsewhere, or one that failed.
 *
 * @param name the bundle's symbolic name
 * @param version its version
 * @param source where it came from: the JAR it was installed from, {@link #BUILT_IN}, or a location
 * @param pipelines the ids of the pipelines it provides now
 * @param state {@code active}, {@code installed}, {@code failed}, {@code missing} or {@code damaged}
 * @param kind how the view may treat it
 * @param errorType the kind of failure (an exception's simple name, {@code UnresolvedRequirement},
 *        {@code missing} ...), or {@code null}
 * @param error what went wrong, one line, or {@code null}
 * @param enabled whether it is enabled (only an installed plugin can be disabled)
 * @param linked the project folder it follows (developer mode), or {@code null}
 * @param updateAvailable what an update would install ({@code "1.1.0"}, {@code "a new build"}), or {@code null}
 * @param leaked whether an old build of it is still in memory
 */
record PluginRow(String name, String version, String source, List<String> pipelines, String state, Kind kind,
        String errorType, String error, boolean enabled, String linked, String updateAvailable, boolean leaked) {

    /** The source of the product's own plugins. */
    static final String BUILT_IN = "built-in";

    /** How a row came to be, which decides whether it can be uninstalled. */
    enum Kind {
        /** Installed through the plugin manager: it can be uninstalled. */
        INSTALLED,
        /** Ships with the product. */
        BUILT_IN,
        /** In the framework, but not through the plugin manager (a test, a developer's launch). */
        OTHER
    }

    PluginRow {
        pipelines = List.copyOf(pipelines);
    }

    /** @return whether it failed: it provides no pipeline (the view marks it as an error and says why) */
    boolean failed() {
        return !"active".equals(state) && !"installed".equals(state) && !disabled();
    }

    /** @return whether it is installed but not running: disabled, or not started in safe mode */
    boolean disabled() {
        return "disabled".equals(state);
    }

    /** @return whether the plugin manager installed it: the view's operations apply to it */
    boolean installed() {
        return kind == Kind.INSTALLED;
    }

    /**
     * @param done what would be done to it, as a past participle ({@code "uninstalled"})
     * @return why the plugin manager's operations do not apply to it, or {@code null} when they do
     */
    String whyNot(String done) {
        return switch (kind) {
            case INSTALLED -> null;
            case BUILT_IN -> name + " is built into the workbench and cannot be " + done;
            case OTHER -> name + " was not installed through this view or 'scope plugins install' and cannot be "
                    + done + " here";
        };
    }

    /**
     * Merges what the plugin manager and the registry know into rows: the installed and other
     * plugins (failed ones among them) by name, then the built-in ones by name.
     *
     * @param installed {@link dev.scope.engine.api.PluginManager#list()}
     * @param pipelines {@link dev.scope.engine.api.PipelineRegistry#pipelines()}
     * @param failed {@link dev.scope.engine.api.PipelineRegistry#failedPlugins()}
     * @return the rows
     */
    static List<PluginRow> of(List<InstalledPlugin> installed, List<PipelineInfo> pipelines,
            List<FailedPlugin> failed) {
        Map<String, FailedPlugin> failures = new LinkedHashMap<>();
        failed.forEach(f -> failures.putIfAbsent(f.name(), f));
        List<PluginRow> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (InstalledPlugin p : installed) {
            // a plugin that is not started (disabled, safe mode) is not resolved either: the registry's
            // complaint about that says nothing the manager's state does not
            FailedPlugin f = "disabled".equals(p.state()) ? null : failures.get(p.name());
            String type = f != null ? f.errorType() : p.error() == null || "active".equals(p.state()) ? null : p.state();
            String error = f != null ? f.errorMessage() : p.error();
            rows.add(new PluginRow(p.name(), p.version(), p.source(), p.pipelines(), p.state(), Kind.INSTALLED, type,
                    error, p.enabled(), p.linked(), p.updateAvailable(), p.leaked()));
            seen.add(p.name());
        }
        Map<PluginRef, List<String>> byPlugin = new LinkedHashMap<>();
        pipelines.forEach(i -> byPlugin.computeIfAbsent(i.plugin(), r -> new ArrayList<>()).add(i.id()));
        List<PluginRow> builtIn = new ArrayList<>();
        byPlugin.forEach((ref, ids) -> {
            if (seen.add(ref.name())) {
                FailedPlugin f = failures.get(ref.name());
                Kind kind = ref.bundled() ? Kind.BUILT_IN : Kind.OTHER;
                PluginRow row = new PluginRow(ref.name(), ref.version(), ref.bundled() ? BUILT_IN : ref.location(), ids,
                        f == null ? "active" : "failed", kind, f == null ? null : f.errorType(),
                        f == null ? null : f.errorMessage(), true, null, null, false);
                (ref.bundled() ? builtIn : rows).add(row);
            }
        });
        for (FailedPlugin f : failures.values()) {
            if (seen.add(f.name())) {
                rows.add(new PluginRow(f.name(), f.version(), f.location(), List.of(), "failed", Kind.OTHER,
                        f.errorType(), f.errorMessage(), true, null, null, false));
            }
        }
        rows.sort(Comparator.comparing(PluginRow::name));
        builtIn.sort(Comparator.comparing(PluginRow::name));
        rows.addAll(builtIn);
        return List.copyOf(rows);
    }
}
