package dev.scope.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.scope.engine.api.FailedPlugin;
import dev.scope.engine.api.InstalledPlugin;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginException;
import dev.scope.engine.api.PluginManager;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Installs plugin bundles from local JARs and keeps the framework in step with the installed set
 * in the state directory. A plugin whose Import-Package asks for a plugin API version this
 * workbench does not export (one built against API 1.x, say) is refused at install, and one
 * remembered from before an upgrade is listed as failed, both with the versions and the fix.
 */
@Component(service = PluginManager.class, immediate = true)
public final class PluginManagerImpl implements PluginManager {

    private static final System.Logger LOG = System.getLogger(PluginManagerImpl.class.getName());

    private final BundleContext context;
    private final PipelineRegistry registry;
    private final PluginStore store;
    /** Why a remembered plugin is not running in this process: its state and the reason. */
    private record Problem(String state, String message) {
    }

    /** The plugin API package as the framework exports it, and the bundle that exports it. */
    private record ApiExport(Version version, Bundle exporter) {
    }

    /** What the user should hear about once (see {@link #takeNotices()}). */
    private final List<String> notices = new ArrayList<>();

    /** Problems seen in this process, by plugin name. */
    private final Map<String, Problem> problems = new HashMap<>();

    @Activate
    public PluginManagerImpl(BundleContext context, @Reference PipelineRegistry registry) {
        this(context, registry, ScopeHome.resolve(System.getenv(), context.getProperty("scope.home"),
                System.getProperty("user.home")));
    }

    PluginManagerImpl(BundleContext context, PipelineRegistry registry, Path home) {
        this.context = context;
        this.registry = registry;
        this.store = new PluginStore(home);
        reconcile();
    }

    @Override
    public Path home() {
        return store.home();
    }

    @Override
    public synchronized List<String> takeNotices() {
        List<String> taken = List.copyOf(notices);
        notices.clear();
        return taken;
    }

    /**
     * Makes the framework hold exactly the remembered plugins, re-installing missing ones from the
     * cache (after checking each cached JAR against its recorded SHA-256), and removes what an
     * interrupted install left in the cache. Problems are remembered for {@link #list()}, which
     * the commands report, and logged at INFO only, so a start prints nothing.
     */
    synchronized void reconcile() {
        List<PluginRecord> records;
        try {
            records = store.locked(() -> {
                List<PluginRecord> read = store.read();
                // under the state lock no install is under way, so no file of one is in use
                store.removeLeftovers(read).ifPresent(leftovers -> LOG.log(Level.INFO, leftovers));
                return read;
            });
        } catch (PluginException e) {
            // a state file moved aside is news the user needs, once; an unusable directory every
            // plugin command reports by itself
            if (e.getCause() instanceof PluginStore.UnreadableState) {
                notices.add(e.getMessage());
            }
            LOG.log(Level.INFO, e.getMessage());
            records = List.of();
        }
        Map<String, PluginRecord> wanted = new HashMap<>();
        records.forEach(r -> wanted.put(r.location(), r));
        boolean removed = false;
        for (Bundle bundle : context.getBundles()) {
            String location = bundle.getLocation();
            if (location.startsWith(PluginStore.LOCATION_PREFIX) && !wanted.containsKey(location)) {
                removed |= uninstallQuietly(bundle);
            }
        }
        if (removed) {
            refresh();
        }
        for (PluginRecord record : records) {
            Bundle bundle = context.getBundle(record.location());
            try {
                if (bundle == null) {
                    Optional<String> damage = store.verify(record);
                    if (damage.isPresent()) {
                        String state = Files.exists(store.resolve(record)) ? "damaged" : "missing";
                        problems.put(record.name(), new Problem(state, damage.get()));
                        LOG.log(Level.INFO, "plugin " + record.name() + ": " + damage.get());
                        continue;
                    }
                }
                String range = bundle == null ? BundleJar.read(store.resolve(record)).pluginApi()
                        : BundleJar.importedVersion(bundle.getHeaders("").get(Constants.IMPORT_PACKAGE),
                                BundleJar.PLUGIN_API);
                Optional<String> refused = apiMismatch(record.name(), record.version(), range);
                if (refused.isPresent()) {
                    // installed before an upgrade of the plugin API: it stays remembered (a rebuilt
                    // JAR replaces it) and is listed as failed, with what to do
                    if (bundle != null && uninstallQuietly(bundle)) {
                        refresh();
                    }
                    problems.put(record.name(), new Problem("failed", refused.get()));
                    LOG.log(Level.INFO, refused.get());
                    continue;
                }
                if (bundle == null) {
                    try (InputStream in = Files.newInputStream(store.resolve(record))) {
                        bundle = context.installBundle(record.location(), in);
                    }
                }
                bundle.start();
                problems.remove(record.name());
            } catch (BundleException | IOException | IllegalStateException | PluginException e) {
                problems.put(record.name(), new Problem("failed", "it could not start: " + oneLine(e)));
                LOG.log(Level.INFO, "plugin " + record.name() + " could not start: " + oneLine(e));
            }
        }
    }

