package dev.scope.engine.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.scope.engine.api.Chain;
import dev.scope.engine.api.EngineStats;
import dev.scope.engine.api.ChainException;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.DeviceInfo;
import dev.scope.engine.api.Engine;
import dev.scope.engine.api.FailedPlugin;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineLoadException;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginRef;
import dev.scope.engine.api.PluginSwap;
import dev.scope.engine.api.Session;
import dev.scope.engine.api.SessionSpec;
import dev.scope.engine.api.UnknownPipelineException;
import dev.scope.frames.FramePool;
import dev.scope.frames.PoolStats;
import dev.scope.gpu.api.Gpu;
import dev.scope.pipeline.api.Backend;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;
import dev.scope.schema.ConfigModel;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The registry and the engine: tracks every {@code PipelineFactory} service (whiteboard), knows
 * the bundle behind each, reports plugins that failed, and opens chains.
 */
@Component(service = {PipelineRegistry.class, Engine.class, FrameAllocator.class}, immediate = true)
public final class EngineComponent implements PipelineRegistry, Engine, FrameAllocator {

    /** The framework property that forces where stages run: {@code java}, {@code opencl} or {@code auto}. */
    static final String BACKEND_PROPERTY = "scope.backend";

    private static final System.Logger LOG = System.getLogger(EngineComponent.class.getName());

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final Map<ServiceReference<?>, FactoryEntry> entries = new ConcurrentHashMap<>();
    /** Every stage loaded from a factory's pipelines, while it may run: weakly, closed ones fall away. */
    private final Set<Stage> stages = Collections.newSetFromMap(new WeakHashMap<>());
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final BundleListener bundleListener = this::bundleChanged;
    private final FramePool pool = new FramePool();
    private final Backend defaultBackend;
    private final long defaultDeadlineMillis;
    private final AtomicLong abandonedCalls = new AtomicLong();
    private final Set<String> possiblyLeaking = ConcurrentHashMap.newKeySet();

    @Activate
    public EngineComponent(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
        this.defaultBackend = backend(context.getProperty(BACKEND_PROPERTY));
        this.defaultDeadlineMillis = deadline(context.getProperty(ChainSpec.DEADLINE_PROPERTY));
        context.addBundleListener(bundleListener);
    }

    private static Backend backend(String value) {
        if (value == null || value.isBlank() || value.strip().equalsIgnoreCase("auto")) {
            return null;
        }
        for (Backend b : Backend.values()) {
            if (b.value().equalsIgnoreCase(value.strip())) {
                return b;
            }
        }
        LOG.log(Level.WARNING, BACKEND_PROPERTY + "=" + value + " is not valid; expected java, opencl or auto;"
                + " the engine decides where stages run");
        return null;
    }

