package dev.scope.cli.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.scope.engine.api.DownloadProgress;

/**
 * The downloads of a {@code plugins install} on stderr: on a terminal the bytes so far, redrawn in
 * place; after a successful install one line per download, terminal or not. A failed install
 * leaves only its error line.
 */
final class Downloads implements DownloadProgress {

    private final PrintStream err;
    private final boolean terminal;
    private final List<String> done = new ArrayList<>();
    private boolean drawn;

    Downloads(PrintStream err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    @Override
    public void progress(String what, long bytes, long total, boolean complete) {
        if (terminal) {
            err.print("\r\033[Kdownloading " + what + ": " + size(bytes) + (total > 0 ? " of " + size(total) : ""));
            err.flush();
            drawn = true;
        }
        if (complete) {
            clear();
            done.add("scope: downloaded " + size(bytes) + " from " + what);
        }
    }

    /** Takes the progress off its line. */
    void clear() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }

    /** After a successful install: what was downloaded, one line each. */
    void report() {
        clear();
        done.forEach(err::println);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
