package dev.scope.engine.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PluginRef;
import dev.scope.pipeline.api.Backend;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.pipeline.api.PipelineFactory;
import dev.scope.schema.ConfigModel;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * One registered {@code PipelineFactory} service. The service object and its config model are
 * fetched on first use (that is when SCR activates a delayed component); an activation failure
 * or a config class that yields no schema is remembered, not thrown.
 */
final class FactoryEntry {

    /** The resolved state: exactly one of {@code model}, {@code schemaError}, {@code activationFailed}. */
    record Resolved(PipelineFactory<?> factory, ConfigModel model, PipelineInfo info, boolean activationFailed,
            Set<Backend> backends) {
    }

    private final BundleContext context;
    private final ServiceReference<PipelineFactory<?>> reference;
    private Resolved resolved;
    private boolean gotService;

    FactoryEntry(BundleContext context, ServiceReference<PipelineFactory<?>> reference) {
        this.context = context;
        this.reference = reference;
    }

    ServiceReference<PipelineFactory<?>> reference() {
        return reference;
    }

    Bundle bundle() {
        return reference.getBundle();
    }

    /** @return what {@link #resolve} found, if it was called; never resolves */
    synchronized Resolved resolvedOrNull() {
        return resolved;
    }

    synchronized Resolved resolve() {
        if (resolved != null) {
            return resolved;
        }
        Bundle bundle = reference.getBundle();
        if (bundle == null) {
            return null; // unregistered meanwhile
        }
        PluginRef plugin = PluginBundles.ref(bundle);
        PipelineFactory<?> factory;
        try {
            factory = context.getService(reference);
        } catch (RuntimeException | LinkageError e) {
            factory = null;
        }
        if (factory == null) {
            resolved = new Resolved(null, null, null, true, Set.of(Backend.JAVA));
            return resolved;
        }
        gotService = true;
        Class<?> configClass = null;
        try {
            configClass = factory.configClass();
            ConfigModel model = ConfigModel.of(configClass.asSubclass(dev.scope.pipeline.api.BasePipelineConfig.class));
            Map<String, Object> schema = model.schemaEntry(plugin.bundled() ? null : plugin.name());
            resolved = new Resolved(factory, model, new PipelineInfo(model.id(), model.name(), model.usage(),
                    model.supportedModes(), model.defaultMode(), plugin, schema, null), false, backends(factory));
        } catch (RuntimeException | LinkageError e) {
            FailureText why = FailureText.of(e);
            resolved = new Resolved(factory, null, degraded(plugin, configClass, factory, why.plain()), false,
                    Set.of(Backend.JAVA));
        }
        return resolved;
    }

    /** Where the factory's pipelines can run; Java when it says nothing usable. */
    private static Set<Backend> backends(PipelineFactory<?> factory) {
        try {
            Set<Backend> declared = factory.backends();
            return declared == null || declared.isEmpty() ? Set.of(Backend.JAVA) : Set.copyOf(declared);
        } catch (RuntimeException | LinkageError e) {
            return Set.of(Backend.JAVA);
        }
    }

    /** A degraded listing: what could be read, plus {@code schema_error}. */
    private static PipelineInfo degraded(PluginRef plugin, Class<?> configClass, PipelineFactory<?> factory,
            String error) {
        PipelineConfig meta = configClass == null ? null : configClass.getAnnotation(PipelineConfig.class);
        String id = meta != null && !meta.id().isBlank() ? meta.id()
                : plugin.name() + "/" + factory.getClass().getName();
        String name = meta != null && !meta.name().isBlank() ? meta.name() : id;
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("id", id);
        schema.put("name", name);
        schema.put("schema_error", error);
        schema.put("plugin_name", plugin.bundled() ? null : plugin.name());
        return new PipelineInfo(id, name, java.util.List.of(), java.util.List.of(), null, plugin, schema, error);
    }

    synchronized void release() {
        if (gotService) {
            try {
                context.ungetService(reference);
            } catch (IllegalStateException alreadyGone) {
                // the framework or the bundle is stopping; nothing to release
            }
            gotService = false;
        }
        resolved = null;
    }
}
