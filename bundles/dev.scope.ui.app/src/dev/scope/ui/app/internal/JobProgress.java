package dev.scope.ui.app.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.ProgressProvider;

/**
 * Gives every Job a monitor that reports to the status line: the name of the newest job still
 * running and its task, or nothing when none runs. The pure e4 workbench has no progress view, so
 * this is where long work (starting a stream, loading pipelines, opening a file) shows.
 *
 * <p>Monitors are called on the jobs' threads; {@code show} is called with the text to show (or
 * {@code null}) on those threads too, and hops to the UI thread itself.
 */
final class JobProgress extends ProgressProvider {

    private final Map<Job, String> running = new ConcurrentHashMap<>();
    private final Consumer<String> show;

    JobProgress(Consumer<String> show) {
        this.show = show;
    }

    @Override
    public IProgressMonitor createMonitor(Job job) {
        return new NullProgressMonitor() {
            @Override
            public void beginTask(String name, int totalWork) {
                update(job, name == null || name.isBlank() ? job.getName() : name);
            }

            @Override
            public void subTask(String name) {
                update(job, job.getName() + ": " + name);
            }

            @Override
            public void done() {
                running.remove(job);
                show.accept(running.values().stream().reduce((a, b) -> b).orElse(null));
            }
        };
    }

    private void update(Job job, String text) {
        running.put(job, text);
        show.accept(text + (running.size() > 1 ? " (+" + (running.size() - 1) + " more)" : "") + " ...");
    }
}
