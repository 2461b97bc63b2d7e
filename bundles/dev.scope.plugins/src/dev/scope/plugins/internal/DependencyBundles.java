package dev.scope.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import dev.scope.engine.api.PluginException;
import dev.scope.plugins.internal.PluginRecord.Dependency;
import dev.scope.plugins.internal.RepositoryIndex.IndexResource;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The library bundles plugins need from OSGi repository indexes: installed with a plugin, all or
 * nothing, at {@code scope:dep:NAME@SHA12} (one bundle however many plugins need it), put back at
 * start when missing, and uninstalled once no remembered plugin names it any more: a dependency
 * shared by several plugins leaves with the last of them. The plugins' records are the sponsor
 * count, so every process sharing the state directory agrees on it.
 */
final class DependencyBundles {

    private static final System.Logger LOG = System.getLogger(DependencyBundles.class.getName());

    private final BundleContext context;
    private final PluginStore store;
    private final Dependencies dependencies;

    /** What one install added, to keep when it succeeds and to take back when it does not. */
    final class Added {
        private final List<Bundle> bundles = new ArrayList<>();
        private final List<Dependency> cached = new ArrayList<>();

        /**
         * Uninstalls the bundles it installed and deletes the cached JARs no one else names; the
         * caller refreshes.
         *
         * @param kept the cached files (relative to the state directory) that stay
         */
        void undo(Set<String> kept) {
            bundles.forEach(DependencyBundles::uninstallQuietly);
            for (Dependency d : cached) {
                if (!kept.contains(d.file())) {
                    try {
                        Files.deleteIfExists(store.home().resolve(d.file()));
                    } catch (IOException e) {
                        LOG.log(System.Logger.Level.INFO, "could not delete " + d.file() + ": " + e.getMessage());
                    }
                }
            }
        }

        boolean installedAny() {
            return !bundles.isEmpty();
        }
    }

    DependencyBundles(BundleContext context, PluginStore store, Dependencies dependencies) {
        this.context = context;
        this.store = store;
        this.dependencies = dependencies;
    }

