package dev.scope.plugins.internal;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Watches the class loaders of plugin builds that were updated or uninstalled: each should be
 * collected once the framework is refreshed and the engine has closed its instances. One that
 * survives a garbage collection, or a build the framework still lists as pending removal, is a
 * leak: typically a thread the plugin started and never stopped. Not thread-safe: the plugin
 * manager calls it under its own lock.
 */
final class Leaks {

    private record Watched(String name, String version, WeakReference<ClassLoader> loader) {
    }

    private final List<Watched> watched = new ArrayList<>();
    /** Whether a collection ran since the last build was added. */
    private boolean collected = true;

    /** Call before uninstalling a build: its class loader is watched from now on. */
    void watch(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        ClassLoader loader = wiring == null ? null : wiring.getClassLoader();
        if (loader != null) {
            watched.add(new Watched(bundle.getSymbolicName(), bundle.getVersion().toString(),
                    new WeakReference<>(loader)));
            collected = false;
        }
    }

    /**
     * @param system the system bundle, for the framework's own signal
     * @return whether an old build of the plugin is still held: its class loader survived a garbage
     *         collection (one runs here when a build was removed since the last one), or the
     *         framework still wires it
     */
    boolean leaked(String name, Bundle system) {
        FrameworkWiring wiring = system.adapt(FrameworkWiring.class);
        for (Bundle pending : wiring.getRemovalPendingBundles()) {
            if (name.equals(pending.getSymbolicName())) {
                return true;
            }
        }
        if (watched.stream().noneMatch(w -> w.name().equals(name))) {
            return false;
        }
        if (!collected) {
            collect();
        }
        watched.removeIf(w -> w.loader().get() == null);
        return watched.stream().anyMatch(w -> w.name().equals(name));
    }

    private void collect() {
        // a few rounds: the first may only clear the references that kept the loader reachable
        for (int i = 0; i < 3 && watched.stream().anyMatch(w -> w.loader().get() != null); i++) {
            System.gc();
        }
        collected = true;
    }

    static Bundle system(org.osgi.framework.BundleContext context) {
        return context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
    }
}