    private static long deadline(String value) {
        if (value == null || value.isBlank()) {
            return ChainSpec.DEFAULT_DEADLINE_MILLIS;
        }
        try {
            long ms = Long.parseLong(value.strip());
            if (ms > 0) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.log(Level.WARNING, ChainSpec.DEADLINE_PROPERTY + "=" + value + " is not valid; expected milliseconds"
                + " above 0; the default, " + ChainSpec.DEFAULT_DEADLINE_MILLIS + " ms, applies");
        return ChainSpec.DEFAULT_DEADLINE_MILLIS;
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(bundleListener);
        entries.values().forEach(FactoryEntry::release);
        entries.clear();
    }

    @Reference(service = PipelineFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addFactory(ServiceReference<PipelineFactory<?>> reference) {
        entries.put(reference, new FactoryEntry(context, reference));
        fireChanged();
    }

    void removeFactory(ServiceReference<PipelineFactory<?>> reference) {
        FactoryEntry entry = entries.remove(reference);
        if (entry != null) {
            retireStagesOf(entry.resolvedOrNull());
            entry.release();
        }
        fireChanged();
    }

    /** Remembers a stage a chain loaded, so that it is retired when its pipeline service leaves. */
    void track(Stage stage) {
        synchronized (stages) {
            stages.add(stage);
        }
    }

    /**
     * A pipeline service left (its plugin was uninstalled, updated or stopped): the stages running
     * its pipelines are failed at their next frame boundary, so streams go on without them, and
     * their instances closed.
     */
    private void retireStagesOf(FactoryEntry.Resolved gone) {
        if (gone == null || gone.model() == null) {
            return;
        }
        PluginRef plugin = gone.info().plugin();
        String why = "its plugin " + plugin.name() + " " + plugin.version()
                + " was uninstalled, updated or stopped; the stage passes its frames through";
        synchronized (stages) {
            for (Stage s : stages) {
                if (s.model() == gone.model()) {
                    s.retire(why);
                }
            }
        }
    }

    private void bundleChanged(BundleEvent event) {
        if (PluginBundles.isPluginBundle(event.getBundle())) {
            fireChanged();
        }
    }

    // ---- registry

    /** The winning entry per pipeline id, plus the entries that lost to an earlier one. */
    private record Snapshot(Map<String, FactoryEntry.Resolved> byId, List<FailedPlugin> duplicates,
            List<FactoryEntry> activationFailures) {
    }

    private Snapshot snapshot() {
        List<FactoryEntry> ordered = new ArrayList<>(entries.values());
        // the earliest registration (lowest service id) wins an id clash
        ordered.sort(Comparator.comparingLong(e -> (Long) e.reference().getProperty(Constants.SERVICE_ID)));
        Map<String, FactoryEntry.Resolved> byId = new LinkedHashMap<>();
        List<FailedPlugin> duplicates = new ArrayList<>();
        List<FactoryEntry> activationFailures = new ArrayList<>();
        for (FactoryEntry entry : ordered) {
            FactoryEntry.Resolved r = entry.resolve();
            if (r == null) {
                continue;
            }
            if (r.activationFailed()) {
                activationFailures.add(entry);
                continue;
            }
            FactoryEntry.Resolved earlier = byId.putIfAbsent(r.info().id(), r);
            if (earlier != null && sameName(earlier, r)) {
                // two versions of one plugin side by side, while it is updated: the newer serves
                if (newer(r, earlier)) {
                    byId.put(r.info().id(), r);
                }
            } else if (earlier != null) {
                Bundle b = entry.bundle();
                if (b != null) {
                    duplicates.add(PluginBundles.failed(b, "DuplicatePipelineId", "pipeline id '" + r.info().id()
                            + "' is already provided by " + earlier.info().plugin().name() + " "
                            + earlier.info().plugin().version()));
                }
            }
        }
        return new Snapshot(byId, duplicates, activationFailures);
    }

    private static boolean sameName(FactoryEntry.Resolved a, FactoryEntry.Resolved b) {
        return a.info().plugin().name().equals(b.info().plugin().name());
    }

    /** Whether {@code a} is a later version of the plugin than {@code b}, or the same one installed later. */
    private static boolean newer(FactoryEntry.Resolved a, FactoryEntry.Resolved b) {
        PluginRef pa = a.info().plugin();
        PluginRef pb = b.info().plugin();
        int byVersion = org.osgi.framework.Version.parseVersion(pa.version())
                .compareTo(org.osgi.framework.Version.parseVersion(pb.version()));
        return byVersion != 0 ? byVersion > 0 : pa.bundleId() > pb.bundleId();
    }

    @Override
    public List<PipelineInfo> pipelines() {
        return snapshot().byId().values().stream().map(FactoryEntry.Resolved::info)
                .sorted(Comparator.comparing(PipelineInfo::id)).toList();
    }

    @Override
    public Optional<PipelineInfo> find(String id) {
        return Optional.ofNullable(snapshot().byId().get(id)).map(FactoryEntry.Resolved::info);
    }

    @Override
    public Object parseValue(String pipelineId, String key, String text) {
        FactoryEntry.Resolved resolved = resolved(pipelineId).orElseThrow(() -> new UnknownPipelineException(
                pipelineId, pipelines().stream().map(PipelineInfo::id).toList()));
        if (resolved.model() == null) {
            throw new ChainException("pipeline '" + pipelineId + "' cannot be used: its schema is invalid: "
                    + resolved.info().schemaError());
        }
        return resolved.model().parseValue(key, text);
    }

    /** The resolved entry behind an id, for loading. */
    Optional<FactoryEntry.Resolved> resolved(String id) {
        return Optional.ofNullable(snapshot().byId().get(id));
    }

    @Override
    public List<FailedPlugin> failedPlugins() {
        Snapshot snapshot = snapshot();
        List<FailedPlugin> failed = new ArrayList<>(snapshot.duplicates());
        Set<Long> reported = new HashSet<>();
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        for (Bundle bundle : context.getBundles()) {
            if (!PluginBundles.isPluginBundle(bundle)) {
                continue;
            }
            if (bundle.getState() == Bundle.INSTALLED) {
                PluginBundles.unresolvedReason(bundle, wiring).ifPresent(reason -> {
                    failed.add(PluginBundles.failed(bundle, "UnresolvedRequirement", reason));
                    reported.add(bundle.getBundleId());
                });
                continue;
            }
            activationFailure(bundle).ifPresent(f -> {
                failed.add(f);
                reported.add(bundle.getBundleId());
            });
        }
        for (FactoryEntry entry : snapshot.activationFailures()) {
            Bundle b = entry.bundle();
            if (b != null && reported.add(b.getBundleId())) {
                failed.add(PluginBundles.failed(b, "ActivationFailed",
                        "the PipelineFactory service of " + b.getSymbolicName() + " could not be obtained"));
            }
        }
        failed.sort(Comparator.comparing(FailedPlugin::name));
        return List.copyOf(failed);
    }

    /** The first component of the bundle that SCR reports as failed to activate. */
    private Optional<FailedPlugin> activationFailure(Bundle bundle) {
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs(bundle)) {
            for (ComponentConfigurationDTO config : scr.getComponentConfigurationDTOs(description)) {
                if (config.state == ComponentConfigurationDTO.FAILED_ACTIVATION) {
                    FailureText why = config.failure == null
                            ? new FailureText("ActivationFailed", "component " + description.name + " failed to activate")
                            : FailureText.ofStackTrace(config.failure);
                    return Optional.of(PluginBundles.failed(bundle, why.type(), why.message()));
                }
            }
        }
        return Optional.empty();
    }

    @Override
    public Map<String, Object> schemas() {
        Map<String, Object> pipelines = new LinkedHashMap<>();
        for (PipelineInfo info : pipelines()) {
            pipelines.put(info.id(), info.schema());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("pipelines", pipelines);
        return body;
    }

    @Override
    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    private void fireChanged() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "registry listener failed", e);
            }
        }
    }

    // ---- engine

    /** The GPU service, when a device exists: stages that support it may run there. */
    private volatile Gpu gpu;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, unbind = "unsetGpu")
    void setGpu(Gpu device) {
        synchronized (this) {
            gpu = device;
        }
        fireChanged(); // the VRAM warnings depend on the device
    }

    void unsetGpu(Gpu device) {
        synchronized (this) {
            if (gpu == device) {
                gpu = null;
            }
        }
        fireChanged();
    }

    private Stage.Services services(java.util.function.LongSupplier clock) {
        return new Stage.Services(this, () -> gpu, clock);
    }

    @Override
    public Chain open(ChainSpec spec) {
        return ChainImpl.open(spec, this, new ChainImpl.Settings(services(System::nanoTime), 30, defaultBackend,
                defaultDeadlineMillis));
    }

    @Override
    public Session start(SessionSpec spec) {
        double rate = spec.source() != null ? spec.source().frameRate() : spec.textFrameRate();
        ChainImpl.Settings settings = new ChainImpl.Settings(services(spec.clock()::nanoTime), rate, defaultBackend,
                defaultDeadlineMillis);
        ChainImpl chain = ChainImpl.open(spec.chain(), this, settings);
        try {
            if (chain.needsInput() && spec.source() == null) {
                throw new ChainException("pipeline '" + spec.chain().main().pipelineId()
                        + "' runs in video mode and needs an input");
            }
            if (!chain.needsInput() && spec.source() != null) {
                throw new ChainException("pipeline '" + spec.chain().main().pipelineId()
                        + "' runs in text mode and takes no input");
            }
        } catch (ChainException e) {
            chain.close();
            throw e;
        }
        SessionImpl session = new SessionImpl(this, chain, spec, settings);
        session.start();
        return session;
    }

    @Override
    public FrameAllocator frames() {
        return this;
    }

    @Override
    public PluginSwap swapPlugin(long fromBundleId, long toBundleId) {
        Map<ConfigModel, FactoryEntry.Resolved> old = new IdentityHashMap<>();
        Map<String, FactoryEntry.Resolved> next = new LinkedHashMap<>();
        String name = null;
        String fromVersion = null;
        String toVersion = null;
        for (FactoryEntry entry : entries.values()) {
            Bundle b = entry.bundle();
            if (b == null) {
                continue;
            }
            if (b.getBundleId() == fromBundleId) {
                FactoryEntry.Resolved r = entry.resolvedOrNull();
                if (r != null && r.model() != null) {
                    old.put(r.model(), r);
                }
                name = b.getSymbolicName();
                fromVersion = b.getVersion().toString();
            } else if (b.getBundleId() == toBundleId) {
                FactoryEntry.Resolved r = entry.resolve();
                toVersion = b.getVersion().toString();
                if (r == null) {
                    continue;
                }
                if (r.activationFailed()) {
                    throw new PipelineLoadException(b.getSymbolicName() + " " + toVersion + ": its PipelineFactory"
                            + " service failed to activate", null);
                }
                next.put(r.info().id(), r);
            }
        }
        List<Stage> running = new ArrayList<>();
        synchronized (stages) {
            for (Stage s : stages) {
                if (old.containsKey(s.model())) {
                    running.add(s);
                }
            }
        }
        List<Stage.Upgrade> built = new ArrayList<>();
        List<Stage> swapped = new ArrayList<>();
        List<String> resets = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        try {
            for (Stage s : running) {
                String label = s.pipelineId() + " #" + (s.index() + 1);
                FactoryEntry.Resolved to = next.get(s.pipelineId());
                if (to == null) {
                    dropped.add(label + ": version " + toVersion + " no longer provides pipeline '" + s.pipelineId()
                            + "'; the stage passes its frames through");
                    continue;
                }
                if (to.model() == null) {
                    throw new PipelineLoadException("pipeline '" + s.pipelineId() + "' of " + name + " " + toVersion
                            + " cannot be used: its schema is invalid: " + to.info().schemaError(), null);
                }
                ValueMigration migration = ValueMigration.of(s.model(), to.model(), s.currentValues(), label);
                Stage.Loader loader = ChainImpl.loader(to);
                Pipeline<?> instance = loader.create(migration.values());
                PluginRef plugin = to.info().plugin();
                built.add(new Stage.Upgrade(to.model(), loader, instance, migration.values(), plugin.name() + " "
                        + plugin.version(), plugin.name(), to.backends().contains(Backend.OPENCL),
                        new CompletableFuture<>()));
                swapped.add(s);
                resets.addAll(migration.resets());
            }
        } catch (PipelineLoadException e) {
            built.forEach(u -> new Stage.Closer(u.pipeline()).close());
            throw new PipelineLoadException(e.getMessage() + "; " + keepsRunning(fromVersion), e);
        } catch (RuntimeException e) {
            built.forEach(u -> new Stage.Closer(u.pipeline()).close());
            throw new PipelineLoadException("the parameters of " + name + " " + toVersion + " could not be built: "
                    + FailureText.of(e).plain() + "; " + keepsRunning(fromVersion), e);
        }
        for (int i = 0; i < swapped.size(); i++) {
            swapped.get(i).upgrade(built.get(i));
        }
        CompletableFuture<Void> applied = CompletableFuture.allOf(built.stream().map(Stage.Upgrade::applied)
                .toArray(CompletableFuture[]::new));
        fireChanged();
        return new PluginSwap(name, fromVersion, toVersion, swapped.size(), resets, dropped, applied);
    }

    private static String keepsRunning(String version) {
        return "version " + version + " keeps running";
    }

    @Override
    public Optional<DeviceInfo> device() {
        Gpu g = gpu;
        if (g == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DeviceInfo(g.deviceName(), g.path(), g.memoryBytes()));
        } catch (RuntimeException e) { // the service closed meanwhile
            LOG.log(Level.DEBUG, "the GPU service did not answer", e);
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> vramWarning(PipelineInfo pipeline) {
        java.util.OptionalDouble estimate = pipeline.estimatedVramGb();
        Optional<DeviceInfo> device = device();
        if (estimate.isEmpty() || device.isEmpty()
                || estimate.getAsDouble() * DeviceInfo.BYTES_PER_GB <= device.get().memoryBytes()) {
            return Optional.empty();
        }
        return Optional.of("pipeline '" + pipeline.id() + "' estimates " + gigabytes(estimate.getAsDouble())
                + " GB of GPU memory (estimated_vram_gb), more than the "
                + String.format(java.util.Locale.ROOT, "%.1f", device.get().memoryGb()) + " GB of the OpenCL device in"
                + " use (" + device.get().name() + ")");
    }

    /** An estimate as the plugin wrote it: {@code 24}, {@code 2.5}. */
    private static String gigabytes(double gb) {
        return gb == Math.rint(gb) && Math.abs(gb) < 1e15 ? Long.toString((long) gb)
                : java.math.BigDecimal.valueOf(gb).stripTrailingZeros().toPlainString();
    }

    @Override
    public Frame allocate(int width, int height) {
        return pool.allocate(width, height);
    }

    @Override
    public Frame allocateUninitialized(int width, int height) {
        return pool.allocateUninitialized(width, height);
    }

    @Override
    public Frame copyOf(Frame source) {
        return pool.copyOf(source);
    }

    PoolStats poolStats() {
        return pool.stats();
    }

    @Override
    public EngineStats stats() {
        PoolStats p = pool.stats();
        return new EngineStats(p.framesInUse(), p.bytesInUse(), p.pooledBytes(), abandonedCalls.get(),
                possiblyLeaking.stream().sorted().toList());
    }

    /** A stage's call was given up on: counted, and its plugin may leak its class loader. */
    void recordAbandoned(Stage stage) {
        abandonedCalls.incrementAndGet();
        possiblyLeaking.add(stage.plugin());
    }

    /**
     * @param frame a device frame
     * @return a host copy (a new handle the caller owns), or the frame itself when no device is there
     *         any more (readers then download it themselves)
     */
    Frame toHost(Frame frame) {
        Gpu g = gpu;
        if (g == null || frame.residency() != Frame.Residency.DEVICE) {
            return frame;
        }
        try {
            return g.download(frame, pool);
        } catch (RuntimeException e) {
            return frame;
        }
    }
}
