package dev.scope.plugins.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import dev.scope.engine.api.PluginException;

import org.osgi.framework.Version;
import org.osgi.framework.namespace.IdentityNamespace;
import org.osgi.resource.Capability;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;

/**
 * An OSGi repository index (the R5 XML format, {@code <repository><resource><capability>...},
 * plain or gzipped) read into resources the framework's resolver can take. Written for what
 * bnd's indexer and {@code bnd-indexer-maven-plugin} write; referrals are not followed.
 *
 * <p>Read with the JDK's StAX parser, with DTDs and external entities off. bndlib's
 * {@code XMLResourceParser} does the same, but would add a 4 MB library (and its own copies of the
 * OSGi resource API) to the product for one parse.
 *
 * @param uri where the index was read from; content URLs are relative to it
 * @param resources its resources, in the index's order
 */
record RepositoryIndex(URI uri, List<IndexResource> resources) {

    /** The {@code osgi.content} namespace: a resource's bytes, their SHA-256 and URL. */
    static final String CONTENT = "osgi.content";

    /** A resource of an index: a bundle the resolver may choose, downloaded only when it does. */
    static final class IndexResource implements Resource {
        private final URI index;
        private final int rank;
        private final List<Capability> capabilities = new ArrayList<>();
        private final List<Requirement> requirements = new ArrayList<>();

        IndexResource(URI index, int rank) {
            this.index = index;
            this.rank = rank;
        }

        /** @return the position of its index among the configured ones, from 1 (0 is the framework) */
        int rank() {
            return rank;
        }

        @Override
        public List<Capability> getCapabilities(String namespace) {
            return namespace == null ? Collections.unmodifiableList(capabilities)
                    : capabilities.stream().filter(c -> c.getNamespace().equals(namespace)).toList();
        }

        @Override
        public List<Requirement> getRequirements(String namespace) {
            return namespace == null ? Collections.unmodifiableList(requirements)
                    : requirements.stream().filter(r -> r.getNamespace().equals(namespace)).toList();
        }

        /** @return its symbolic name, or {@code null} when the index gives it no identity */
        String name() {
            return identity(IdentityNamespace.IDENTITY_NAMESPACE) instanceof String s ? s : null;
        }

        /** @return its version, {@code 0.0.0} when the index gives none */
        Version version() {
            return identity(IdentityNamespace.CAPABILITY_VERSION_ATTRIBUTE) instanceof Version v ? v : Version.emptyVersion;
        }

        /** @return whether it is a fragment */
        boolean fragment() {
            return IdentityNamespace.TYPE_FRAGMENT.equals(identity(IdentityNamespace.CAPABILITY_TYPE_ATTRIBUTE));
        }

        private Object identity(String attribute) {
            List<Capability> ids = getCapabilities(IdentityNamespace.IDENTITY_NAMESPACE);
            return ids.isEmpty() ? null : ids.get(0).getAttributes().get(attribute);
        }

        /** @return where its JAR is, resolved against the index's URL, or {@code null} */
        URI content() {
            for (Capability c : getCapabilities(CONTENT)) {
                Object url = c.getAttributes().get("url");
                Object mime = c.getAttributes().get("mime");
                if (url instanceof String s && (mime == null || "application/vnd.osgi.bundle".equals(mime))) {
                    return index.resolve(s);
                }
            }
            return null;
        }

        /** @return the SHA-256 the index gives for its JAR, lowercase hex, or {@code null} */
        String sha256() {
            for (Capability c : getCapabilities(CONTENT)) {
                if (c.getAttributes().get(CONTENT) instanceof String s) {
                    return s.toLowerCase(java.util.Locale.ROOT);
                }
            }
            return null;
        }

        /** @return the index it came from */
        URI index() {
            return index;
        }

        @Override
        public String toString() {
            return name() + " " + version();
        }
    }

    /** What a capability and a requirement of an index resource both are. */
    private abstract static class Declared {
        private final String namespace;
        private final Map<String, String> directives;
        private final Map<String, Object> attributes;
        private final Resource resource;

        Declared(String namespace, Map<String, String> directives, Map<String, Object> attributes, Resource resource) {
            this.namespace = namespace;
            this.directives = Collections.unmodifiableMap(directives);
            this.attributes = Collections.unmodifiableMap(attributes);
            this.resource = resource;
        }

        public String getNamespace() {
            return namespace;
        }

        public Map<String, String> getDirectives() {
            return directives;
        }

        public Map<String, Object> getAttributes() {
            return attributes;
        }

        public Resource getResource() {
            return resource;
        }

        @Override
        public String toString() {
            return namespace + attributes + directives;
        }
    }

    private static final class IndexCapability extends Declared implements Capability {
        IndexCapability(String namespace, Map<String, String> directives, Map<String, Object> attributes,
                Resource resource) {
            super(namespace, directives, attributes, resource);
        }
    }

