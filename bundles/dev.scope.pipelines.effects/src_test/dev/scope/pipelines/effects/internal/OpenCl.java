package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import dev.scope.gpu.api.Gpu;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * For tests of the OpenCL paths ({@code @ExtendWith(OpenCl.class)}): they run when the framework's
 * Gpu service has a device, and print it; without one they are skipped, or fail when
 * SCOPE_REQUIRE_OPENCL=1 (releng/test sets it: PoCL is installed there). A condition rather than
 * an assumption, which tycho-surefire counts as an error.
 */
public final class OpenCl implements ExecutionCondition, BeforeEachCallback {

    /** @return a service of the running framework, waiting for it up to ten seconds */
    static <T> T service(Class<T> type) {
        var context = FrameworkUtil.getBundle(OpenCl.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
            assertNotNull(service, "no " + type.getSimpleName() + " service");
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Gpu gpu() {
        return service(Gpu.class);
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Gpu gpu = gpu();
        if (gpu.available() || "1".equals(System.getenv("SCOPE_REQUIRE_OPENCL"))) {
            return ConditionEvaluationResult.enabled("OpenCL: " + gpu.deviceName());
        }
        return ConditionEvaluationResult.disabled("no OpenCL device: " + gpu.deviceName());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Gpu gpu = gpu();
        System.out.println("[opencl] " + context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName() + " on " + gpu.deviceName() + " (" + gpu.path() + ")");
        assertTrue(gpu.available(), "SCOPE_REQUIRE_OPENCL=1 but no OpenCL device: " + gpu.deviceName());
    }
}
