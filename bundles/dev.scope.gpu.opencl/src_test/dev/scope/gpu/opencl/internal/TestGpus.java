package dev.scope.gpu.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.concurrent.TimeUnit;

import dev.scope.gpu.api.Gpu;

import org.junit.jupiter.api.TestInfo;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Gpu service of the test framework, and the rule for OpenCL tests: without a device they
 * skip, unless SCOPE_REQUIRE_OPENCL=1 (set by releng/test once PoCL is installed), then they fail.
 */
final class TestGpus {

    static final String REQUIRE = "SCOPE_REQUIRE_OPENCL";

    private TestGpus() {
    }

    static Gpu service() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(TestGpus.class).getBundleContext();
        ServiceTracker<Gpu, Gpu> tracker = new ServiceTracker<>(context, Gpu.class, null);
        tracker.open();
        Gpu gpu = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
        assertNotNull(gpu, "the Gpu service did not appear");
        return gpu;
    }

    /** Prints which device runs the test; skips or fails (see above) when there is none. */
    static void requireDevice(Gpu gpu, TestInfo test) {
        System.out.println("[gpu] " + test.getTestClass().map(Class::getSimpleName).orElse("?") + "."
                + test.getTestMethod().map(m -> m.getName()).orElse("?") + " on " + gpu.deviceName()
                + " (" + gpu.path() + ")");
        if ("1".equals(System.getenv(REQUIRE))) {
            assertTrue(gpu.available(), REQUIRE + "=1 but no OpenCL device: " + gpu.deviceName());
        } else {
            assumeTrue(gpu.available(), "no OpenCL device: " + gpu.deviceName());
        }
    }
}
