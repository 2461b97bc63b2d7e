package dev.scope.gpu.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The wrapped JOCL bundle declares its native libraries (Bundle-NativeCode), on any machine: Tycho
 * ignores the target's wrapping instructions silently when their reference is mistyped.
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
}