    @Override
    public synchronized InstalledPlugin install(Path given) {
        // a plugin project folder stands for the JAR it built; it stays the plugin's source
        Path bundleJar = Files.isDirectory(given) ? BundleJar.projectJar(given) : given;
        BundleJar id = BundleJar.read(bundleJar);
        Bundle builtIn = findNonPlugin(id.symbolicName());
        if (builtIn != null) {
            throw new PluginException(PluginException.Kind.BUILT_IN, "'" + id.symbolicName() + "' is a bundle of"
                    + " the workbench itself; a plugin cannot replace it (choose another Bundle-SymbolicName)");
        }
        apiMismatch(id.symbolicName(), id.version(), id.pluginApi()).ifPresent(message -> {
            throw new PluginException(PluginException.Kind.INVALID, message);
        });
        return store.locked(() -> {
            List<PluginRecord> records = new ArrayList<>(store.read());
            PluginRecord record = store.cache(bundleJar, given, id.symbolicName(), id.version());
            Optional<PluginRecord> previous = records.stream().filter(r -> r.name().equals(record.name())).findFirst();
            if (previous.isPresent() && previous.get().sha256().equals(record.sha256())
                    && context.getBundle(record.location()) != null) {
                return describe(previous.get());
            }
            Bundle bundle;
            try (InputStream in = Files.newInputStream(store.resolve(record))) {
                bundle = context.installBundle(record.location(), in);
            } catch (BundleException e) {
                discard(record, records);
                throw new PluginException(PluginException.Kind.INVALID, "cannot install " + bundleJar + ": "
                        + oneLine(e), e);
            }
            try {
                bundle.start();
            } catch (BundleException | IllegalStateException e) {
                uninstallQuietly(bundle);
                refresh();
                discard(record, records);
                throw new PluginException(PluginException.Kind.INVALID, "cannot start plugin " + record.name() + " "
                        + record.version() + ": " + oneLine(e), e);
            }
            previous.ifPresent(old -> {
                Bundle oldBundle = context.getBundle(old.location());
                if (oldBundle != null && uninstallQuietly(oldBundle)) {
                    refresh();
                }
                records.remove(old);
                if (!old.file().equals(record.file())) {
                    deleteQuietly(store.resolve(old));
                }
            });
            records.add(record);
            store.write(records);
            problems.remove(record.name());
            return describe(record);
        });
    }

    @Override
    public synchronized List<InstalledPlugin> list() {
        return store.locked(store::read).stream().sorted(Comparator.comparing(PluginRecord::name))
                .map(this::describe).toList();
    }

