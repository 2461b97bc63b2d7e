package dev.scope.plugins.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.scope.engine.api.PluginException;
import dev.scope.plugins.internal.RepositoryIndex.IndexResource;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.namespace.PackageNamespace;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;
import org.osgi.resource.Wire;
import org.osgi.resource.Wiring;
import org.osgi.service.resolver.HostedCapability;
import org.osgi.service.resolver.ResolutionException;
import org.osgi.service.resolver.ResolveContext;
import org.osgi.service.resolver.Resolver;

/**
 * Finds what a plugin needs that the running framework lacks, with the framework's own
 * {@link Resolver} over the installed bundles first and then the configured OSGi repository
 * indexes, in their order. The platform's own bundles are pinned: an index resource with the
 * symbolic name of one of them, or exporting a package one of them exports, is never offered, so
 * a repository cannot bring a second copy of an API bundle or of a bundle that owns native code
 * (JOCL, FFmpeg). A requirement nobody provides is refused in one line that names it.
 */
final class Dependencies {

    private final BundleContext context;
    private final Resolver resolver;

    Dependencies(BundleContext context, Resolver resolver) {
        this.context = context;
        this.resolver = resolver;
    }

    /**
     * @param plugin the plugin's bundle, installed and not yet resolved
     * @param shown the plugin in words, e.g. {@code plugin my-plugin 1.0.0}
     * @param indexes the configured indexes, read only when the installed bundles are not enough
     * @param config where indexes are configured, for the message when there is none
     * @return the index resources to install with it, none when the installed bundles satisfy it
     *         (or when the framework refuses it for another reason, which starting it reports)
     * @throws PluginException (invalid) naming the requirement that nothing provides
     */
    List<IndexResource> resolve(Bundle plugin, String shown, Supplier<List<RepositoryIndex>> indexes, Path config) {
        FrameworkWiring frameworkWiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        if (frameworkWiring.resolveBundles(List.of(plugin))) {
            return List.of();
        }
        List<RepositoryIndex> loaded = indexes.get();
        Context resolveContext = new Context(plugin, loaded);
        try {
            Map<Resource, List<Wire>> result = resolver.resolve(resolveContext);
            return result.keySet().stream().filter(IndexResource.class::isInstance).map(IndexResource.class::cast)
                    .toList();
        } catch (ResolutionException e) {
            throw new PluginException(PluginException.Kind.INVALID, resolveContext.explain(e, shown, loaded.isEmpty(),
                    config), e);
        }
    }

    /**
     * @return the dependency bundles ({@link PluginRecord#DEPENDENCY_PREFIX}) a resolved bundle is
     *         wired to, directly or through other dependencies, in the order found
     */
    static List<Bundle> wired(Bundle bundle) {
        Set<Bundle> found = new LinkedHashSet<>();
        collect(bundle, found);
        return List.copyOf(found);
    }

    private static void collect(Bundle bundle, Set<Bundle> found) {
        BundleWiring wiring = bundle.adapt(BundleWiring.class);
        if (wiring == null) {
            return;
        }
        for (BundleWire wire : wiring.getRequiredWires(null)) {
            Bundle provider = wire.getProvider().getBundle();
            if (provider.getLocation().startsWith(PluginRecord.DEPENDENCY_PREFIX) && found.add(provider)) {
                collect(provider, found);
            }
        }
    }

    /** The resolve context: installed bundles (resolved, as wired) first, then the indexes' resources. */
    private final class Context extends ResolveContext {
        private final BundleRevision plugin;
        private final Map<Resource, Wiring> wirings = new HashMap<>();
        private final List<Capability> installed = new ArrayList<>();
        private final List<IndexResource> offered = new ArrayList<>();
        /** Index resources left out because they would replace a bundle of the workbench, and why. */
        private final Map<IndexResource, String> pinned = new HashMap<>();

