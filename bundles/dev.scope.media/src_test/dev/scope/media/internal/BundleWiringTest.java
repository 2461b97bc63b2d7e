package dev.scope.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;


import org.bytedeco.javacpp.Loader;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.namespace.HostNamespace;
import org.osgi.framework.namespace.PackageNamespace;

/**
 * The wrapped JavaCV/FFmpeg bundles as the target platform makes them: the FFmpeg classes and
 * both natives jars are fragments of JavaCPP, and the natives load from there inside OSGi.
 */
class BundleWiringTest extends MediaFixtures {

    @Test
    void ffmpegFragmentsAttachToJavaCpp() {
        Bundle javacpp = bundle("org.bytedeco.javacpp");
        List<BundleWire> hosted = javacpp.adapt(BundleWiring.class).getProvidedWires(HostNamespace.HOST_NAMESPACE);
        Set<String> fragments = hosted.stream().map(w -> w.getRequirer().getSymbolicName()).collect(Collectors.toSet());
        assertEquals(Set.of("org.bytedeco.javacpp.linux-x86_64", "org.bytedeco.ffmpeg", "org.bytedeco.ffmpeg.linux-x86_64"),
                fragments);
        BundleWiring javacv = bundle("org.bytedeco.javacv").adapt(BundleWiring.class);
        assertNotNull(javacv, "javacv resolves");
        Set<String> ffmpegProviders = javacv.getRequiredWires(PackageNamespace.PACKAGE_NAMESPACE).stream()
                .filter(w -> String.valueOf(w.getCapability().getAttributes().get(PackageNamespace.PACKAGE_NAMESPACE))
                        .startsWith("org.bytedeco.ffmpeg."))
                .map(w -> w.getProvider().getSymbolicName()).collect(Collectors.toSet());
        assertEquals(Set.of("org.bytedeco.javacpp"), ffmpegProviders, "javacv gets FFmpeg's packages from JavaCPP");
    }

    @Test
    void nativesLoadFromTheBundlesIntoJavaCppsCache() throws Exception {
        new Ffmpeg().load();
        // resources of a bundle class loader land in a subdirectory named after their folder
        Path cache = Path.of(Loader.getCacheDir().getPath(), "linux-x86_64");
        for (String library : new String[] {"libjnijavacpp.so", "libavcodec.so.62", "libjniavcodec.so", "libswscale.so.9"}) {
            Path file = cache.resolve(library);
            assertTrue(Files.isRegularFile(file), library + " extracted to " + cache);
            assertTrue(Loader.getLoadedLibraries().containsValue(file.toString()), library + " loaded from " + cache
                    + "; loaded: " + Loader.getLoadedLibraries().values());
        }
    }

    @Test
    void serviceComesFromTheComponent() {
        assertNotNull(media);
        assertEquals(MediaServiceImpl.class, media.getClass());
    }

    private static Bundle bundle(String symbolicName) {
        for (Bundle b : FrameworkUtil.getBundle(BundleWiringTest.class).getBundleContext().getBundles()) {
            if (b.getSymbolicName().equals(symbolicName)) {
                return b;
            }
        }
        throw new AssertionError("bundle " + symbolicName + " is not installed");
    }
}
