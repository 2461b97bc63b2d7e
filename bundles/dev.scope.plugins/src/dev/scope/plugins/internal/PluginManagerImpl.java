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
import java.util.Set;
import java.util.HashSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.scope.engine.api.DownloadProgress;
import dev.scope.engine.api.Engine;
import dev.scope.engine.api.FailedPlugin;
import dev.scope.engine.api.InstalledPlugin;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineLoadException;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginDependency;
import dev.scope.engine.api.PluginException;
import dev.scope.engine.api.PluginHistoryEntry;
import dev.scope.engine.api.PluginManager;
import dev.scope.engine.api.PluginSwap;
import dev.scope.engine.api.PluginUpdate;

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
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.resolver.Resolver;

/**
 * Installs plugin bundles and keeps the framework in step with the installed set in the state
 * directory, which every process using that directory watches: a change one makes (an update, a
 * disable, a rollback) the others apply to themselves, swapping running pipelines to a new
 * version side by side ({@link Engine#swapPlugin}). A plugin whose Import-Package asks for a
 * plugin API version this workbench does not export is refused at install, and one remembered
 * from before an upgrade is listed as failed, both with the versions and the fix.
 */
@Component(service = PluginManager.class, immediate = true)
public final class PluginManagerImpl implements PluginManager {

    private static final System.Logger LOG = System.getLogger(PluginManagerImpl.class.getName());

    /** The framework property that starts a run in safe mode: no installed plugin starts. */
    static final String SAFE_MODE_PROPERTY = "scope.safe.mode";
    /** How often the state file and linked folders are looked at. */
    private static final long WATCH_MILLIS = 500;
    /** How long an update waits for running streams to take the new version before removing the old. */
    private static final long SWAP_WAIT_MILLIS = 2000;

    /** What the manager needs of the engine: swapping running stages, and its leak suspicions. */
    interface EngineHooks {
        PluginSwap swap(long fromBundleId, long toBundleId);

        /** @return the plugins whose calls the engine gave up on (their threads may hold them) */
        List<String> possiblyLeaking();
    }

    /** For tests that run no streams. */
    static final EngineHooks NO_STREAMS = new EngineHooks() {
        @Override
        public PluginSwap swap(long fromBundleId, long toBundleId) {
            return new PluginSwap("", "", "", 0, List.of(), List.of(), CompletableFuture.completedFuture(null));
        }

        @Override
        public List<String> possiblyLeaking() {
            return List.of();
        }
    };

    private final BundleContext context;
    private final PipelineRegistry registry;
    private final EngineHooks engine;
    private final PluginStore store;
    private final History history;
    private final UpdateChecks updateChecks;
    private final DependencyBundles dependencyBundles;
    private final boolean safeMode;
    private final Leaks leaks = new Leaks();
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

    /** The state file's content as this process last applied it. */
    private String appliedStamp = "";
    /** Per linked folder: the fingerprint of its JAR at the last scan, and whether it was acted on. */
    private final Map<String, String> linkScans = new HashMap<>();
    /** Per linked folder: the fingerprint of a build that could not be installed. */
    private final Map<String, String> failedBuilds = new HashMap<>();
    private final ScheduledExecutorService watch;

