package dev.scope.plugins.internal.leakfixture;

import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * A deliberately leaky test plugin: it starts a thread and never stops it, so the thread keeps the
 * activator, its class and with it the bundle's class loader reachable after the bundle is gone.
 * The thread ends only when interrupted (the test does that when it is done).
 */
public final class LeakyActivator implements BundleActivator {

    /** The name of the thread each build starts: {@code scope-test-leaky-VERSION}. */
    public static final String THREAD_PREFIX = "scope-test-leaky-";

    @Override
    public void start(BundleContext context) {
        Thread t = new Thread(this::work, THREAD_PREFIX + context.getBundle().getVersion());
        t.setDaemon(true);
        t.start();
    }

    private void work() {
        synchronized (this) {
            while (true) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    @Override
    public void stop(BundleContext context) {
        // the leak: the thread is left running
    }
}
