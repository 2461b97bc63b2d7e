package dev.scope.plugins.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import dev.scope.engine.api.PluginException;

import org.osgi.framework.Version;

/**
 * The identity of a bundle JAR, read from its manifest, with clear errors for non-bundles.
 *
 * @param symbolicName its Bundle-SymbolicName, without directives
 * @param version its Bundle-Version, normalized
 * @param pluginApi the version range its Import-Package asks of the plugin API package, as written
 *        (an absent version attribute is {@code "0.0.0"}), or {@code null} when it does not import it
 */
record BundleJar(String symbolicName, String version, String pluginApi) {

    /** The package every plugin imports: the plugin contract. */
    static final String PLUGIN_API = "dev.scope.pipeline.api";

    /**
     * The built bundle JAR of a plugin project folder: the one JAR in {@code DIR/target}, its
     * sources, javadoc and tests JARs left out.
     *
     * @param project a folder
     * @return the JAR
     * @throws PluginException naming what is missing or ambiguous
     */
    static Path projectJar(Path project) {
        Path target = project.resolve("target");
        List<Path> jars = new ArrayList<>();
        if (Files.isDirectory(target)) {
            try (java.util.stream.Stream<Path> files = Files.list(target)) {
                files.filter(f -> Files.isRegularFile(f) && built(f.getFileName().toString())).sorted()
                        .forEach(jars::add);
            } catch (IOException e) {
                throw invalid("cannot read " + target + ": " + e.getMessage());
            }
        }
        if (jars.isEmpty()) {
            throw invalid(project + " is a folder with no built plugin JAR in target/ (build the plugin first, e.g."
                    + " mvn package; expected a plugin bundle JAR or a plugin project folder)");
        }
        if (jars.size() > 1) {
            throw invalid(target + " holds several JARs (" + String.join(", ",
                    jars.stream().map(j -> j.getFileName().toString()).toList()) + "); name the plugin's JAR instead");
        }
        return jars.get(0);
    }

    private static boolean built(String name) {
        return name.endsWith(".jar") && !name.endsWith("-sources.jar") && !name.endsWith("-javadoc.jar")
                && !name.endsWith("-tests.jar");
    }

    static BundleJar read(Path jar) {
        return read(jar, jar.toString());
    }

    /**
     * @param jar the JAR file
     * @param shown the JAR in messages: its path, or where it was downloaded from
     */
    static BundleJar read(Path jar, String shown) {
        if (!Files.exists(jar)) {
            throw invalid("no such file: " + jar + " (expected a plugin bundle JAR)");
        }
        if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
            throw invalid(shown + " is not a readable file (expected a plugin bundle JAR)");
        }
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (IOException e) {
            throw invalid(shown + " is not a JAR file (" + e.getMessage() + "); expected a plugin bundle JAR");
        }
        if (manifest == null) {
            throw invalid(shown + " is not an OSGi bundle: it has no"
                    + " META-INF/MANIFEST.MF (build plugins with bnd-maven-plugin, see plugins-sdk/README.md)");
        }
        String bsn = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
        if (bsn == null || bsn.isBlank()) {
            throw invalid(shown + " is not an OSGi bundle: its manifest has no Bundle-SymbolicName"
                    + " (build plugins with bnd-maven-plugin, see plugins-sdk/README.md)");
        }
        String name = bsn.split(";", 2)[0].strip();
        String version = manifest.getMainAttributes().getValue("Bundle-Version");
        try {
            version = Version.parseVersion(version == null ? "0.0.0" : version.strip()).toString();
        } catch (IllegalArgumentException e) {
            throw invalid(shown + " has an invalid Bundle-Version '" + version
                    + "' (expected major.minor.micro[.qualifier])");
        }
        return new BundleJar(name, version,
                importedVersion(manifest.getMainAttributes().getValue("Import-Package"), PLUGIN_API));
    }

    /**
     * @param importPackage an Import-Package header, or {@code null}
     * @param pkg a package name
     * @return the version range the header imports {@code pkg} with, as written ({@code "0.0.0"}
     *         without a version attribute), or {@code null} when it does not import it
     */
    static String importedVersion(String importPackage, String pkg) {
        if (importPackage == null) {
            return null;
        }
        for (String clause : split(importPackage, ',')) {
            boolean named = false;
            String version = "0.0.0";
            for (String part : split(clause, ';')) {
                int eq = part.indexOf('=');
                String key = eq < 0 ? null : part.substring(0, eq).strip();
                if (key == null) {
                    named |= part.strip().equals(pkg); // one of the clause's package names
                } else if (!key.endsWith(":") && key.split(":", 2)[0].strip().equals("version")) {
                    version = unquote(part.substring(eq + 1).strip()); // version="..." or version:Version="..."
                }
            }
            if (named) {
                return version;
            }
        }
        return null;
    }

    /** Splits a manifest header at {@code separator}, except inside quotes. */
    private static List<String> split(String header, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        for (char c : header.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == separator && !quoted) {
                parts.add(part.toString());
                part.setLength(0);
            } else {
                part.append(c);
            }
        }
        parts.add(part.toString());
        return parts;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1).strip() : value;
    }

    private static PluginException invalid(String message) {
        return new PluginException(PluginException.Kind.INVALID, message);
    }
}
