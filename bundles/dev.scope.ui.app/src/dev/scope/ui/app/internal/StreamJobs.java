package dev.scope.ui.app.internal;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.services.events.IEventBroker;

/**
 * Runs the stream controller's blocking work as Jobs, so the UI thread never waits for a source
 * to open or a pipeline to load: progress shows in the status line ({@link JobProgress}), and a
 * failure becomes one readable line there, never a stack trace or an error dialog.
 */
final class StreamJobs {

    private static final System.Logger LOG = System.getLogger(StreamJobs.class.getName());

    /** Work that may fail with a user-facing exception. */
    @FunctionalInterface
    interface Work {
        /** @return a line for the status line when done, or null */
        String run() throws Exception;
    }

    /** All stream jobs belong to this family, one at a time (start, stop, change). */
    static final Object FAMILY = new Object();

    private StreamJobs() {
    }

    /**
     * Schedules {@code work} as a Job named {@code name}; jobs of this family run one after
     * another, in the order scheduled.
     */
    static Job schedule(String name, IEventBroker broker, Work work) {
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(name, IProgressMonitor.UNKNOWN);
                try {
                    String done = work.run();
                    if (done != null) {
                        broker.post(StatusTopics.INFO, done);
                    }
                } catch (Exception | LinkageError e) {
                    LOG.log(System.Logger.Level.DEBUG, name + " failed", e);
                    broker.post(StatusTopics.ERROR, name + " failed: " + readable(e));
                } finally {
                    monitor.done();
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return family == FAMILY;
            }
        };
        job.setRule(SERIAL);
        job.schedule();
        return job;
    }

    /** The message of an exception as one line, with no class name. */
    static String readable(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return "an unexpected error; start with SCOPE_LOG=debug for details";
        }
        return m.lines().findFirst().orElse(m);
    }

    /** One rule for every stream job: they never run at the same time. */
    private static final org.eclipse.core.runtime.jobs.ISchedulingRule SERIAL = new org.eclipse.core.runtime.jobs.ISchedulingRule() {
        @Override
        public boolean contains(org.eclipse.core.runtime.jobs.ISchedulingRule rule) {
            return rule == this;
        }

        @Override
        public boolean isConflicting(org.eclipse.core.runtime.jobs.ISchedulingRule rule) {
            return rule == this;
        }
    };
}
