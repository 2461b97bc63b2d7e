package dev.scope.engine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.scope.engine.api.FailedPlugin;
import dev.scope.engine.api.PluginRef;
import dev.scope.pipeline.api.PipelineFactory;

import org.osgi.framework.Bundle;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;

/** What the engine needs to know about bundles that provide pipelines. */
final class PluginBundles {

    private static final String FACTORY = PipelineFactory.class.getName();
    private static final Pattern PACKAGE = Pattern.compile("osgi\\.wiring\\.package=([^)]+)");

    private PluginBundles() {
    }

    /**
     * A plugin bundle declares a {@code PipelineFactory} service capability (bnd writes it for
     * every DS component that provides one) or the header {@code Scope-Plugin}.
     */
    static boolean isPluginBundle(Bundle bundle) {
        String caps = bundle.getHeaders("").get("Provide-Capability");
        return caps != null && caps.contains(FACTORY) || bundle.getHeaders("").get("Scope-Plugin") != null;
    }

    static PluginRef ref(Bundle bundle) {
        return new PluginRef(bundle.getSymbolicName(), bundle.getVersion().toString(), bundle.getLocation(),
                bundle.getBundleId(), "true".equalsIgnoreCase(bundle.getHeaders("").get(PluginRef.BUNDLED_HEADER)));
    }

    static FailedPlugin failed(Bundle bundle, String type, String message) {
        return new FailedPlugin(String.valueOf(bundle.getSymbolicName()), bundle.getVersion().toString(),
                bundle.getLocation(), type, message);
    }

    /**
     * Why an installed bundle does not resolve: the first mandatory requirement that no bundle
     * in the framework can satisfy.
     */
    static Optional<String> unresolvedReason(Bundle bundle, FrameworkWiring wiring) {
        BundleRevision revision = bundle.adapt(BundleRevision.class);
        if (revision == null) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        for (Requirement req : revision.getRequirements(null)) {
            if (Namespace.RESOLUTION_OPTIONAL.equals(req.getDirectives().get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))) {
                continue;
            }
            if (wiring.findProviders(req).isEmpty()) {
                missing.add(describe(req));
            }
        }
        if (missing.isEmpty()) {
            return Optional.of("the bundle does not resolve (a dependency of it does not resolve)");
        }
        return Optional.of("missing " + String.join("; ", missing));
    }

    private static String describe(Requirement req) {
        String filter = req.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, "");
        if (PackageNamespace.PACKAGE_NAMESPACE.equals(req.getNamespace())) {
            Matcher m = PACKAGE.matcher(filter);
            String name = m.find() ? m.group(1) : filter;
            return "Import-Package " + name + " " + filter;
        }
        return req.getNamespace() + " " + filter;
    }
}
