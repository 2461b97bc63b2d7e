package dev.scope.plugins.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.GZIPOutputStream;

/**
 * What the tests install, made by the tests: bundle JARs (a manifest, no classes), Maven
 * repository folders (JAR, checksums, maven-metadata.xml) and OSGi repository indexes.
 */
final class TestJars {

    private TestJars() {
    }

    /**
     * @param dir where the JAR goes, named {@code NAME-VERSION.jar}
     * @param headers more manifest headers (Import-Package, Export-Package, ...); a null value is left out
     */
    static Path bundle(Path dir, String name, String version, Map<String, String> headers) throws IOException {
        return bundle(dir, name, version, headers, List.of());
    }

    /** As {@link #bundle(Path, String, String, Map)}, with these classes of the test bundle copied in. */
    static Path bundle(Path dir, String name, String version, Map<String, String> headers, List<Class<?>> classes)
            throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", name);
        a.putValue("Bundle-Version", version);
        headers.forEach((k, v) -> {
            if (v != null) {
                a.putValue(k, v);
            }
        });
        Files.createDirectories(dir);
        Path jar = dir.resolve(name + "-" + version + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            for (Class<?> c : classes) {
                String path = c.getName().replace('.', '/') + ".class";
                j.putNextEntry(new java.util.jar.JarEntry(path));
                try (java.io.InputStream in = c.getClassLoader().getResourceAsStream(path)) {
                    in.transferTo(j);
                }
            }
        }
        return jar;
    }

    /** A bundle JAR with an entry of {@code padding} bytes that do not compress (the same ones every time). */
    static Path padded(Path dir, String name, String version, int padding) throws IOException {
        Path jar = bundle(dir, name, version, Map.of());
        Manifest m;
        try (java.util.jar.JarFile f = new java.util.jar.JarFile(jar.toFile())) {
            m = f.getManifest();
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            j.putNextEntry(new JarEntry("padding.bin"));
            byte[] noise = new byte[padding];
            new java.util.Random(padding).nextBytes(noise);
            j.write(noise);
            j.closeEntry();
        }
        return jar;
    }

    static String hex(Path file, String algorithm) throws IOException {
        return Transport.digest(file, algorithm);
    }

    /**
     * Publishes a JAR into a Maven repository folder as a deploy does: the JAR, its {@code .sha1}
     * (and {@code .sha256} when asked), and a {@code maven-metadata.xml} listing every version in
     * the artifact's folder.
     */
    static Path publish(Path repository, String group, String artifact, String version, Path jar, boolean sha256)
            throws IOException {
        Path folder = repository.resolve(group.replace('.', '/')).resolve(artifact);
        Path dir = Files.createDirectories(folder.resolve(version));
        Path target = dir.resolve(artifact + "-" + version + ".jar");
        Files.copy(jar, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve(target.getFileName() + ".sha1"), hex(target, "SHA-1"));
        if (sha256) {
            Files.writeString(dir.resolve(target.getFileName() + ".sha256"), hex(target, "SHA-256") + "  "
                    + target.getFileName() + "\n");
        }
        List<String> versions = new ArrayList<>();
        try (var children = Files.list(folder)) {
            children.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .sorted(Coordinate::compareVersions).forEach(versions::add);
        }
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<metadata>\n  <groupId>"
                + group + "</groupId>\n  <artifactId>" + artifact + "</artifactId>\n  <versioning>\n    <latest>"
                + versions.get(versions.size() - 1) + "</latest>\n    <release>" + versions.get(versions.size() - 1)
                + "</release>\n    <versions>\n");
        versions.forEach(v -> xml.append("      <version>").append(v).append("</version>\n"));
        xml.append("    </versions>\n  </versioning>\n</metadata>\n");
        Files.writeString(folder.resolve("maven-metadata.xml"), xml);
        return target;
    }

    /** One resource of an OSGi repository index. */
    static final class IndexEntry {
        final String name;
        final String version;
        final Path jar;
        final String url;
        final List<String[]> exports = new ArrayList<>();
        final List<String> importFilters = new ArrayList<>();

        /** @param url the JAR's URL as the index writes it, relative to the index */
        IndexEntry(String name, String version, Path jar, String url) {
            this.name = name;
            this.version = version;
            this.jar = jar;
            this.url = url;
        }

        IndexEntry exports(String pkg, String pkgVersion) {
            exports.add(new String[] {pkg, pkgVersion});
            return this;
        }

        /** @param filter an LDAP filter on osgi.wiring.package, as bnd writes an import */
        IndexEntry imports(String filter) {
            importFilters.add(filter);
            return this;
        }
    }

    /** Writes an OSGi repository index (R5 XML) of the entries, gzipped when the name ends with .gz. */
    static Path index(Path file, List<IndexEntry> entries) throws IOException {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<repository"
                + " xmlns=\"http://www.osgi.org/xmlns/repository/v1.0.0\" name=\"test\" increment=\"1\">\n");
        for (IndexEntry e : entries) {
            xml.append("  <resource>\n");
            capability(xml, "osgi.identity", Map.of("osgi.identity", e.name, "type", "osgi.bundle"),
                    Map.of("version", e.version));
            Map<String, String> content = new LinkedHashMap<>();
            content.put("osgi.content", hex(e.jar, "SHA-256"));
            content.put("url", e.url);
            content.put("mime", "application/vnd.osgi.bundle");
            capability(xml, "osgi.content", content, Map.of());
            capability(xml, "osgi.wiring.bundle", Map.of("osgi.wiring.bundle", e.name),
                    Map.of("bundle-version", e.version));
            for (String[] export : e.exports) {
                capability(xml, "osgi.wiring.package", Map.of("osgi.wiring.package", export[0],
                        "bundle-symbolic-name", e.name), Map.of("version", export[1], "bundle-version", e.version));
            }
            for (String filter : e.importFilters) {
                xml.append("    <requirement namespace=\"osgi.wiring.package\">\n      <directive name=\"filter\" value=\"")
                        .append(escape(filter)).append("\"/>\n    </requirement>\n");
            }
            xml.append("  </resource>\n");
        }
        xml.append("</repository>\n");
        byte[] bytes = xml.toString().getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(file.getParent());
        if (file.getFileName().toString().endsWith(".gz")) {
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
                out.write(bytes);
            }
        } else {
            Files.write(file, bytes);
        }
        return file;
    }

    private static void capability(StringBuilder xml, String namespace, Map<String, String> strings,
            Map<String, String> versions) {
        xml.append("    <capability namespace=\"").append(namespace).append("\">\n");
        strings.forEach((k, v) -> xml.append("      <attribute name=\"").append(k).append("\" value=\"")
                .append(escape(v)).append("\"/>\n"));
        versions.forEach((k, v) -> xml.append("      <attribute name=\"").append(k).append("\" type=\"Version\" value=\"")
                .append(v).append("\"/>\n"));
        xml.append("    </capability>\n");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