    @Override
    public synchronized InstalledPlugin uninstall(String name) {
        return store.locked(() -> {
            List<PluginRecord> records = new ArrayList<>(store.read());
            PluginRecord record = records.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() -> {
                if (findNonPlugin(name) != null) {
                    return new PluginException(PluginException.Kind.BUILT_IN, "'" + name
                            + "' is built into the workbench and cannot be uninstalled");
                }
                List<String> names = records.stream().map(PluginRecord::name).sorted().toList();
                return new PluginException(PluginException.Kind.NOT_INSTALLED, "no plugin named '" + name
                        + "' is installed; installed: "
                        + (names.isEmpty() ? "(none)" : String.join(", ", names)));
            });
            InstalledPlugin before = describe(record);
            Bundle bundle = context.getBundle(record.location());
            if (bundle != null && uninstallQuietly(bundle)) {
                refresh();
            }
            records.remove(record);
            store.write(records);
            deleteQuietly(store.resolve(record));
            problems.remove(name);
            return before;
        });
    }

    private InstalledPlugin describe(PluginRecord record) {
        Bundle bundle = context.getBundle(record.location());
        List<String> pipelines = bundle == null ? List.of() : registry.pipelines().stream()
                .filter(p -> p.plugin().bundleId() == bundle.getBundleId()).map(PipelineInfo::id).toList();
        Problem problem = problems.get(record.name());
        String state;
        String error = problem == null ? null : problem.message();
        if (bundle == null) {
            state = problem != null ? problem.state() : "installed";
        } else {
            Optional<FailedPlugin> failure = registry.failedPlugins().stream()
                    .filter(f -> f.location().equals(bundle.getLocation())).findFirst();
            if (failure.isPresent()) {
                state = "failed";
                error = failure.get().errorMessage();
            } else if (error != null) {
                state = "failed";
            } else {
                state = bundle.getState() == Bundle.ACTIVE ? "active" : "installed";
                if (!Files.exists(store.resolve(record))) {
                    // it runs from the OSGi cache, which a clean start empties
                    error = store.missingMessage(record) + " (it runs from the OSGi cache until then)";
                }
            }
        }
        return new InstalledPlugin(record.name(), record.version(), state, error, pipelines, record.sha256(),
                record.source(), record.installedAt());
    }

    /**
     * @param range the version range the plugin imports the plugin API in, as written, or
     *        {@code null} when it imports none
     * @return why the plugin cannot run on this workbench, in one line naming the API version it
     *         needs, the one this workbench exports and what to rebuild it against; empty when the
     *         range admits the exported version, and when the framework is left to judge (no
     *         range, a range that does not parse, no plugin API exported)
     */
    private Optional<String> apiMismatch(String name, String version, String range) {
        if (range == null) {
            return Optional.empty();
        }
        VersionRange wanted;
        try {
            wanted = new VersionRange(range);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // installing it fails with the framework's own message
        }
        Optional<ApiExport> provided = providedApi();
        if (provided.isEmpty() || wanted.includes(provided.get().version())) {
            return Optional.empty();
        }
        Bundle api = provided.get().exporter();
        Version release = api.getVersion();
        return Optional.of("plugin " + name + " " + version + " needs the plugin API " + range + " ("
                + majors(wanted) + "); this workbench provides " + provided.get().version() + ": rebuild it against"
                + " dev.scope:" + api.getSymbolicName() + ":" + release.getMajor() + "." + release.getMinor() + "."
                + release.getMicro());
    }

    /**
     * The plugin API package with the highest version that a bundle of the workbench exports, read
     * from the exporting bundle's wiring: what plugins resolve against. A plugin exporting a copy
     * of it does not count.
     */
    private Optional<ApiExport> providedApi() {
        ApiExport best = null;
        for (Bundle bundle : context.getBundles()) {
            BundleWiring wiring = bundle.getLocation().startsWith(PluginStore.LOCATION_PREFIX) ? null
                    : bundle.adapt(BundleWiring.class);
            if (wiring == null) {
                continue;
            }
            for (BundleCapability export : wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                Map<String, Object> attributes = export.getAttributes();
                if (BundleJar.PLUGIN_API.equals(attributes.get(PackageNamespace.PACKAGE_NAMESPACE))
                        && attributes.get(PackageNamespace.CAPABILITY_VERSION_ATTRIBUTE) instanceof Version v
                        && (best == null || v.compareTo(best.version()) > 0)) {
                    best = new ApiExport(v, bundle);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** @return the major versions a range admits, in words: "1.x", "1.x to 2.x", "2.x or later" */
    static String majors(VersionRange range) {
        int low = range.getLeft().getMajor();
        Version right = range.getRight();
        if (right == null) {
            return low + ".x or later";
        }
        boolean excludesItsMajor = range.getRightType() == VersionRange.RIGHT_OPEN && right.getMinor() == 0
                && right.getMicro() == 0 && right.getQualifier().isEmpty();
        int high = excludesItsMajor ? right.getMajor() - 1 : right.getMajor();
        return high <= low ? low + ".x" : low + ".x to " + high + ".x";
    }

    /** A bundle of this name that the plugin manager did not install (the product's own). */
    private Bundle findNonPlugin(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && !b.getLocation().startsWith(PluginStore.LOCATION_PREFIX)) {
                return b;
            }
        }
        return null;
    }

    private void discard(PluginRecord record, List<PluginRecord> kept) {
        if (kept.stream().noneMatch(r -> r.file().equals(record.file()))) {
            deleteQuietly(store.resolve(record));
        }
    }

    private static boolean uninstallQuietly(Bundle bundle) {
        try {
            bundle.uninstall();
            return true;
        } catch (BundleException | IllegalStateException e) {
            LOG.log(Level.WARNING, "could not uninstall " + bundle.getLocation() + ": " + e.getMessage());
            return false;
        }
    }

    /** Refreshes removed bundles and waits for the refresh to finish. */
    private void refresh() {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(null, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        try {
            if (!done.await(30, TimeUnit.SECONDS)) {
                LOG.log(Level.WARNING, "refreshing bundles took more than 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not delete " + file + ": " + e.getMessage());
        }
    }

    static String oneLine(Exception e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        return m.strip().replaceAll("\\s*\\R\\s*", "; ");
    }
}