        Context(Bundle pluginBundle, List<RepositoryIndex> indexes) {
            this.plugin = pluginBundle.adapt(BundleRevision.class);
            Set<String> platformNames = new HashSet<>();
            Set<String> platformPackages = new HashSet<>();
            Set<String> present = new HashSet<>();
            for (Bundle b : context.getBundles()) {
                BundleWiring wiring = b.adapt(BundleWiring.class);
                present.add(b.getSymbolicName() + "@" + b.getVersion());
                if (wiring == null || !wiring.isCurrent()) {
                    continue;
                }
                wirings.put(wiring.getRevision(), wiring);
                installed.addAll(wiring.getCapabilities(null));
                if (!b.getLocation().startsWith(PluginStore.LOCATION_PREFIX)
                        && !b.getLocation().startsWith(PluginRecord.DEPENDENCY_PREFIX)) {
                    platformNames.add(b.getSymbolicName());
                    for (Capability c : wiring.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                        platformPackages.add(String.valueOf(c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE)));
                    }
                }
            }
            installed.addAll(plugin.getCapabilities(null));
            for (RepositoryIndex index : indexes) {
                for (IndexResource r : index.resources()) {
                    if (r.name().equals(pluginBundle.getSymbolicName()) || present.contains(r.name() + "@" + r.version())) {
                        continue; // the plugin itself, or what is installed already (offered above)
                    }
                    Optional<String> pin = pinnedBy(r, platformNames, platformPackages);
                    if (pin.isPresent()) {
                        pinned.put(r, pin.get());
                    } else {
                        offered.add(r);
                    }
                }
            }
        }

