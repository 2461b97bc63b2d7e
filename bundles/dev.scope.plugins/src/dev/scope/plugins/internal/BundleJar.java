package dev.scope.plugins.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import dev.scope.engine.api.PluginException;

import org.osgi.framework.Version;

/** The identity of a bundle JAR, read from its manifest, with clear errors for non-bundles. */
record BundleJar(String symbolicName, String version) {

    static BundleJar read(Path jar) {
        if (!Files.exists(jar)) {
            throw invalid("no such file: " + jar + " (expected a plugin bundle JAR)");
        }
        if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
            throw invalid(jar + " is not a readable file (expected a plugin bundle JAR)");
        }
        Manifest manifest;
        try (JarFile file = new JarFile(jar.toFile())) {
            manifest = file.getManifest();
        } catch (IOException e) {
            throw invalid(jar + " is not a JAR file (" + e.getMessage() + "); expected a plugin bundle JAR");
        }
        if (manifest == null) {
            throw invalid(jar + " is not an OSGi bundle: it has no"
                    + " META-INF/MANIFEST.MF (build plugins with bnd-maven-plugin, see plugins-sdk/README.md)");
        }
        String bsn = manifest.getMainAttributes().getValue("Bundle-SymbolicName");
        if (bsn == null || bsn.isBlank()) {
            throw invalid(jar + " is not an OSGi bundle: its manifest has no Bundle-SymbolicName"
                    + " (build plugins with bnd-maven-plugin, see plugins-sdk/README.md)");
        }
        String name = bsn.split(";", 2)[0].strip();
        String version = manifest.getMainAttributes().getValue("Bundle-Version");
        try {
            version = Version.parseVersion(version == null ? "0.0.0" : version.strip()).toString();
        } catch (IllegalArgumentException e) {
            throw invalid(jar + " has an invalid Bundle-Version '" + version
                    + "' (expected major.minor.micro[.qualifier])");
        }
        return new BundleJar(name, version);
    }

    private static PluginException invalid(String message) {
        return new PluginException(PluginException.Kind.INVALID, message);
    }
}
