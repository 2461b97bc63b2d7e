package dev.scope.plugins.internal;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * Watches the class loaders of plugin builds that were updated or uninstalled: each should be
 * collected once the framework is refreshed and the engine has closed its instances. A loader that
 * outlives the collections that unload classes, or a build the framework still holds (pending
 * removal: an old revision or wiring still in use), is a leak: typically a thread the plugin started
 * and never stopped.
 *
 * <p>It never forces a collection: a full collection in the process that streams would stall the
 * video (a swap is meant to cost no frame). It waits for the JVM's own: a loader still reachable
 * after two collections that may unload classes (any but a young one) began after it was watched
 * counts as held. Not thread-safe: the plugin manager calls it under its own lock.
 */
final class Leaks {

    private record Watched(String name, String version, WeakReference<ClassLoader> loader, long collections) {
    }

    private final List<Watched> watched = new ArrayList<>();
    private final LongSupplier collections;

    /** Counts the JVM's collections that may unload classes. */
    Leaks() {
        this(Leaks::unloadingCollections);
    }

    /** @param collections how many collections that may unload classes ran so far */
    Leaks(LongSupplier collections) {
        this.collections = collections;
    }

    /** Call before uninstalling a build: its class loader is watched from now on. */
    void watch(Bundle bundle) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        ClassLoader loader = wiring == null ? null : wiring.getClassLoader();
        if (loader != null) {
            watched.add(new Watched(bundle.getSymbolicName(), bundle.getVersion().toString(),
                    new WeakReference<>(loader), collections.getAsLong()));
        }
    }

    /**
     * @param system the system bundle, for the framework's own signals
     * @return whether an old build of the plugin is still held: the framework still wires it (an
     *         uninstalled build, or an updated bundle's old revision, still in use is pending
     *         removal), or its class loader survived two collections that may unload classes
     */
    boolean leaked(String name, Bundle system) {
        FrameworkWiring wiring = system.adapt(FrameworkWiring.class);
        for (Bundle pending : wiring.getRemovalPendingBundles()) {
            if (name.equals(pending.getSymbolicName())) {
                return true;
            }
        }
        watched.removeIf(w -> w.loader().get() == null);
        long now = collections.getAsLong();
        return watched.stream().anyMatch(w -> w.name().equals(name) && now - w.collections() >= 2);
    }

    /**
     * The JVM's collections so far that may unload classes: every collector's count but the
     * young ones' (G1's old and concurrent cycles, ZGC's and Shenandoah's cycles, a full GC).
     */
    static long unloadingCollections() {
        long n = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            String name = gc.getName();
            if (!(name.contains("Young") || name.contains("Scavenge") || name.contains("Copy")
                    || name.contains("ParNew") || name.contains("Minor")) && gc.getCollectionCount() > 0) {
                n += gc.getCollectionCount();
            }
        }
        return n;
    }

    static Bundle system(org.osgi.framework.BundleContext context) {
        return context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
    }
}
