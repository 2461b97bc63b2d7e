package dev.scope.plugins.internal;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import dev.scope.engine.api.PluginException;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * JARs by Maven coordinate from the configured Maven repositories (Maven Central by default),
 * tried in order, each checked against the checksum its repository publishes beside it: the
 * strongest of {@code .sha512}, {@code .sha256} and {@code .sha1}. A JAR whose repository
 * publishes none, or whose checksum differs, is refused.
 */
final class MavenRepositories {

    /** The checksum files looked for, strongest first: extension and algorithm. */
    private static final String[][] CHECKSUMS = {{"sha512", "SHA-512"}, {"sha256", "SHA-256"}, {"sha1", "SHA-1"}};

    private final List<URI> repositories;
    private final Transport transport;

    /** A JAR fetched and checked. */
    record Fetched(Coordinate coordinate, URI repository, String checkedWith, Transport.Download jar)
            implements AutoCloseable {
        @Override
        public void close() {
            jar.close();
        }
    }

    MavenRepositories(List<URI> repositories, Transport transport) {
        this.repositories = repositories;
        this.transport = transport;
    }

    /**
     * @param coordinate with a version, or without for the newest release
     * @return the JAR, its checksum checked
     * @throws PluginException (invalid) when no repository has it, its checksum is missing or
     *         differs; (failed) when a transfer failed
     */
    Fetched fetch(Coordinate coordinate) {
        Coordinate wanted = coordinate.version() != null ? coordinate : coordinate.withVersion(latest(coordinate)
                .orElseThrow(() -> new PluginException(PluginException.Kind.INVALID, "no release of " + coordinate
                        + " in " + where() + " (no maven-metadata.xml lists one); check the coordinate")));
        for (URI repository : repositories) {
            URI jarUri = URI.create(repository + wanted.jarPath()); // not resolve(), which drops file://'s empty host
            Optional<Transport.Download> jar = transport.downloadIfPresent(jarUri);
            if (jar.isEmpty()) {
                continue;
            }
            try {
                return new Fetched(wanted, repository, verify(wanted, jarUri, jar.get()), jar.get());
            } catch (RuntimeException e) {
                jar.get().close();
                throw e;
            }
        }
        throw new PluginException(PluginException.Kind.INVALID, wanted + " is not in " + where()
                + " (no " + wanted.artifact() + "-" + wanted.version() + ".jar); check the coordinate");
    }

    /** @return the algorithm the JAR was checked with, e.g. {@code SHA-512} */
    private String verify(Coordinate c, URI jarUri, Transport.Download jar) {
        for (String[] checksum : CHECKSUMS) {
            URI sumUri = URI.create(jarUri + "." + checksum[0]);
            Optional<String> published = transport.text(sumUri);
            if (published.isEmpty()) {
                continue;
            }
            String expected = published.get().strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            String actual;
            try {
                actual = checksum[1].equals("SHA-256") ? jar.sha256() : Transport.digest(jar.file(), checksum[1]);
            } catch (IOException e) {
                throw new PluginException(PluginException.Kind.FAILED, "cannot read the download of " + c + ": "
                        + PluginStore.plain(e), e);
            }
            if (!expected.matches("[0-9a-f]+") || expected.length() != actual.length()) {
                throw new PluginException(PluginException.Kind.INVALID, c + ": " + sumUri + " is not a "
                        + checksum[1] + " checksum ('" + abbreviate(published.get().strip()) + "'); refused");
            }
            if (!expected.equals(actual)) {
                throw new PluginException(PluginException.Kind.INVALID, c + " from " + jarUri + " does not match"
                        + " its checksum: " + checksum[1] + " " + actual + ", but " + sumUri.getPath()
                        .substring(sumUri.getPath().lastIndexOf('/') + 1) + " says " + expected
                        + "; refused (the download is damaged or was tampered with)");
            }
            return checksum[1];
        }
        throw new PluginException(PluginException.Kind.INVALID, c + " at " + jarUri + " has no published checksum"
                + " (.sha512, .sha256 or .sha1 beside it); refused, since it cannot be checked");
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /**
     * @return the newest release any repository's {@code maven-metadata.xml} lists (a
     *         {@code -local} one too, as a {@code ~/.m2}-style folder has), or empty when none
     *         lists one
     * @throws PluginException (failed) when a transfer failed; (invalid) for metadata that is not
     *         XML
     */
    Optional<String> latest(Coordinate coordinate) {
        String newest = null;
        for (URI repository : repositories) {
            for (String name : List.of("maven-metadata.xml", "maven-metadata-local.xml")) {
                URI uri = URI.create(repository + coordinate.folder() + name);
                Optional<String> xml = transport.text(uri);
                if (xml.isPresent()) {
                    for (String v : versions(uri, xml.get())) {
                        if (Coordinate.release(v) && (newest == null || Coordinate.compareVersions(v, newest) > 0)) {
                            newest = v;
                        }
                    }
                    break;
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    /** @return the versions a maven-metadata.xml lists, and its release */
    static List<String> versions(URI uri, String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            Document doc = builder.parse(new InputSource(new StringReader(xml)));
            List<String> versions = new ArrayList<>();
            for (String tag : List.of("version", "release")) {
                NodeList nodes = doc.getElementsByTagName(tag);
                for (int i = 0; i < nodes.getLength(); i++) {
                    String v = nodes.item(i).getTextContent().strip();
                    // <version> directly under <metadata> is the artifact's, not a listed one
                    if (!v.isEmpty() && !"metadata".equals(nodes.item(i).getParentNode().getNodeName())) {
                        versions.add(v);
                    }
                }
            }
            return versions;
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new PluginException(PluginException.Kind.INVALID, uri + " is not readable Maven metadata: "
                    + Transport.words(e.getMessage()));
        }
    }

    private String where() {
        return repositories.size() == 1 ? "the Maven repository " + repositories.get(0)
                : "the Maven repositories " + String.join(", ", repositories.stream().map(URI::toString).toList());
    }
}
