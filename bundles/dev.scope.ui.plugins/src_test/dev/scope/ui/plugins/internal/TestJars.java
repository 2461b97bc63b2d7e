package dev.scope.ui.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes plugin bundle JARs at test time, as bnd would: a manifest, a DS component publishing a
 * PipelineFactory (and the capability bnd derives from it, which marks a plugin bundle), and the
 * classes copied from this test bundle.
 */
final class TestJars {

    private TestJars() {
    }

    /**
     * @param dir where to write
     * @param name the Bundle-SymbolicName
     * @param imports the Import-Package header
     * @param component the component's class name (also the factory), or null for no component
     * @param classes the classes to copy in
     * @return the JAR
     */
    static Path plugin(Path dir, String name, String imports, String component, List<Class<?>> classes)
            throws IOException {
        return plugin(dir, name, "1.0.0", imports, component, classes);
    }

    /**
     * The same at a version of one's choice: written again over the same file, it is the plugin's
     * next build.
     *
     * @param version the Bundle-Version
     */
    static Path plugin(Path dir, String name, String version, String imports, String component,
            List<Class<?>> classes) throws IOException {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", name);
        a.putValue("Bundle-Version", version);
        a.putValue("Import-Package", imports);
        a.putValue("Scope-Plugin", "true");
        if (component != null) {
            a.putValue("Service-Component", "OSGI-INF/component.xml");
            a.putValue("Provide-Capability",
                    "osgi.service;objectClass:List<String>=\"dev.scope.pipeline.api.PipelineFactory\"");
        }
        Path jar = dir.resolve(name + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            for (Class<?> c : classes) {
                String path = c.getName().replace('.', '/') + ".class";
                j.putNextEntry(new JarEntry(path));
                try (InputStream in = c.getClassLoader().getResourceAsStream(path)) {
                    in.transferTo(j);
                }
                j.closeEntry();
            }
            if (component != null) {
                j.putNextEntry(new JarEntry("OSGI-INF/component.xml"));
                j.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<scr:component xmlns:scr=\"http://www.osgi.org/xmlns/scr/v1.3.0\" name=\"" + name + "\">\n"
                        + "  <implementation class=\"" + component + "\"/>\n"
                        + "  <service><provide interface=\"dev.scope.pipeline.api.PipelineFactory\"/></service>\n"
                        + "</scr:component>\n").getBytes(StandardCharsets.UTF_8));
                j.closeEntry();
            }
        }
        return jar;
    }
}
