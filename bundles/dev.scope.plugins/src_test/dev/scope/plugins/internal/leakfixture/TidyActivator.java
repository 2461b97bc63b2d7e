package dev.scope.plugins.internal.leakfixture;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * A test plugin's activator that starts a worker thread and stops it again when the bundle stops,
 * as a well-behaved plugin does: nothing of the bundle outlives it.
 */
public final class TidyActivator implements BundleActivator {

    private Thread worker;
    /** Something of a plugin's own size, held by the worker, so a surviving build would show on the heap. */
    private final byte[] state = new byte[64 * 1024];

    @Override
    public void start(BundleContext context) {
        worker = new Thread(this::work, "scope-test-tidy-" + context.getBundle().getVersion());
        worker.setDaemon(true);
        worker.start();
    }

    private void work() {
        synchronized (this) {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
        state[0]++;
    }

    @Override
    public void stop(BundleContext context) throws InterruptedException {
        worker.interrupt();
        worker.join();
    }
}