        private static Optional<String> pinnedBy(IndexResource r, Set<String> names, Set<String> packages) {
            if (names.contains(r.name())) {
                return Optional.of("the workbench has its own " + r.name());
            }
            for (Capability c : r.getCapabilities(PackageNamespace.PACKAGE_NAMESPACE)) {
                Object pkg = c.getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE);
                if (packages.contains(String.valueOf(pkg))) {
                    return Optional.of("it exports " + pkg + ", a package of the workbench");
                }
            }
            return Optional.empty();
        }

        @Override
        public Collection<Resource> getMandatoryResources() {
            return List.of(plugin);
        }

        @Override
        public List<Capability> findProviders(Requirement requirement) {
            List<Capability> found = new ArrayList<>();
            for (Capability c : installed) {
                if (matches(requirement, c)) {
                    found.add(c);
                }
            }
            found.addAll(offeredFor(requirement, offered));
            return found;
        }

        @Override
        public int insertHostedCapability(List<Capability> capabilities, HostedCapability hosted) {
            int rank = rank(hosted.getResource());
            int at = 0;
            while (at < capabilities.size() && rank(capabilities.get(at).getResource()) <= rank) {
                at++;
            }
            capabilities.add(at, hosted);
            return at;
        }

        private static int rank(Resource r) {
            return r instanceof IndexResource i ? i.rank() : 0;
        }

        @Override
        public boolean isEffective(Requirement requirement) {
            return RepositoryIndex.effective(requirement.getDirectives());
        }

        @Override
        public Map<Resource, Wiring> getWirings() {
            return wirings;
        }

        /**
         * The refusal in one line: the first of the plugin's requirements that nothing provides
         * (or that only index resources provide which cannot resolve themselves, and why), and why
         * an index's offer of it was not taken. Worked out from the plugin's requirements in their
         * order, so the line does not depend on which requirement the resolver happened to report.
         */
        String explain(ResolutionException e, String shown, boolean noIndexes, Path config) {
            Optional<String> unmet = unmet(plugin, new HashSet<>(), noIndexes, config);
            if (unmet.isPresent()) {
                return shown + " " + unmet.get();
            }
            Requirement reported = e.getUnresolvedRequirements().stream().findFirst().orElse(null);
            return reported == null ? shown + " cannot resolve: " + Transport.words(e.getMessage())
                    : shown + " cannot resolve: " + describe(reported) + " conflicts with what the workbench"
                            + " provides (" + Transport.words(e.getMessage()) + ")";
        }

        /**
         * @return {@code needs WHAT which neither ...}, or {@code needs WHAT, which R provides, but
         *         R cannot be used: it needs ...}, for the first mandatory requirement of the
         *         resource that cannot be met; empty when each has a provider that can resolve
         */
        private Optional<String> unmet(Resource resource, Set<Resource> seen, boolean noIndexes, Path config) {
            if (!seen.add(resource)) {
                return Optional.empty();
            }
            for (Requirement r : resource.getRequirements(null)) {
                if (!isEffective(r) || Namespace.RESOLUTION_OPTIONAL.equals(r.getDirectives()
                        .get(Namespace.REQUIREMENT_RESOLUTION_DIRECTIVE))) {
                    continue;
                }
                List<Capability> providers = findProviders(r);
                if (providers.isEmpty()) {
                    return Optional.of(missing("needs " + describe(r), r, noIndexes, config));
                }
                if (providers.stream().allMatch(p -> p.getResource() instanceof IndexResource)) {
                    IndexResource by = (IndexResource) providers.get(0).getResource();
                    Optional<String> why = unmet(by, seen, noIndexes, config);
                    if (why.isPresent()) {
                        return Optional.of("needs " + describe(r) + ", which " + by + " from " + by.index()
                                + " provides, but " + by + " cannot be used: it " + why.get());
                    }
                }
            }
            return Optional.empty();
        }

        /** @return that nothing provides a requirement, and why an index's copy of it was not taken */
        private String missing(String needs, Requirement r, boolean noIndexes, Path config) {
            String line = noIndexes ? needs + ", which the workbench does not provide, and no OSGi repository index is"
                    + " configured to look in (\"indexes\" in " + config + ")"
                    : needs + " which neither the workbench nor the configured repositories provide";
            for (Map.Entry<IndexResource, String> pin : pinned.entrySet()) {
                if (!offeredFor(r, List.of(pin.getKey())).isEmpty()) {
                    return line + "; " + pin.getKey() + " from " + pin.getKey().index() + " is not used: "
                            + pin.getValue() + ", which a repository cannot replace";
                }
            }
            return line;
        }

        /** A requirement in words; the plugin's own package imports with the range as its manifest writes it. */
        private String describe(Requirement r) {
            String written = null;
            if (r.getResource() == plugin && PackageNamespace.PACKAGE_NAMESPACE.equals(r.getNamespace())) {
                String pkg = value(r, PackageNamespace.PACKAGE_NAMESPACE);
                written = BundleJar.importedVersion(plugin.getBundle().getHeaders("").get(Constants.IMPORT_PACKAGE),
                        pkg);
            }
            return Requirements.describe(r, written);
        }
    }

    private static List<Capability> offeredFor(Requirement requirement, List<IndexResource> resources) {
        List<Capability> found = new ArrayList<>();
        for (IndexResource r : resources) {
            for (Capability c : r.getCapabilities(requirement.getNamespace())) {
                if (matches(requirement, c)) {
                    found.add(c);
                }
            }
        }
        return found;
    }

    static boolean matches(Requirement requirement, Capability capability) {
        if (!requirement.getNamespace().equals(capability.getNamespace())
                || !RepositoryIndex.effective(capability.getDirectives())) {
            return false;
        }
        String filter = requirement.getDirectives().get(Namespace.REQUIREMENT_FILTER_DIRECTIVE);
        if (filter == null) {
            return true;
        }
        try {
            return FrameworkUtil.createFilter(filter).matches(capability.getAttributes());
        } catch (InvalidSyntaxException e) {
            return false;
        }
    }

    private static final Pattern ATTRIBUTE = Pattern.compile("\\(([\\w.\\-]+)=([^)(]*)\\)");

    /** @return the value a requirement's filter asks of an attribute, {@code (name=value)}, or "?" */
    static String value(Requirement r, String attribute) {
        String filter = r.getDirectives().getOrDefault(Namespace.REQUIREMENT_FILTER_DIRECTIVE, "");
        Matcher m = ATTRIBUTE.matcher(filter);
        while (m.find()) {
            if (m.group(1).equals(attribute)) {
                return m.group(2);
            }
        }
        return "?";
    }
}
