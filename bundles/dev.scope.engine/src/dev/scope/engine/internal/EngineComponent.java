package dev.scope.engine.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.scope.engine.api.Chain;
import dev.scope.engine.api.ChainException;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.Engine;
import dev.scope.engine.api.FailedPlugin;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.Session;
import dev.scope.engine.api.SessionSpec;
import dev.scope.engine.api.UnknownPipelineException;
import dev.scope.gpu.api.Gpu;
import dev.scope.pipeline.api.PipelineFactory;

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
@Component(service = {PipelineRegistry.class, Engine.class}, immediate = true)
public final class EngineComponent implements PipelineRegistry, Engine {

    private static final System.Logger LOG = System.getLogger(EngineComponent.class.getName());

    private final BundleContext context;
    private final ServiceComponentRuntime scr;
    private final Map<ServiceReference<?>, FactoryEntry> entries = new ConcurrentHashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final BundleListener bundleListener = this::bundleChanged;

    @Activate
    public EngineComponent(BundleContext context, @Reference ServiceComponentRuntime scr) {
        this.context = context;
        this.scr = scr;
        context.addBundleListener(bundleListener);
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
            entry.release();
        }
        fireChanged();
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
            if (earlier != null) {
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

    /**
     * The GPU service, when one is registered: it names the path device stages run on, and the
     * stages' times wait for its queue.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Gpu gpu;

    private final Device device = new Device() {
        @Override
        public String path() {
            Gpu g = gpu;
            return g == null ? NONE.path() : g.path();
        }

        @Override
        public void finish() {
            Gpu g = gpu;
            if (g != null && g.available()) {
                g.finish();
            }
        }
    };

    Device device() {
        return device;
    }

    @Override
    public Chain open(ChainSpec spec) {
        return ChainImpl.open(spec, this);
    }

    @Override
    public Session start(SessionSpec spec) {
        ChainImpl chain = (ChainImpl) open(spec.chain());
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
        SessionImpl session = new SessionImpl(chain, spec);
        session.start();
        return session;
    }
}
