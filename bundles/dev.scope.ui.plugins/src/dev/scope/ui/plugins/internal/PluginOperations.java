package dev.scope.ui.plugins.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import dev.scope.engine.api.InstalledPlugin;
import dev.scope.engine.api.PluginHistoryEntry;
import dev.scope.engine.api.PluginManager;
import dev.scope.engine.api.PluginUpdate;

/**
 * What the Plugins view's actions do with the plugin manager: each is one Job ({@link PluginJobs})
 * that says it started, says how it went in one line and has the rows read again afterwards.
 * Called on the UI thread.
 */
final class PluginOperations {

    private final PluginManager plugins;
    private final PluginJobs jobs;
    private final Runnable refresh;
    /** Shows a line in the view (UI thread). */
    private final BiConsumer<String, String> say;

    PluginOperations(PluginManager plugins, PluginJobs jobs, Runnable refresh, BiConsumer<String, String> say) {
        this.plugins = plugins;
        this.jobs = jobs;
        this.refresh = refresh;
        this.say = say;
    }

    void install(Path jar) {
        run("Installing " + jar.getFileName(), () -> started("Installed", plugins.install(jar)));
    }

    void link(Path folder) {
        run("Linking " + folder, () -> {
            InstalledPlugin p = plugins.link(folder);
            PluginJobs.Outcome installed = started("Linked", p);
            return new PluginJobs.Outcome(installed.topic(), installed.line() + "; following " + p.linked()
                    + " (each new build in its target/ is swapped in)");
        });
    }

    void update(PluginRow row) {
        run("Updating " + row.name(), () -> updated(plugins.update(row.name())));
    }

    void updateAll() {
        run("Updating every plugin", () -> {
            List<PluginUpdate> updates = plugins.updateAll();
            List<String> lines = updates.stream().filter(u -> u.changed() || !u.notes().isEmpty())
                    .map(u -> updated(u).line()).toList();
            boolean refused = updates.stream().anyMatch(u -> !u.changed() && !u.notes().isEmpty());
            return new PluginJobs.Outcome(refused ? PluginJobs.WARNING : PluginJobs.INFO, lines.isEmpty()
                    ? "Every plugin is up to date (" + updates.size() + " installed)" : String.join("; ", lines));
        });
    }

    void reload(PluginRow row) {
        run("Reloading " + row.name(), () -> {
            PluginUpdate u = plugins.reload(row.name());
            if (u.changed()) {
                return updated(u);
            }
            return new PluginJobs.Outcome(PluginJobs.INFO, "Reloaded " + u.name() + " " + u.toVersion()
                    + (u.notes().isEmpty() ? " (no stream runs it)" : ": " + String.join("; ", u.notes())));
        });
    }

    void enable(PluginRow row, boolean on) {
        run((on ? "Enabling " : "Disabling ") + row.name(), () -> {
            InstalledPlugin p = on ? plugins.enable(row.name()) : plugins.disable(row.name());
            if (!on) {
                return new PluginJobs.Outcome(PluginJobs.INFO, "Disabled " + p.name() + " " + p.version()
                        + (row.pipelines().isEmpty() ? ""
                                : "; its pipelines left: " + String.join(", ", row.pipelines())));
            }
            if (plugins.safeMode()) {
                return new PluginJobs.Outcome(PluginJobs.INFO, "Enabled " + p.name() + " " + p.version()
                        + "; it starts in the next run without --safe-mode");
            }
            return started("Enabled", p);
        });
    }

    void unlink(PluginRow row) {
        run("Unlinking " + row.name(), () -> {
            InstalledPlugin p = plugins.unlink(row.name());
            return new PluginJobs.Outcome(PluginJobs.INFO, "Unlinked " + p.name() + " " + p.version()
                    + ": it no longer follows " + row.linked() + " and stays installed");
        });
    }

    void uninstall(PluginRow row) {
        run("Uninstalling " + row.name(), () -> {
            InstalledPlugin p = plugins.uninstall(row.name());
            return new PluginJobs.Outcome(PluginJobs.INFO, "Uninstalled " + p.name() + " " + p.version()
                    + (p.pipelines().isEmpty() ? "" : "; its pipelines left: " + String.join(", ", p.pipelines())));
        });
    }

    void rollback(PluginHistoryEntry entry) {
        run("Rolling back to entry " + entry.number(), () -> {
            List<String> changes = plugins.rollback(entry.number());
            return new PluginJobs.Outcome(PluginJobs.INFO, "Rolled back to entry " + entry.number()
                    + (changes.isEmpty() ? " (no change)" : ": " + String.join("; ", changes)));
        });
    }

    /** Reads the history off the UI thread and hands it to {@code show} (called on the job's thread). */
    void history(Consumer<List<PluginHistoryEntry>> show) {
        jobs.schedule("Reading the plugin history", () -> {
            show.accept(plugins.history());
            return null;
        });
    }

    private void run(String name, PluginJobs.Work work) {
        say.accept(PluginJobs.INFO, name + " ...");
        jobs.schedule(name, () -> {
            try {
                return work.run();
            } finally {
                refresh.run();
            }
        });
    }

    /** @return how a plugin that was installed or started stands: its pipelines, or why it does not run */
    private static PluginJobs.Outcome started(String done, InstalledPlugin p) {
        String what = done + " " + p.name() + " " + p.version();
        if (p.error() != null) {
            return new PluginJobs.Outcome(PluginJobs.WARNING, what + ", but it " + p.state() + ": " + p.error());
        }
        return new PluginJobs.Outcome(PluginJobs.INFO, what + ", pipelines: "
                + (p.pipelines().isEmpty() ? "(none)" : String.join(", ", p.pipelines())));
    }

    private static PluginJobs.Outcome updated(PluginUpdate u) {
        String notes = u.notes().isEmpty() ? "" : ": " + String.join("; ", u.notes());
        if (u.changed()) {
            return new PluginJobs.Outcome(PluginJobs.INFO, "Updated " + u.name() + " " + u.fromVersion() + " -> "
                    + u.toVersion() + (u.fromVersion().equals(u.toVersion()) ? " (a new build)" : "") + notes);
        }
        return new PluginJobs.Outcome(notes.isEmpty() ? PluginJobs.INFO : PluginJobs.WARNING, u.name() + " "
                + u.fromVersion() + (notes.isEmpty() ? " is up to date: its source holds the installed build" : notes));
    }
}