    /**
     * @param resolver the framework's own resolver (Equinox registers it), which finds what a plugin
     *        needs among the installed bundles and the configured OSGi repository indexes
     */
    @Activate
    public PluginManagerImpl(BundleContext context, @Reference PipelineRegistry registry, @Reference Engine engine,
            @Reference Resolver resolver) {
        this(context, registry, hooks(engine), resolver, ScopeHome.resolve(System.getenv(),
                context.getProperty("scope.home"), System.getProperty("user.home")));
        watch.scheduleWithFixedDelay(this::pollQuietly, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    PluginManagerImpl(BundleContext context, PipelineRegistry registry, Path home) {
        this(context, registry, NO_STREAMS, home);
    }

    PluginManagerImpl(BundleContext context, PipelineRegistry registry, EngineHooks engine, Path home) {
        this(context, registry, engine, context.getService(context.getServiceReference(Resolver.class)), home);
    }

    private PluginManagerImpl(BundleContext context, PipelineRegistry registry, EngineHooks engine, Resolver resolver,
            Path home) {
        this.context = context;
        this.registry = registry;
        this.engine = engine;
        this.store = new PluginStore(home);
        this.history = new History(home);
        this.updateChecks = new UpdateChecks(home);
        this.dependencyBundles = new DependencyBundles(context, store, new Dependencies(context, resolver));
        this.safeMode = Boolean.parseBoolean(context.getProperty(SAFE_MODE_PROPERTY));
        this.watch = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "scope-plugins-watch");
            t.setDaemon(true);
            return t;
        });
        reconcile();
    }

    private static EngineHooks hooks(Engine engine) {
        return new EngineHooks() {
            @Override
            public PluginSwap swap(long fromBundleId, long toBundleId) {
                return engine.swapPlugin(fromBundleId, toBundleId);
            }

            @Override
            public List<String> possiblyLeaking() {
                return engine.stats().possiblyLeaking();
            }
        };
    }

    @Deactivate
    void deactivate() {
        watch.shutdownNow();
    }

    @Override
    public Path home() {
        return store.home();
    }

    @Override
    public boolean safeMode() {
        return safeMode;
    }

    @Override
    public synchronized List<String> takeNotices() {
        List<String> taken = List.copyOf(notices);
        notices.clear();
        return taken;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException e) {
            LOG.log(Level.INFO, "watching the plugin state failed: " + e.getMessage(), e);
        }
    }

    /**
     * What the watch does every {@value #WATCH_MILLIS} ms: applies a change another process made to
     * the state file, and installs new builds of linked plugins. Tests call it themselves.
     */
    synchronized void poll() {
        if (!store.stateStamp().equals(appliedStamp)) {
            reconcile();
        }
        scanLinks();
    }

    /**
     * Makes the framework hold exactly the remembered plugins: installs what is missing (from the
     * cache after checking each JAR against its recorded SHA-256, or again from its source when the
     * cached JAR is gone), swaps a plugin whose remembered build changed side by side, stops the
     * disabled ones, removes the forgotten ones, and removes what an interrupted install left in
     * the cache. Problems are remembered for {@link #list()}, which the commands report, and
     * logged at INFO only, so a start prints nothing.
     */
    synchronized void reconcile() {
        List<PluginRecord> records;
        try {
            records = store.locked(() -> {
                List<PluginRecord> read = store.read();
                // under the state lock no install is under way, so no file of one is in use
                store.removeLeftovers(read, history.files()).ifPresent(leftovers -> LOG.log(Level.INFO, leftovers));
                appliedStamp = store.stateStamp();
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
        Set<String> names = new HashSet<>();
        records.forEach(r -> names.add(r.name()));
        boolean removed = false;
        for (Bundle bundle : context.getBundles()) {
            String location = bundle.getLocation();
            // an old build of a plugin that is still wanted goes once its new one took over (below)
            if (location.startsWith(PluginStore.LOCATION_PREFIX) && !wanted.containsKey(location)
                    && !names.contains(bundle.getSymbolicName())) {
                leaks.watch(bundle);
                removed |= uninstallQuietly(bundle);
                problems.remove(bundle.getSymbolicName());
            }
        }
        if (removed) {
            refresh();
        }
        for (PluginRecord record : records) {
            apply(record);
        }
        // after the plugins, so that a dependency an old build of one was wired to has lost it
        if (dependencyBundles.removeUnneeded(records)) {
            refresh();
        }
    }

    /** Brings one remembered plugin into the framework as the record says. */
    private void apply(PluginRecord record) {
        Bundle bundle = context.getBundle(record.location());
        Bundle old = otherBuild(record);
        try {
            if (bundle == null) {
                Optional<String> damage = store.verify(record);
                if (damage.isPresent() && !restoreFromSource(record)) {
                    String state = Files.exists(store.resolve(record)) ? "damaged" : "missing";
                    problems.put(record.name(), new Problem(state, damage.get()));
                    LOG.log(Level.INFO, "plugin " + record.name() + ": " + damage.get());
                    return;
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
                return;
            }
            boolean run = record.enabled() && !safeMode;
            Optional<String[]> dependency = dependencyBundles.ensure(record, run, () -> fetcher(DownloadProgress.NONE));
            if (dependency.isPresent()) {
                problems.put(record.name(), new Problem(dependency.get()[0], dependency.get()[1]));
                LOG.log(Level.INFO, "plugin " + record.name() + ": " + dependency.get()[1]);
                return;
            }
            if (bundle == null) {
                try (InputStream in = Files.newInputStream(store.resolve(record))) {
                    bundle = context.installBundle(record.location(), in);
                }
            }
            if (!run) {
                remove(old);
                stopQuietly(bundle);
                problems.remove(record.name());
                return;
            }
            if (old != null && old.getState() == Bundle.ACTIVE) {
                List<String> notes = takeOver(old, bundle, record);
                notes.forEach(n -> notices.add("plugin " + record.name() + ": " + n));
            } else {
                remove(old);
                bundle.start();
            }
            problems.remove(record.name());
        } catch (BundleException | IOException | IllegalStateException | PluginException e) {
            String why = old != null && old.getState() == Bundle.ACTIVE
                    ? "version " + record.version() + " could not take over (" + oneLine(e) + "); version "
                            + old.getVersion() + " keeps running"
                    : "it could not start: " + oneLine(e);
            problems.put(record.name(), new Problem("failed", why));
            LOG.log(Level.INFO, "plugin " + record.name() + ": " + why);
            if (old != null && old.getState() == Bundle.ACTIVE) {
                notices.add("plugin " + record.name() + ": " + why); // a running stream's user hears it
            }
        }
    }

    /** @return another installed build of the record's plugin than the record's own, or {@code null} */
    private Bundle otherBuild(PluginRecord record) {
        for (Bundle b : context.getBundles()) {
            if (b.getLocation().startsWith(PluginStore.LOCATION_PREFIX) && record.name().equals(b.getSymbolicName())
                    && !b.getLocation().equals(record.location())) {
                return b;
            }
        }
        return null;
    }

    /**
     * Puts a cached JAR that went missing back from the plugin's source, when the source (a JAR or
     * project folder) still holds exactly what was installed.
     */
    private boolean restoreFromSource(PluginRecord record) {
        Source source = Source.parseRecorded(record.source());
        if (!(source instanceof Source.Local local)) {
            try (Fetcher.Fetched fetched = fetcher(DownloadProgress.NONE).fetch(source)) {
                return fetched.sha256().equals(record.sha256()) && restore(fetched.jar(), record);
            } catch (RuntimeException e) {
                LOG.log(Level.INFO, "plugin " + record.name() + " could not be restored from " + record.source() + ": "
                        + e.getMessage());
                return false;
            }
        }
        try {
            Path jar = Files.isDirectory(local.path()) ? BundleJar.projectJar(local.path()) : local.path();
            return Files.isRegularFile(jar) && PluginStore.sha256(jar).equals(record.sha256()) && restore(jar, record);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private boolean restore(Path jar, PluginRecord record) {
        return store.locked(() -> {
            store.restore(jar, record);
            LOG.log(Level.INFO, "plugin " + record.name() + ": its cached JAR was restored from " + record.source());
            return true;
        });
    }

    /** @return a fetcher with the repositories as configured now */
    private Fetcher fetcher(DownloadProgress progress) {
        return new Fetcher(store.home(), context::getProperty, progress);
    }

    /**
     * Starts the new build beside the old one, swaps every running stage of the old one to it
     * between two frames, then removes the old build.
     *
     * @return the swap's notes
     * @throws PluginException when the new build cannot start or build its pipelines: it is removed
     *         again, the old one keeps running
     */
    private List<String> takeOver(Bundle old, Bundle fresh, PluginRecord record) {
        try {
            fresh.start();
        } catch (BundleException | IllegalStateException e) {
            uninstallQuietly(fresh);
            refresh();
            throw new PluginException(PluginException.Kind.INVALID, "cannot start plugin " + record.name() + " "
                    + record.version() + ": " + oneLine(e) + "; version " + old.getVersion() + " keeps running", e);
        }
        PluginSwap swap;
        try {
            swap = engine.swap(old.getBundleId(), fresh.getBundleId());
        } catch (PipelineLoadException e) {
            uninstallQuietly(fresh);
            refresh();
            throw new PluginException(PluginException.Kind.FAILED, e.getMessage(), e);
        }
        try {
            swap.applied().get(SWAP_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            // a paused stream swaps at its next frame; the old bundle may go now all the same
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(Level.INFO, "a stage did not take the new version: " + e.getMessage());
        }
        remove(old);
        List<String> notes = new ArrayList<>();
        if (swap.stages() > 0) {
            notes.add(swap.stages() + " running stage" + (swap.stages() == 1 ? "" : "s") + " swapped from "
                    + old.getVersion() + " to " + record.version() + " between two frames");
        }
        notes.addAll(swap.resets());
        notes.addAll(swap.dropped());
        return notes;
    }

    @Override
    public synchronized InstalledPlugin install(Path given) {
        return install(Given.local(given), null, "install").plugin();
    }

    @Override
    public synchronized InstalledPlugin install(String spec, DownloadProgress progress) {
        Source source = Source.parse(spec);
        if (source instanceof Source.Local local) {
            return install(local.path());
        }
        try (Fetcher.Fetched fetched = fetcher(progress).fetch(source)) {
            return install(Given.fetched(fetched, progress), null, "install").plugin();
        }
    }

    /**
     * A JAR to install and what to record.
     *
     * @param jar the bundle JAR
     * @param source the plugin's source as recorded ({@link Source#recorded()})
     * @param shown the JAR in messages
     * @param progress hears the dependencies' downloads
     */
    private record Given(Path jar, String source, String shown, DownloadProgress progress) {
        /** A JAR, or a plugin project folder, which stands for the JAR it built and stays the source. */
        static Given local(Path given) {
            Path jar = Files.isDirectory(given) ? BundleJar.projectJar(given) : given;
            return new Given(jar, given.toAbsolutePath().toString(), jar.toString(), DownloadProgress.NONE);
        }

        static Given fetched(Fetcher.Fetched fetched, DownloadProgress progress) {
            return new Given(fetched.jar(), fetched.source(), fetched.shown(), progress);
        }
    }

    /** An install's outcome: the plugin, what was before, and the swap's notes. */
    private record Installed(InstalledPlugin plugin, String fromVersion, boolean changed, List<String> notes) {
    }

    /**
     * @param linked the folder to follow, for {@link #link}; {@code null} keeps what the previous
     *        record of the plugin had
     */
    private Installed install(Given given, String linked, String action) {
        BundleJar id = BundleJar.read(given.jar(), given.shown());
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
            Optional<PluginRecord> previous = records.stream().filter(r -> r.name().equals(id.symbolicName()))
                    .findFirst();
            PluginRecord cached = store.cache(given.jar(), given.source(), id.symbolicName(), id.version());
            PluginRecord record = previous.map(p -> cached.withEnabled(p.enabled()).withLinked(p.linked())
                    .withDependencies(p.dependencies())).orElse(cached);
            if (linked != null) {
                record = record.withLinked(linked);
            }
            String fromVersion = previous.map(PluginRecord::version).orElse(null);
            if (previous.isPresent() && previous.get().sha256().equals(record.sha256())
                    && context.getBundle(record.location()) != null) {
                boolean newSource = !previous.get().source().equals(record.source());
                if (linked != null && !linked.equals(previous.get().linked()) || newSource) {
                    // the same build from elsewhere: the plugin follows its new source from now on
                    PluginRecord kept = previous.get();
                    PluginRecord moved = new PluginRecord(kept.name(), kept.version(), kept.sha256(), kept.file(),
                            record.source(), kept.installedAt(), kept.enabled(), record.linked(), kept.dependencies());
                    records.set(records.indexOf(kept), moved);
                    write(records, action, record.name() + " " + record.version() + (linked != null
                            ? " linked to " + linked : " now from " + record.source()));
                    return new Installed(describe(moved, records), fromVersion, false, List.of());
                }
                return new Installed(describe(record, records), fromVersion, false, List.of());
            }
            Bundle bundle;
            try (InputStream in = Files.newInputStream(store.resolve(record))) {
                bundle = context.installBundle(record.location(), in);
            } catch (BundleException e) {
                discard(record, records);
                throw new PluginException(PluginException.Kind.INVALID, "cannot install " + given.shown() + ": "
                        + oneLine(e), e);
            }
            Bundle oldBundle = previous.map(p -> context.getBundle(p.location())).orElse(null);
            String shown = "plugin " + record.name() + " " + record.version();
            DependencyBundles.Added added;
            try {
                added = dependencyBundles.provide(bundle, shown, () -> fetcher(given.progress()));
            } catch (PluginException e) {
                uninstallQuietly(bundle);
                refresh();
                discard(record, records);
                throw oldBundle == null || oldBundle.getState() != Bundle.ACTIVE ? e : new PluginException(e.kind(),
                        e.getMessage() + "; version " + oldBundle.getVersion() + " keeps running", e);
            }
            List<String> notes = List.of();
            try {
                if (!record.enabled()) {
                    remove(oldBundle);
                } else if (oldBundle != null && oldBundle.getState() == Bundle.ACTIVE) {
                    dependencyBundles.start(added, shown);
                    notes = takeOver(oldBundle, bundle, record);
                } else {
                    dependencyBundles.start(added, shown);
                    start(bundle, record);
                    remove(oldBundle);
                }
            } catch (PluginException e) {
                if (context.getBundle(record.location()) != null) {
                    uninstallQuietly(bundle);
                }
                added.undo(keptFiles(records));
                refresh();
                discard(record, records);
                throw e;
            }
            record = record.withDependencies(dependencyBundles.recordsFor(bundle, records, added));
            if (previous.isPresent()) {
                records.remove(previous.get());
            }
            records.add(record);
            String summary = previous.isEmpty() ? record.name() + " " + record.version()
                    : record.name() + " " + fromVersion + " -> " + record.version()
                            + (fromVersion.equals(record.version()) ? " (a new build)" : "");
            write(records, previous.isEmpty() ? action : action.equals("install") ? "update" : action, summary);
            if (dependencyBundles.removeUnneeded(records)) {
                refresh();
            }
            problems.remove(record.name());
            return new Installed(describe(record, records), fromVersion, true, notes);
        });
    }

    /** @return the cached files (relative to the state directory) the remembered plugins and the history name */
    private Set<String> keptFiles(List<PluginRecord> records) throws IOException {
        Set<String> kept = new HashSet<>(history.files());
        for (PluginRecord r : records) {
            kept.add(r.file());
            r.dependencies().forEach(d -> kept.add(d.file()));
        }
        return kept;
    }

    /** Uninstalls a replaced or forgotten build (when there is one), watching its class loader, and refreshes. */
    private void remove(Bundle build) {
        if (build != null) {
            leaks.watch(build);
            uninstallQuietly(build);
            refresh();
        }
    }

    /** Starts a newly installed bundle; when it cannot start it is removed and the install refused. */
    private void start(Bundle bundle, PluginRecord record) {
        try {
            bundle.start();
        } catch (BundleException | IllegalStateException e) {
            uninstallQuietly(bundle);
            refresh();
            throw new PluginException(PluginException.Kind.INVALID, "cannot start plugin " + record.name() + " "
                    + record.version() + ": " + oneLine(e), e);
        }
    }

    /** Writes the installed set and its history entry; call holding the state lock. */
    private void write(List<PluginRecord> records, String action, String summary) throws IOException {
        store.write(records);
        history.append(action, summary, records);
        appliedStamp = store.stateStamp();
    }

    @Override
    public synchronized List<InstalledPlugin> list() {
        List<PluginRecord> records = store.locked(store::read);
        return records.stream().sorted(Comparator.comparing(PluginRecord::name)).map(r -> describe(r, records))
                .toList();
    }

    @Override
    public synchronized List<String> checkUpdates() {
        List<String> problems = new ArrayList<>();
        for (PluginRecord record : store.locked(store::read).stream().sorted(Comparator.comparing(PluginRecord::name))
                .toList()) {
            Source source = Source.parseRecorded(record.source());
            if (source instanceof Source.Local) {
                continue; // looked at by every list
            }
            try {
                newerBuild(fetcher(DownloadProgress.NONE), record, source, false).ifPresent(Fetcher.Fetched::close);
            } catch (PluginException e) {
                problems.add("plugin " + record.name() + ": cannot check " + record.source() + " for an update: "
                        + e.getMessage());
            }
        }
        return problems;
    }

    /**
     * Asks a remote source whether it holds another build than the installed one, and remembers the
     * answer for {@link #list()}.
     *
     * @param download whether a newer release of a Maven source is downloaded too (a URL's content
     *        always is: its hash is the answer)
     * @return the newer build, downloaded (the caller closes it), or empty when there is none or it
     *         was not asked for
     */
    private Optional<Fetcher.Fetched> newerBuild(Fetcher fetcher, PluginRecord record, Source source,
            boolean download) {
        Fetcher.Fetched newer = null;
        String available = null;
        if (source instanceof Source.Maven maven) {
            Optional<String> latest = fetcher.latest(maven.coordinate());
            if (latest.isPresent() && Coordinate.compareVersions(latest.get(), maven.coordinate().version()) > 0) {
                available = latest.get();
                if (download) {
                    newer = fetcher.fetch(new Source.Maven(maven.coordinate().withVersion(latest.get())));
                }
            }
        } else {
            Fetcher.Fetched fetched = fetcher.fetch(source);
            if (fetched.sha256().equals(record.sha256())) {
                fetched.close();
            } else {
                newer = fetched;
                try {
                    String version = BundleJar.read(fetched.jar(), fetched.shown()).version();
                    available = version.equals(record.version()) ? "a new build" : version;
                } catch (PluginException e) {
                    available = "a new build";
                }
            }
        }
        String found = available;
        store.locked(() -> {
            updateChecks.remember(record, found);
            return null;
        });
        return Optional.ofNullable(newer);
    }

    @Override
    public synchronized InstalledPlugin uninstall(String name) {
        return store.locked(() -> {
            List<PluginRecord> records = new ArrayList<>(store.read());
            PluginRecord record = find(records, name);
            InstalledPlugin before = describe(record, records);
            Bundle bundle = context.getBundle(record.location());
            if (bundle != null) {
                leaks.watch(bundle);
                uninstallQuietly(bundle);
            }
            records.remove(record);
            write(records, "uninstall", record.name() + " " + record.version());
            // a dependency another plugin still names stays; the last one's leave takes it along
            dependencyBundles.removeUnneeded(records);
            refresh();
            problems.remove(name);
            return before;
        });
    }

    @Override
    public synchronized PluginUpdate update(String name) {
        PluginRecord record = store.locked(() -> find(store.read(), name));
        Source source = Source.parseRecorded(record.source());
        if (source instanceof Source.Local) {
            Installed done = install(Given.local(localSource(record)), null, "update");
            return new PluginUpdate(name, record.version(), done.plugin().version(), done.changed(), done.notes());
        }
        Optional<Fetcher.Fetched> newer = newerBuild(fetcher(DownloadProgress.NONE), record, source, true);
        if (newer.isEmpty()) {
            return new PluginUpdate(name, record.version(), record.version(), false, List.of());
        }
        try (Fetcher.Fetched fetched = newer.get()) {
            Installed done = install(Given.fetched(fetched, DownloadProgress.NONE), null, "update");
            return new PluginUpdate(name, record.version(), done.plugin().version(), done.changed(), done.notes());
        }
    }

    @Override
    public synchronized List<PluginUpdate> updateAll() {
        List<PluginUpdate> updates = new ArrayList<>();
        for (PluginRecord record : store.locked(store::read).stream()
                .sorted(Comparator.comparing(PluginRecord::name)).toList()) {
            try {
                updates.add(update(record.name()));
            } catch (PluginException e) {
                updates.add(new PluginUpdate(record.name(), record.version(), record.version(), false,
                        List.of(e.getMessage())));
            }
        }
        return updates;
    }

    @Override
    public synchronized PluginUpdate reload(String name) {
        PluginRecord record = store.locked(() -> find(store.read(), name));
        if (changedSource(record).isPresent()) {
            return update(name);
        }
        Bundle bundle = context.getBundle(record.location());
        if (bundle == null || bundle.getState() != Bundle.ACTIVE) {
            throw new PluginException(PluginException.Kind.FAILED, "plugin " + name + " is not running ("
                    + describe(record, List.of(record)).state() + "); " + (record.enabled() ? "install it again"
                            : "enable it first"));
        }
        PluginSwap swap;
        try {
            swap = engine.swap(bundle.getBundleId(), bundle.getBundleId());
        } catch (PipelineLoadException e) {
            throw new PluginException(PluginException.Kind.FAILED, e.getMessage(), e);
        }
        List<String> notes = new ArrayList<>();
        if (swap.stages() > 0) {
            notes.add(swap.stages() + " running stage" + (swap.stages() == 1 ? "" : "s")
                    + " got fresh instances between two frames");
        }
        return new PluginUpdate(name, record.version(), record.version(), false, notes);
    }

    @Override
    public synchronized InstalledPlugin disable(String name) {
        return setEnabled(name, false);
    }

    @Override
    public synchronized InstalledPlugin enable(String name) {
        return setEnabled(name, true);
    }

    private InstalledPlugin setEnabled(String name, boolean on) {
        return store.locked(() -> {
            List<PluginRecord> records = new ArrayList<>(store.read());
            PluginRecord record = find(records, name);
            Bundle bundle = context.getBundle(record.location());
            if (on && bundle != null && !safeMode) {
                try {
                    bundle.start();
                } catch (BundleException | IllegalStateException e) {
                    throw new PluginException(PluginException.Kind.FAILED, "cannot start plugin " + name + " "
                            + record.version() + ": " + oneLine(e), e);
                }
            } else if (!on && bundle != null) {
                stopQuietly(bundle);
            }
            PluginRecord changed = record.withEnabled(on);
            if (!changed.equals(record)) {
                records.set(records.indexOf(record), changed);
                write(records, on ? "enable" : "disable", name + " " + record.version());
            }
            problems.remove(name);
            return describe(changed, records);
        });
    }

    @Override
    public synchronized InstalledPlugin link(Path projectFolder) {
        if (!Files.isDirectory(projectFolder)) {
            throw new PluginException(PluginException.Kind.INVALID, "cannot link " + projectFolder
                    + ": not a folder; expected a plugin project folder (its build leaves one JAR in target/)");
        }
        String folder = projectFolder.toAbsolutePath().normalize().toString();
        return install(Given.local(projectFolder), folder, "link").plugin();
    }

    @Override
    public synchronized InstalledPlugin unlink(String name) {
        return store.locked(() -> {
            List<PluginRecord> records = new ArrayList<>(store.read());
            PluginRecord record = find(records, name);
            if (record.linked() == null) {
                throw new PluginException(PluginException.Kind.INVALID, "plugin " + name + " is not linked; linked: "
                        + names(records.stream().filter(r -> r.linked() != null).toList()));
            }
            PluginRecord changed = record.withLinked(null);
            records.set(records.indexOf(record), changed);
            write(records, "unlink", name + " " + record.version() + " no longer follows " + record.linked());
            linkScans.remove(record.linked());
            return describe(changed, records);
        });
    }

    /**
     * Installs the new builds of linked plugins: a JAR in a linked folder's {@code target/} that is
     * the same on two scans in a row (its build has finished writing it) and differs from what is
     * installed. Several processes may scan; the state lock lets one install, the others follow
     * the state file.
     */
    private void scanLinks() {
        List<PluginRecord> linked = store.locked(store::read).stream().filter(r -> r.linked() != null).toList();
        for (PluginRecord record : linked) {
            String fingerprint;
            Path jar;
            try {
                jar = BundleJar.projectJar(Path.of(record.linked()));
                fingerprint = jar + "|" + Files.size(jar) + "|" + Files.getLastModifiedTime(jar).toMillis();
            } catch (IOException | RuntimeException e) {
                linkScans.remove(record.linked()); // mid-build (no JAR, or two) or gone: look again later
                continue;
            }
            String seen = linkScans.put(record.linked(), fingerprint);
            if (!fingerprint.equals(seen) || fingerprint.equals(failedBuilds.get(record.linked()))) {
                continue; // changed since the last scan (wait until it stays the same), or refused already
            }
            try {
                if (PluginStore.sha256(jar).equals(record.sha256())) {
                    continue;
                }
                Installed done = install(Given.local(Path.of(record.linked())), null, "update");
                notices.add("plugin " + record.name() + " " + done.fromVersion() + " -> " + done.plugin().version()
                        + " from its linked folder" + (done.notes().isEmpty() ? "" : "; " + String.join("; ",
                                done.notes())));
            } catch (IOException | PluginException e) {
                problems.put(record.name(), new Problem("failed", "its new build in " + record.linked()
                        + " could not be installed: " + (e instanceof PluginException ? e.getMessage() : oneLine(e))
                        + "; the running build stays"));
                failedBuilds.put(record.linked(), fingerprint); // not again until it changes
            }
        }
    }

    @Override
    public synchronized List<PluginHistoryEntry> history() {
        return store.locked(history::read).stream().map(e -> new PluginHistoryEntry(e.number(), e.at(), e.action(),
                e.summary(), e.plugins().stream().map(p -> p.name() + " " + p.version()
                        + (p.enabled() ? "" : " (disabled)")).toList())).toList();
    }

    @Override
    public synchronized List<String> rollback(int number) {
        List<String> changes = store.locked(() -> {
            List<History.Entry> entries = history.read();
            History.Entry target = entries.stream().filter(e -> e.number() == number).findFirst()
                    .orElseThrow(() -> new PluginException(PluginException.Kind.INVALID, "no history entry " + number
                            + "; " + (entries.isEmpty() ? "the history is empty" : "the history holds "
                                    + entries.get(0).number() + " to " + entries.get(entries.size() - 1).number())
                            + " (see scope plugins history)"));
            for (PluginRecord r : target.plugins()) {
                Optional<String> damage = store.verify(r);
                for (PluginRecord.Dependency d : r.dependencies()) {
                    damage = damage.or(() -> verifyQuietly(d, r));
                }
                if (damage.isPresent()) {
                    throw new PluginException(PluginException.Kind.FAILED, "cannot roll back to entry " + number
                            + ": plugin " + r.name() + " " + r.version() + ": " + damage.get());
                }
            }
            List<PluginRecord> now = store.read();
            List<String> lines = difference(now, target.plugins());
            write(target.plugins(), "rollback", "to entry " + number + (lines.isEmpty() ? " (no change)"
                    : ": " + String.join("; ", lines)));
            return lines;
        });
        reconcile();
        return changes;
    }

    private Optional<String> verifyQuietly(PluginRecord.Dependency d, PluginRecord of) {
        try {
            return store.verify(d, of);
        } catch (IOException e) {
            return Optional.of("the cached JAR of its dependency " + d.name() + " cannot be read: "
                    + PluginStore.plain(e));
        }
    }

    /** One line per plugin that differs between two installed sets. */
    private static List<String> difference(List<PluginRecord> from, List<PluginRecord> to) {
        List<String> lines = new ArrayList<>();
        Map<String, PluginRecord> before = new HashMap<>();
        from.forEach(r -> before.put(r.name(), r));
        for (PluginRecord r : to.stream().sorted(Comparator.comparing(PluginRecord::name)).toList()) {
            PluginRecord b = before.remove(r.name());
            if (b == null) {
                lines.add(r.name() + " " + r.version() + " comes back");
            } else if (!b.sha256().equals(r.sha256())) {
                lines.add(r.name() + " " + b.version() + " -> " + r.version());
            } else if (b.enabled() != r.enabled()) {
                lines.add(r.name() + " " + (r.enabled() ? "enabled" : "disabled"));
            }
        }
        before.values().stream().sorted(Comparator.comparing(PluginRecord::name))
                .forEach(r -> lines.add(r.name() + " " + r.version() + " removed"));
        return lines;
    }

    /** The installed plugin of that name, or the refusal naming what there is. */
    private PluginRecord find(List<PluginRecord> records, String name) {
        return records.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() -> {
            if (findNonPlugin(name) != null) {
                return new PluginException(PluginException.Kind.BUILT_IN, "'" + name
                        + "' is built into the workbench and cannot be changed or uninstalled");
            }
            return new PluginException(PluginException.Kind.NOT_INSTALLED, "no plugin named '" + name
                    + "' is installed; installed: " + names(records));
        });
    }

    private static String names(List<PluginRecord> records) {
        List<String> names = records.stream().map(PluginRecord::name).sorted().toList();
        return names.isEmpty() ? "(none)" : String.join(", ", names);
    }

    /** The JAR or folder an update reads, or the refusal saying why there is none. */
    private static Path localSource(PluginRecord record) {
        Path source;
        try {
            source = Path.of(record.source());
        } catch (java.nio.file.InvalidPathException e) {
            source = null;
        }
        if (source == null || !Files.exists(source)) {
            throw new PluginException(PluginException.Kind.INVALID, "plugin " + record.name() + " cannot be updated:"
                    + " its source " + record.source() + " is gone; install the new build: scope plugins install PATH");
        }
        return source;
    }

    /**
     * @return what an update would install: for a local source, when it holds another build now;
     *         for a remote one, what the last check found ({@link #checkUpdates}), without the network
     */
    private Optional<String> changedSource(PluginRecord record) {
        if (!(Source.parseRecorded(record.source()) instanceof Source.Local local)) {
            return updateChecks.available(record);
        }
        try {
            Path source = local.path();
            if (!Files.exists(source)) {
                return Optional.empty();
            }
            Path jar = Files.isDirectory(source) ? BundleJar.projectJar(source) : source;
            if (PluginStore.sha256(jar).equals(record.sha256())) {
                return Optional.empty();
            }
            String version = BundleJar.read(jar).version();
            return Optional.of(version.equals(record.version()) ? "a new build" : version);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * @param records the remembered plugins, which tell the plugins that share a dependency
     */
    private InstalledPlugin describe(PluginRecord record, List<PluginRecord> records) {
        Bundle bundle = context.getBundle(record.location());
        List<String> pipelines = bundle == null ? List.of() : registry.pipelines().stream()
                .filter(p -> p.plugin().bundleId() == bundle.getBundleId()).map(PipelineInfo::id).toList();
        Problem problem = problems.get(record.name());
        String state;
        String error = problem == null ? null : problem.message();
        if (problem != null && bundle != null && bundle.getState() == Bundle.ACTIVE && problem.state().equals("failed")
                && error.contains(" keeps running")) {
            state = "active"; // a new build that could not take over: the error says so
        } else if (!record.enabled() || safeMode && (bundle == null || bundle.getState() != Bundle.ACTIVE)) {
            state = "disabled";
            if (record.enabled() && error == null) {
                error = "not started: this run is in safe mode (start without --safe-mode to run it)";
            }
        } else if (bundle == null) {
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
        boolean leaked = leaks.leaked(record.name(), Leaks.system(context))
                || engine.possiblyLeaking().contains(record.name());
        List<PluginDependency> dependencies = record.dependencies().stream().map(d -> new PluginDependency(d.name(),
                d.version(), d.source(), java.util.stream.Stream.concat(java.util.stream.Stream.of(record.name()),
                        records.stream().filter(r -> r.dependencies().stream().anyMatch(o -> o.location()
                                .equals(d.location()))).map(PluginRecord::name)).distinct().sorted().toList()))
                .toList();
        return new InstalledPlugin(record.name(), record.version(), state, error, pipelines, record.sha256(),
                record.source(), record.installedAt(), record.enabled(), record.linked(),
                changedSource(record).orElse(null), leaked, Source.parseRecorded(record.source()).kind(), dependencies);
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

    private void discard(PluginRecord record, List<PluginRecord> kept) throws IOException {
        if (kept.stream().noneMatch(r -> r.file().equals(record.file())) && !history.files().contains(record.file())) {
            deleteQuietly(store.resolve(record));
        }
    }

    private static void stopQuietly(Bundle bundle) {
        try {
            if (bundle.getState() == Bundle.ACTIVE || bundle.getState() == Bundle.STARTING) {
                bundle.stop();
            }
        } catch (BundleException | IllegalStateException e) {
            LOG.log(Level.WARNING, "could not stop " + bundle.getLocation() + ": " + e.getMessage());
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
