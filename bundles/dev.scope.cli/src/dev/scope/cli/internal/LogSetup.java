package dev.scope.cli.internal;

import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Command-line logging: one line per event on stderr ({@code scope: warning: ...}), stack traces
 * only with {@code SCOPE_LOG=debug}. {@code SCOPE_LOG} sets the level: {@code error},
 * {@code warning} (the default), {@code info}, {@code debug}.
 */
final class LogSetup {

    private LogSetup() {
    }

    static void configure(String setting) {
        Level level = switch (setting == null ? "warning" : setting.toLowerCase(Locale.ROOT)) {
            case "error" -> Level.SEVERE;
            case "info" -> Level.INFO;
            case "debug" -> Level.FINE;
            default -> Level.WARNING;
        };
        boolean traces = level.intValue() <= Level.FINE.intValue();
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler handler = new ConsoleHandler(); // writes to System.err
        handler.setLevel(level);
        handler.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String line = "scope: " + r.getLevel().getName().toLowerCase(Locale.ROOT) + ": " + formatMessage(r)
                        + System.lineSeparator();
                if (traces && r.getThrown() != null) {
                    java.io.StringWriter w = new java.io.StringWriter();
                    r.getThrown().printStackTrace(new java.io.PrintWriter(w));
                    line += w;
                }
                return line;
            }
        });
        root.addHandler(handler);
        root.setLevel(level);
    }
}
