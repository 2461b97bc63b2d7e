package dev.scope.ui.plugins.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * How a row's state and marks read in the table and in words: the State column (failed with its
 * error type, disabled, not started in safe mode), the Marks column (update available, leaked,
 * linked) and the sentences that explain each mark (the tooltip and the line under the table).
 */
final class Marks {

    /** A failed plugin's mark (a plugin that runs but has a problem gets {@link #WARNING}). */
    static final String FAILED = "\u2716 ";
    static final String WARNING = "\u26a0 ";
    static final String DISABLED = "\u2298 ";
    static final String UPDATE = "\u2191 ";
    static final String LEAKED = WARNING + "leaked";
    static final String LINKED = "\u21c4 linked";

    private Marks() {
    }

    /** @return the State column: the state, failed ones with their error type */
    static String state(PluginRow row) {
        if (row.failed()) {
            return FAILED + row.state() + (row.errorType() == null ? "" : ": " + row.errorType());
        }
        if (row.disabled()) {
            return DISABLED + (row.enabled() ? "not started (safe mode)" : "disabled");
        }
        return (row.error() != null ? WARNING : "") + row.state();
    }

    /** @return the Marks column: update available, leaked, linked, comma-separated */
    static String marks(PluginRow row) {
        List<String> marks = new ArrayList<>();
        if (row.updateAvailable() != null) {
            marks.add(UPDATE + row.updateAvailable());
        }
        if (row.leaked()) {
            marks.add(LEAKED);
        }
        if (row.linked() != null) {
            marks.add(LINKED);
        }
        return String.join(", ", marks);
    }

    /** @return one sentence per mark the row has, saying what it means and what to do */
    static List<String> explain(PluginRow row) {
        List<String> lines = new ArrayList<>();
        if (row.updateAvailable() != null) {
            lines.add(UPDATE + "update available: its source holds " + (row.updateAvailable().equals("a new build")
                    ? "a new build" : "version " + row.updateAvailable()) + "; Update (Ctrl+U) installs it and running"
                    + " streams swap to it between two frames");
        }
        if (row.leaked()) {
            lines.add(LEAKED + ": an old build is still in memory, its class loader not collected (typically a"
                    + " thread the plugin did not stop in @Deactivate); a restart frees it");
        }
        if (row.linked() != null) {
            lines.add(LINKED + " (developer mode): follows " + row.linked() + "; each new build in its target/ is"
                    + " swapped in");
        }
        return lines;
    }

    /**
     * @return the row in words: what went wrong with it first (a narrow view cuts the line's end), then
     *         what it is
     */
    static String describe(PluginRow row) {
        String what = row.name() + " " + row.version() + " (" + row.source() + ")";
        if (row.error() != null) {
            return (row.errorType() == null ? "" : row.errorType() + ": ") + row.error() + " \u2014 " + what;
        }
        if (row.disabled()) {
            return what + ": disabled, its pipelines are not in the workbench; Enable (Ctrl+E) starts it again";
        }
        return what + (row.pipelines().isEmpty() ? ", no pipelines"
                : ", pipelines: " + String.join(", ", row.pipelines()));
    }
}