    /**
     * Resolves a newly installed plugin bundle and installs (does not start) what it needs from the
     * indexes: each JAR downloaded, checked against the SHA-256 its index gives, and cached. Call
     * holding the state lock.
     *
     * @param plugin the plugin's bundle, installed
     * @param shown the plugin in words
     * @param fetcher made only when the indexes are needed
     * @return what was added
     * @throws PluginException naming what is missing or what failed; everything it added is
     *         taken back first
     */
    Added provide(Bundle plugin, String shown, Supplier<Fetcher> fetcher) {
        Fetcher[] made = {null};
        Supplier<Fetcher> once = () -> made[0] != null ? made[0] : (made[0] = fetcher.get());
        List<IndexResource> needed = dependencies.resolve(plugin, shown, () -> once.get().indexes(),
                store.home().resolve(Repositories.FILE));
        Added added = new Added();
        try {
            for (IndexResource r : needed) {
                Dependency d = fetch(once.get(), r, shown);
                added.cached.add(d);
                if (context.getBundle(d.location()) == null) {
                    try (InputStream in = Files.newInputStream(store.home().resolve(d.file()))) {
                        added.bundles.add(context.installBundle(d.location(), in));
                    }
                }
            }
            if (!needed.isEmpty()) {
                context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class)
                        .resolveBundles(List.of(plugin));
            }
            return added;
        } catch (IOException | BundleException | RuntimeException e) {
            added.undo(Set.of());
            if (e instanceof PluginException p) {
                throw p;
            }
            throw new PluginException(e instanceof BundleException ? PluginException.Kind.INVALID
                    : PluginException.Kind.FAILED, shown + ": cannot install its dependencies: "
                            + PluginManagerImpl.oneLine(e), e);
        }
    }

    private Dependency fetch(Fetcher fetcher, IndexResource r, String shown) throws IOException {
        URI url = r.content();
        try (Transport.Download d = fetcher.transport().download(url)) {
            if (!d.sha256().equals(r.sha256())) {
                throw new PluginException(PluginException.Kind.INVALID, shown + " needs " + r + ", but " + url
                        + " does not match the SHA-256 its index " + r.index() + " gives (" + d.sha256() + ", not "
                        + r.sha256() + "); refused");
            }
            BundleJar.read(d.file(), url.toString());
            return store.cacheDependency(d.file(), url.toString(), r.name(), r.version().toString());
        }
    }

    /**
     * Starts what an install added (fragments excepted).
     *
     * @throws PluginException naming the dependency that cannot start
     */
    void start(Added added, String shown) {
        for (Bundle b : added.bundles) {
            try {
                start(b);
            } catch (BundleException | IllegalStateException e) {
                throw new PluginException(PluginException.Kind.INVALID, shown + ": its dependency "
                        + b.getSymbolicName() + " " + b.getVersion() + " cannot start: " + PluginManagerImpl.oneLine(e),
                        e);
            }
        }
    }

    private static void start(Bundle b) throws BundleException {
        if (b.getHeaders("").get(Constants.FRAGMENT_HOST) == null && b.getState() != Bundle.ACTIVE) {
            b.start();
        }
    }

    /**
     * @return the records of the dependency bundles a resolved plugin is wired to (directly or
     *         through one another), from the remembered plugins' and the install's own
     */
    List<Dependency> recordsFor(Bundle plugin, List<PluginRecord> records, Added added) {
        Map<String, Dependency> known = new HashMap<>();
        records.forEach(r -> r.dependencies().forEach(d -> known.put(d.location(), d)));
        added.cached.forEach(d -> known.put(d.location(), d));
        List<Dependency> wired = new ArrayList<>();
        for (Bundle b : Dependencies.wired(plugin)) {
            Dependency d = known.get(b.getLocation());
            if (d != null) {
                wired.add(d);
            }
        }
        return wired;
    }

    /**
     * Installs a remembered plugin's dependencies that the framework lacks (from the cache, or from
     * their source when the cached JAR is gone or damaged) and starts them when the plugin runs.
     *
     * @return the problem that keeps the plugin from running: its state and message; empty when none
     */
    Optional<String[]> ensure(PluginRecord record, boolean run, Supplier<Fetcher> fetcher) {
        List<Bundle> bundles = new ArrayList<>();
        for (Dependency d : record.dependencies()) {
            Bundle b = context.getBundle(d.location());
            try {
                if (b == null) {
                    Optional<String> damage = store.verify(d, record);
                    if (damage.isPresent() && !restore(d, fetcher)) {
                        boolean there = Files.exists(store.home().resolve(d.file()));
                        return Optional.of(new String[] {there ? "damaged" : "missing", damage.get()});
                    }
                    try (InputStream in = Files.newInputStream(store.home().resolve(d.file()))) {
                        b = context.installBundle(d.location(), in);
                    }
                }
                bundles.add(b);
            } catch (IOException | BundleException | IllegalStateException e) {
                return Optional.of(new String[] {"failed", "its dependency " + d.name() + " " + d.version()
                        + " cannot be installed: " + PluginManagerImpl.oneLine(e)});
            }
        }
        // all installed before any starts: one may need another
        for (Bundle b : run ? bundles : List.<Bundle>of()) {
            try {
                start(b);
            } catch (BundleException | IllegalStateException e) {
                return Optional.of(new String[] {"failed", "its dependency " + b.getSymbolicName() + " "
                        + b.getVersion() + " cannot start: " + PluginManagerImpl.oneLine(e)});
            }
        }
        return Optional.empty();
    }

    /** Puts a dependency's cached JAR back from its source when that still holds the same content. */
    private boolean restore(Dependency d, Supplier<Fetcher> fetcher) {
        try (Transport.Download download = fetcher.get().transport().download(URI.create(d.source()))) {
            if (!download.sha256().equals(d.sha256())) {
                return false;
            }
            store.locked(() -> {
                store.restore(download.file(), d.file());
                return null;
            });
            LOG.log(System.Logger.Level.INFO, "dependency " + d.name() + ": its cached JAR was restored from "
                    + d.source());
            return true;
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.INFO, "dependency " + d.name() + " could not be restored from " + d.source()
                    + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * Uninstalls the dependency bundles no remembered plugin names; the caller refreshes.
     *
     * @return whether it uninstalled any
     */
    boolean removeUnneeded(List<PluginRecord> records) {
        Set<String> wanted = new HashSet<>();
        records.forEach(r -> r.dependencies().forEach(d -> wanted.add(d.location())));
        boolean removed = false;
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(PluginRecord.DEPENDENCY_PREFIX) && !wanted.contains(b.getLocation())) {
                removed |= uninstallQuietly(b);
            }
        }
        return removed;
    }

    private static boolean uninstallQuietly(Bundle bundle) {
        try {
            bundle.uninstall();
            return true;
        } catch (BundleException | IllegalStateException e) {
            LOG.log(System.Logger.Level.WARNING, "could not uninstall " + bundle.getLocation() + ": " + e.getMessage());
            return false;
        }
    }
}
