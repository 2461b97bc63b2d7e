package dev.scope.ui.stream.internal;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes the session file off the caller's thread, coalesced: a burst of changes (a slider
 * dragged) is written once it has passed, never more than one write behind, always the newest.
 */
final class StateWriter {

    private static final System.Logger LOG = System.getLogger(StateWriter.class.getName());

    private final Path file;
    private final AtomicReference<SavedSession> pending = new AtomicReference<>();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scope-ui-session-writer");
        t.setDaemon(true);
        return t;
    });

    StateWriter(Path file) {
        this.file = file;
    }

    /** Asks for {@code session} to be written; returns at once. */
    void save(SavedSession session) {
        if (pending.getAndSet(session) == null) {
            thread.execute(this::writePending);
        }
    }

    private void writePending() {
        SavedSession s = pending.getAndSet(null);
        if (s == null) {
            return;
        }
        try {
            s.write(file);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not save the workbench's session to " + file + ": "
                    + e.getMessage(), e);
        }
    }

    /** Waits until everything asked for is written (at most 10 s). */
    void flush() {
        try {
            thread.submit(this::writePending).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "saving the workbench's session did not finish: " + e, e);
        }
    }

    /** Writes what is pending, then stops the thread. */
    void close() {
        flush();
        thread.shutdown();
    }
}
