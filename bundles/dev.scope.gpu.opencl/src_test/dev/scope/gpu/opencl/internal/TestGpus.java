package dev.scope.gpu.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.scope.gpu.api.Gpu;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The rule for OpenCL tests ({@code @ExtendWith(TestGpus.class)}): they run on the framework's
 * {@link Gpu} service, which exists only with a device; without one they are skipped, unless
 * SCOPE_REQUIRE_OPENCL=1 (set by releng/test once PoCL is installed): then they run and fail. Each
 * test prints the device that ran it, and must end with as many device frames in use as it began.
 *
 * <p>Whether the service exists is known once SCR has activated {@link OpenClComponent}, which
 * registers it during activation; so the rule waits for that component, not for the service.
 *
 * <p>A condition, not {@code Assumptions}: inside tycho-surefire an assumption's
 * TestAbortedException comes from another opentest4j than the runner's and counts as an error.
 */
public final class TestGpus implements ExecutionCondition, BeforeEachCallback, AfterEachCallback {

    static final String REQUIRE = "SCOPE_REQUIRE_OPENCL";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(TestGpus.class);
    private static final long WAIT_MILLIS = TimeUnit.SECONDS.toMillis(20);

    static BundleContext context() {
        return FrameworkUtil.getBundle(TestGpus.class).getBundleContext();
    }

    /** @return the framework's Gpu service, or empty when its component found no device */
    static Optional<Gpu> find() {
        BundleContext context = context();
        awaitActive(context, component(context));
        ServiceReference<Gpu> reference = context.getServiceReference(Gpu.class);
        return reference == null ? Optional.empty() : Optional.ofNullable(context.getService(reference));
    }

    /** @return the framework's Gpu service; fails without one */
    static Gpu service() {
        return find().orElseThrow(() -> new AssertionError("no Gpu service: there is no OpenCL device"));
    }

    /** @return OpenClComponent's description, from SCR */
    static ComponentDescriptionDTO component(BundleContext context) {
        ServiceComponentRuntime scr = scr(context);
        Bundle bundle = FrameworkUtil.getBundle(OpenClComponent.class);
        ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(bundle, OpenClComponent.class.getName());
        assertNotNull(description, "SCR does not know " + OpenClComponent.class.getName());
        return description;
    }

    static ServiceComponentRuntime scr(BundleContext context) {
        ServiceTracker<ServiceComponentRuntime, ServiceComponentRuntime> tracker =
                new ServiceTracker<>(context, ServiceComponentRuntime.class, null);
        tracker.open();
        try {
            ServiceComponentRuntime scr = tracker.waitForService(WAIT_MILLIS);
            assertNotNull(scr, "no ServiceComponentRuntime: is SCR running?");
            return scr;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for SCR", e);
        }
    }

    /** Waits until SCR has activated the component (it activates it once, at the bundle's start). */
    private static void awaitActive(BundleContext context, ComponentDescriptionDTO description) {
        ServiceComponentRuntime scr = scr(context);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MILLIS);
        while (true) {
            for (ComponentConfigurationDTO configuration : scr.getComponentConfigurationDTOs(description)) {
                assertTrue(configuration.state != ComponentConfigurationDTO.FAILED_ACTIVATION,
                        "OpenClComponent failed to activate: " + configuration.failure);
                if (configuration.state == ComponentConfigurationDTO.ACTIVE) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("SCR did not activate OpenClComponent");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2)); // a wait for a state, not a timing
        }
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Gpu> gpu = find();
        if (gpu.isPresent()) {
            return ConditionEvaluationResult.enabled("OpenCL device " + gpu.get().deviceName());
        }
        if ("1".equals(System.getenv(REQUIRE))) {
            return ConditionEvaluationResult.enabled(REQUIRE + "=1: must fail without a device");
        }
        return ConditionEvaluationResult.disabled("no OpenCL device, so no Gpu service");
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Optional<Gpu> gpu = find();
        assertTrue(gpu.isPresent(), REQUIRE + "=1 but there is no Gpu service: no OpenCL device (see the log)");
        System.out.println("[gpu] " + context.getRequiredTestClass().getSimpleName() + "."
                + context.getRequiredTestMethod().getName() + " on " + gpu.get().deviceName() + " ("
                + gpu.get().path() + ")");
        context.getStore(NAMESPACE).put("framesInUse", gpu.get().stats().framesInUse());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Long before = context.getStore(NAMESPACE).get("framesInUse", Long.class);
        if (before != null && context.getExecutionException().isEmpty()) {
            assertEquals(before, service().stats().framesInUse(), "device frames in use after the test");
        }
    }
}
