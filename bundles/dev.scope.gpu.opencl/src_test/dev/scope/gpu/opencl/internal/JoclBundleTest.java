package dev.scope.gpu.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import dev.scope.gpu.api.Gpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The wrapped JOCL bundle: its native library must come through Bundle-NativeCode (the framework
 * extracts it), or a refreshed bundle fails with "already loaded in another classloader". Tycho
 * ignores the wrapping instructions silently when their reference is mistyped.
 */
class JoclBundleTest {

    @Test
    void joclDeclaresItsNativeLibraries() {
        Bundle jocl = Arrays.stream(FrameworkUtil.getBundle(getClass()).getBundleContext().getBundles())
                .filter(b -> b.getSymbolicName().equals("org.jocl")).findFirst().orElse(null);
        assertNotNull(jocl, "no org.jocl bundle");
        String nativeCode = jocl.getHeaders().get("Bundle-NativeCode");
        assertNotNull(nativeCode, "org.jocl has no Bundle-NativeCode: the target's wrapping instructions were ignored");
        assertTrue(nativeCode.contains("lib/libJOCL_2_0_6-linux-x86_64.so"), nativeCode);
        assertEquals("2.0.6", jocl.getVersion().toString());
    }

    @Test
    void theLibraryWasLoadedFromTheFrameworksCopy(TestInfo test) throws Exception {
        Gpu gpu = TestGpus.service();
        TestGpus.requireDevice(gpu, test);
        Path maps = Path.of("/proc/self/maps");
        assumeTrue(Files.isReadable(maps), "no /proc/self/maps on this system");
        String library = Files.readAllLines(maps).stream().filter(l -> l.contains("libJOCL_2_0_6"))
                .map(l -> l.substring(l.indexOf('/'))).findFirst().orElse("");
        System.out.println("[gpu] JOCL native library: " + library);
        assertTrue(library.contains("org.eclipse.osgi"), "JOCL loaded its library from " + library
                + ", not from the framework's bundle storage");
    }
}