    private static final class IndexRequirement extends Declared implements Requirement {
        IndexRequirement(String namespace, Map<String, String> directives, Map<String, Object> attributes,
                Resource resource) {
            super(namespace, directives, attributes, resource);
        }
    }

    /**
     * Reads an index from a downloaded file.
     *
     * @param uri where it came from (content URLs are relative to it)
     * @param file the downloaded index, XML or gzipped XML
     * @param rank its position among the configured indexes, from 1
     * @throws PluginException (invalid) naming the index and what is wrong in it
     */
    static RepositoryIndex read(URI uri, Path file, int rank) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream in = gzip ? new GZIPInputStream(raw) : raw) {
                return new RepositoryIndex(uri, parse(uri, in, rank));
            }
        } catch (IOException e) {
            throw new PluginException(PluginException.Kind.INVALID, "cannot read it: " + Transport.plain(e));
        } catch (XMLStreamException | IllegalArgumentException e) {
            throw new PluginException(PluginException.Kind.INVALID, "it is not an OSGi repository index: "
                    + Transport.words(e.getMessage()) + " (expected the OSGi repository XML format, plain or gzipped)");
        }
    }

    private static List<IndexResource> parse(URI uri, InputStream in, int rank) throws XMLStreamException {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader xml = factory.createXMLStreamReader(in);
        List<IndexResource> resources = new ArrayList<>();
        IndexResource resource = null;
        String namespace = null;
        boolean capability = false;
        Map<String, String> directives = null;
        Map<String, Object> attributes = null;
        boolean root = false;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                String tag = xml.getLocalName();
                switch (tag) {
                    case "repository" -> root = true;
                    case "resource" -> resource = new IndexResource(uri, rank);
                    case "capability", "requirement" -> {
                        if (resource == null) {
                            throw new IllegalArgumentException("a <" + tag + "> outside a <resource>");
                        }
                        namespace = required(xml, "namespace", tag);
                        capability = tag.equals("capability");
                        directives = new LinkedHashMap<>();
                        attributes = new LinkedHashMap<>();
                    }
                    case "directive" -> {
                        if (directives != null) {
                            directives.put(required(xml, "name", tag), required(xml, "value", tag));
                        }
                    }
                    case "attribute" -> {
                        if (attributes != null) {
                            String name = required(xml, "name", tag);
                            attributes.put(name, typed(xml.getAttributeValue(null, "type"),
                                    required(xml, "value", tag), name));
                        }
                    }
                    default -> {
                        // referral and unknown elements: not followed
                    }
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                String tag = xml.getLocalName();
                if ((tag.equals("capability") || tag.equals("requirement")) && resource != null) {
                    if (capability) {
                        resource.capabilities.add(new IndexCapability(namespace, directives, attributes, resource));
                    } else {
                        resource.requirements.add(new IndexRequirement(namespace, directives, attributes, resource));
                    }
                    directives = null;
                    attributes = null;
                } else if (tag.equals("resource") && resource != null) {
                    if (resource.name() != null && resource.content() != null && resource.sha256() != null) {
                        resources.add(resource); // a resource that cannot be installed is no candidate
                    }
                    resource = null;
                }
            }
        }
        if (!root) {
            throw new IllegalArgumentException("it has no <repository> element");
        }
        return List.copyOf(resources);
    }

    private static String required(XMLStreamReader xml, String attribute, String tag) {
        String value = xml.getAttributeValue(null, attribute);
        if (value == null) {
            throw new IllegalArgumentException("a <" + tag + "> without " + attribute + " (line "
                    + xml.getLocation().getLineNumber() + ")");
        }
        return value;
    }

    /** An attribute value of the index's types: String, Version, Long, Double, or a List of one. */
    private static Object typed(String type, String value, String name) {
        if (type == null || type.equals("String")) {
            return value;
        }
        if (type.startsWith("List<") && type.endsWith(">")) {
            String element = type.substring(5, type.length() - 1);
            List<Object> list = new ArrayList<>();
            for (String item : value.split("(?<!\\\\),")) {
                list.add(typed(element, item.strip().replace("\\,", ","), name));
            }
            return List.copyOf(list);
        }
        try {
            return switch (type) {
                case "Version" -> Version.parseVersion(value.strip());
                case "Long" -> Long.valueOf(value.strip());
                case "Double" -> Double.valueOf(value.strip());
                default -> throw new IllegalArgumentException("attribute " + name + " has the unknown type " + type);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("attribute " + name + " is not a " + type + ": '" + value + "'");
        }
    }

    /** @return whether a capability or requirement takes part in resolving (not {@code effective:=active}) */
    static boolean effective(Map<String, String> directives) {
        String effective = directives.get(Namespace.CAPABILITY_EFFECTIVE_DIRECTIVE);
        return effective == null || Namespace.EFFECTIVE_RESOLVE.equals(effective);
    }
}
