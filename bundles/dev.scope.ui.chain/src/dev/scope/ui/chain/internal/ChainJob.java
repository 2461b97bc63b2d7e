package dev.scope.ui.chain.internal;

import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;

/**
 * Runs a change of the chain ({@code StreamController.setChain}, which blocks while pipelines load)
 * as a Job with a progress monitor, one after another in the order scheduled, and reports the end
 * in one readable line: {@code null} when it worked, else the failure's message without a class
 * name or a stack trace.
 */
final class ChainJob {

    private static final System.Logger LOG = System.getLogger(ChainJob.class.getName());

    /** Work that may fail with a user-facing exception. */
    @FunctionalInterface
    interface Work {
        /** Runs on the job's thread. */
        void run() throws Exception;
    }

    /** One rule for every chain job of the process: they never overlap. */
    private static final ISchedulingRule SERIAL = new ISchedulingRule() {
        @Override
        public boolean contains(ISchedulingRule rule) {
            return rule == this;
        }

        @Override
        public boolean isConflicting(ISchedulingRule rule) {
            return rule == this;
        }
    };

    private ChainJob() {
    }

    /**
     * @param name what the job does, shown as its progress ("Loading blur ...")
     * @param work the work
     * @param done told on the job's thread with {@code null} when the work ended well, else why not
     * @return the scheduled job
     */
    static Job schedule(String name, Work work, Consumer<String> done) {
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask(name, IProgressMonitor.UNKNOWN);
                String failure = null;
                try {
                    work.run();
                } catch (Exception | LinkageError e) {
                    LOG.log(System.Logger.Level.DEBUG, name + " failed", e);
                    failure = readable(e);
                } finally {
                    monitor.done();
                }
                done.accept(failure);
                return Status.OK_STATUS;
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
            return "an unexpected error (" + e.getClass().getSimpleName() + "); start with SCOPE_LOG=debug for details";
        }
        return m.lines().findFirst().orElse(m);
    }
}
