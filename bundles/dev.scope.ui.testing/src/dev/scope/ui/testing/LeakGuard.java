package dev.scope.ui.testing;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.graphics.Resource;

/**
 * Fails a UI test when an SWT resource (an Image, a GC, a Font, a Region ...) was garbage
 * collected without being disposed: installs {@link Resource#setNonDisposeHandler} for the
 * duration of the test (it must be installed before the resources are made) and, in
 * {@link #check}, collects garbage and fails with the allocation site of the first leak.
 *
 * <p>Use one per test: {@code try (LeakGuard leaks = LeakGuard.install()) { ...; leaks.check(bot); }}.
 * The handler is global to SWT, so tests that use it must not run in parallel.
 */
public final class LeakGuard implements AutoCloseable {

    private static final int ROUNDS = 3;

    private final List<Error> leaks = new ArrayList<>();

    private LeakGuard() {
    }

    /** @return a guard collecting reports from now on */
    public static LeakGuard install() {
        LeakGuard guard = new LeakGuard();
        Resource.setNonDisposeHandler(guard::report);
        return guard;
    }

    private synchronized void report(Error leak) {
        leaks.add(leak);
    }

    /** @return the reports so far */
    public synchronized List<Error> leaks() {
        return List.copyOf(leaks);
    }

    /**
     * Collects garbage a few times, letting SWT's cleaner report, and fails on any report.
     *
     * @param bot the bot of the display the resources belong to
     * @throws AssertionError naming how many resources leaked and where the first was made
     */
    public void check(UiBot bot) {
        for (int i = 0; i < ROUNDS; i++) {
            // a sentinel cleaned by a cleaner of our own tells that a collection ran and cleaners
            // were called; SWT's cleaner (another thread) gets the rounds after it to report
            java.util.concurrent.atomic.AtomicBoolean cleaned = new java.util.concurrent.atomic.AtomicBoolean();
            java.lang.ref.Cleaner cleaner = java.lang.ref.Cleaner.create();
            cleaner.register(new Object(), () -> cleaned.set(true));
            bot.spinUntil(() -> {
                System.gc();
                return cleaned.get();
            }, java.time.Duration.ofSeconds(10), "a garbage collection");
            bot.spin();
        }
        List<Error> found = leaks();
        if (!found.isEmpty()) {
            AssertionError e = new AssertionError(found.size() + " SWT resource(s) were not disposed; the first was"
                    + " made here (see the cause)", found.get(0));
            throw e;
        }
    }

    /** Uninstalls the handler. */
    @Override
    public void close() {
        Resource.setNonDisposeHandler(null);
    }
}
