package dev.scope.server.internal;

import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Pushes the workbench's warnings to the relay's clients as {@code {"type": "logs", "lines":
 * [...]}}: a stage that failed and was bypassed, a plugin that could not start, a recording sink
 * that failed, the remote gone. It listens on the {@code dev.scope} loggers (where the bundles'
 * {@code System.Logger}s go) at WARNING and above, one line a record, with no stack trace; a
 * client that does not read misses lines (its outbox is bounded), and nothing here ever waits.
 */
final class LogRelay extends Handler {

    private static final String LOGGERS = "dev.scope";

    private final RelayHub hub;
    private final Logger logger = Logger.getLogger(LOGGERS);

    LogRelay(RelayHub hub) {
        this.hub = hub;
        setLevel(Level.WARNING);
    }

    /** Starts listening. */
    LogRelay open() {
        logger.addHandler(this);
        return this;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record) || hub.size() == 0) {
            return;
        }
        String message = record.getMessage() == null ? "" : record.getMessage();
        Object[] params = record.getParameters();
        if (params != null && params.length > 0) {
            try {
                message = java.text.MessageFormat.format(message, params);
            } catch (IllegalArgumentException e) {
                // the message as it was written
            }
        }
        String line = record.getLevel().getName() + " " + record.getLoggerName() + ": "
                + message.strip().replaceAll("\\s*\\R\\s*", "; ");
        hub.push(Map.of("type", "logs", "lines", List.of(line)));
    }

    @Override
    public void flush() {
    }

    /** Stops listening. */
    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
