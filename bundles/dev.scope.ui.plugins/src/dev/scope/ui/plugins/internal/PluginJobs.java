package dev.scope.ui.plugins.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.IntConsumer;

import dev.scope.engine.api.PluginException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobFunction;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Runs the plugin manager's work (it copies JARs, takes a file lock, installs and refreshes
 * bundles) as Jobs, never on the UI thread: the job's name shows in the status line while it runs,
 * and its outcome goes there as one line, a failure as the exception's first line. It counts the
 * jobs running, for the view's progress bar.
 */
final class PluginJobs {

    /** The status line's topics (dev.scope.ui.app's StatusLine shows them). */
    static final String ERROR = "dev/scope/ui/status/error";
    static final String WARNING = "dev/scope/ui/status/warning";
    static final String INFO = "dev/scope/ui/status/info";

    private static final System.Logger LOG = System.getLogger(PluginJobs.class.getName());

    /** Work that says how it went: a topic and a line. */
    @FunctionalInterface
    interface Work {
        /** @return the outcome, or null for nothing to say */
        Outcome run();
    }

    /** @param topic {@link #ERROR}, {@link #WARNING} or {@link #INFO} @param line one readable line */
    record Outcome(String topic, String line) {
    }

    private final BiConsumer<String, String> status;
    /** The view's own handling of an outcome (its message label), called on the job's thread. */
    private final BiConsumer<String, String> done;
    /** Told how many jobs run whenever that changes, on the scheduling or the job's thread. */
    private final IntConsumer running;
    private final AtomicInteger count = new AtomicInteger();

    /**
     * @param status posts a line to a status topic (the event broker; any thread)
     * @param done told of every outcome as well, on the job's thread
     * @param running told how many jobs run whenever that changes (any thread)
     */
    PluginJobs(BiConsumer<String, String> status, BiConsumer<String, String> done, IntConsumer running) {
        this.status = status;
        this.done = done;
        this.running = running;
    }

    /**
     * Schedules {@code work} as a Job named {@code name}. Jobs may run side by side: the plugin
     * manager serializes its operations itself.
     */
    Job schedule(String name, Work work) {
        Job job = Job.create(name, (IJobFunction) monitor -> run(name, work, monitor));
        running.accept(count.incrementAndGet());
        job.schedule();
        return job;
    }

    private IStatus run(String name, Work work, IProgressMonitor monitor) {
        monitor.beginTask(name, IProgressMonitor.UNKNOWN);
        Outcome outcome;
        try {
            outcome = work.run();
        } catch (PluginException e) {
            outcome = new Outcome(ERROR, firstLine(e.getMessage(), name));
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, name + " failed", e);
            outcome = new Outcome(ERROR, name + " failed: " + firstLine(e.getMessage(), e.getClass().getSimpleName()));
        } finally {
            monitor.done();
            running.accept(count.decrementAndGet());
        }
        if (outcome != null) {
            status.accept(outcome.topic(), outcome.line());
            done.accept(outcome.topic(), outcome.line());
        }
        return Status.OK_STATUS;
    }

    private static String firstLine(String message, String otherwise) {
        return message == null || message.isBlank() ? otherwise : message.lines().findFirst().orElse(otherwise);
    }
}
