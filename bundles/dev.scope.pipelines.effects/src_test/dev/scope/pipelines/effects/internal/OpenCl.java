package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Optional;
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
 * For tests of the OpenCL paths ({@code @ExtendWith(OpenCl.class)}): they run when the framework
 * has a Gpu service (dev.scope.gpu.opencl registers one only when there is a device), and print
 * it; without one they are skipped, or fail when SCOPE_REQUIRE_OPENCL=1 (releng/test sets it:
 * PoCL is installed there). A condition rather than an assumption, which tycho-surefire counts as
 * an error. The service is looked for once per test run (it may take the GPU bundle a few seconds
 * to find its device).
 */
public final class OpenCl implements ExecutionCondition, BeforeEachCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(OpenCl.class);
    private static final long WAIT_MILLIS = TimeUnit.SECONDS.toMillis(10);

    /** @return the framework's Gpu service, if it has one; waits for it up to ten seconds */
    static Optional<Gpu> find() {
        BundleContext context = FrameworkUtil.getBundle(OpenCl.class).getBundleContext();
        boolean installed = Arrays.stream(context.getBundles())
                .anyMatch(b -> b.getSymbolicName().equals("dev.scope.gpu.opencl"));
        ServiceTracker<Gpu, Gpu> tracker = new ServiceTracker<>(context, Gpu.class, null);
        tracker.open();
        try {
            return Optional.ofNullable(installed ? tracker.waitForService(WAIT_MILLIS) : tracker.getService());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            tracker.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Optional<Gpu> lookedUp(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("gpu", k -> find(), Optional.class);
    }

    /** @return the Gpu service the tests of this run use */
    static Gpu gpu() {
        return find().orElseThrow(() -> new AssertionError("no Gpu service: no OpenCL device"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Gpu> gpu = lookedUp(context);
        if (gpu.isPresent()) {
            return ConditionEvaluationResult.enabled("OpenCL: " + gpu.get().deviceName());
        }
        if ("1".equals(System.getenv("SCOPE_REQUIRE_OPENCL"))) {
            return ConditionEvaluationResult.enabled("SCOPE_REQUIRE_OPENCL=1");
        }
        return ConditionEvaluationResult.disabled("no OpenCL device: no Gpu service");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<Gpu> gpu = lookedUp(context);
        assertTrue(gpu.isPresent(), "SCOPE_REQUIRE_OPENCL=1 but no OpenCL device: no Gpu service");
        System.out.println("[opencl] " + context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName() + " on " + gpu.get().deviceName() + " ("
                + gpu.get().path() + ")");
    }
}
