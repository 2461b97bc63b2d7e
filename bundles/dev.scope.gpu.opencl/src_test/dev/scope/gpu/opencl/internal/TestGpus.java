package dev.scope.gpu.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import dev.scope.gpu.api.Gpu;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The rule for OpenCL tests ({@code @ExtendWith(TestGpus.class)}): without a device they are
 * skipped, unless SCOPE_REQUIRE_OPENCL=1 (set by releng/test once PoCL is installed): then they run
 * and fail. Each test prints the device that ran it.
 *
 * <p>A condition, not {@code Assumptions}: inside tycho-surefire an assumption's
 * TestAbortedException comes from another opentest4j than the runner's and counts as an error.
 */
public final class TestGpus implements ExecutionCondition, BeforeEachCallback {

    static final String REQUIRE = "SCOPE_REQUIRE_OPENCL";

    static Gpu service() {
        BundleContext context = FrameworkUtil.getBundle(TestGpus.class).getBundleContext();
        ServiceTracker<Gpu, Gpu> tracker = new ServiceTracker<>(context, Gpu.class, null);
        tracker.open();
        try {
            Gpu gpu = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
            assertNotNull(gpu, "the Gpu service did not appear");
            return gpu;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the Gpu service", e);
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Gpu gpu = service();
        if (gpu.available()) {
            return ConditionEvaluationResult.enabled("OpenCL device " + gpu.deviceName());
        }
        if ("1".equals(System.getenv(REQUIRE))) {
            return ConditionEvaluationResult.enabled(REQUIRE + "=1: must fail without a device");
        }
        return ConditionEvaluationResult.disabled("no OpenCL device: " + gpu.deviceName());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Gpu gpu = service();
        System.out.println("[gpu] " + context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName() + " on " + gpu.deviceName() + " (" + gpu.path() + ")");
        assertTrue(gpu.available(), REQUIRE + "=1 but no OpenCL device: " + gpu.deviceName());
    }
}
