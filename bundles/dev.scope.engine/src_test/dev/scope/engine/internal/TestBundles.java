package dev.scope.engine.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * Builds plugin bundles in memory from fixture classes of this test bundle, with a manifest and
 * DS component XML as bnd would write them, and installs them into the running framework.
 */
final class TestBundles {

    private TestBundles() {
    }

    /**
     * @param name the symbolic name
     * @param imports the Import-Package header
     * @param factory the component class (also published as the PipelineFactory service)
     * @param classes the classes to copy into the bundle
     */
    static Bundle install(BundleContext context, String name, String imports, Class<?> factory, List<Class<?>> classes)
            throws IOException, BundleException {
        return install(context, name, "1.2.3", imports, factory, classes);
    }

    /**
     * As {@link #install(BundleContext, String, String, Class, List)}, as a given version: versions
     * of one name install side by side (each at a location of its own).
     */
    static Bundle install(BundleContext context, String name, String version, String imports, Class<?> factory,
            List<Class<?>> classes) throws IOException, BundleException {
        Manifest manifest = new Manifest();
        Attributes a = manifest.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", name);
        a.putValue("Bundle-Version", version);
        a.putValue("Import-Package", imports);
        a.putValue("Service-Component", "OSGI-INF/component.xml");
        a.putValue("Provide-Capability",
                "osgi.service;objectClass:List<String>=\"dev.scope.pipeline.api.PipelineFactory\"");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            for (Class<?> c : classes) {
                String path = c.getName().replace('.', '/') + ".class";
                jar.putNextEntry(new JarEntry(path));
                try (InputStream in = c.getClassLoader().getResourceAsStream(path)) {
                    in.transferTo(jar);
                }
                jar.closeEntry();
            }
            jar.putNextEntry(new JarEntry("OSGI-INF/component.xml"));
            jar.write(("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="%s">
                      <implementation class="%s"/>
                      <service><provide interface="dev.scope.pipeline.api.PipelineFactory"/></service>
                    </scr:component>
                    """.formatted(name + ".component", factory.getName())).getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        String location = "test:" + name + (version.equals("1.2.3") ? "" : "@" + version);
        Bundle bundle = context.installBundle(location, new ByteArrayInputStream(bytes.toByteArray()));
        return bundle;
    }
}
