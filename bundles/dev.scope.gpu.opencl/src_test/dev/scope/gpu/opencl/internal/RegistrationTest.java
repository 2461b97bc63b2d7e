package dev.scope.gpu.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.scope.gpu.api.Gpu;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The Gpu service exists only with a device: the component registers it, with the real bundle
 * context, when it finds one, and nothing otherwise ({@code scope.gpu.device=none}, no loader, an
 * unknown device name). Runs on any machine, except the case that needs a device.
 */
class RegistrationTest {

    private final BundleContext context = TestGpus.context();

    private Collection<ServiceReference<Gpu>> gpus() {
        try {
            return context.getServiceReferences(Gpu.class, null);
        } catch (InvalidSyntaxException e) {
            throw new AssertionError(e);
        }
    }

    /** Constructs a component as SCR would, capturing what it logs. */
    private OpenClComponent activate(OpenClGpu.Settings settings, List<LogRecord> logged) {
        Logger logger = Logger.getLogger(OpenClComponent.class.getName());
        Level level = logger.getLevel();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        try {
            return new OpenClComponent(context, settings);
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(level);
        }
    }

    private void assertNothingRegistered(Supplier<OpenClComponent> activation) {
        int before = gpus().size();
        OpenClComponent component = activation.get();
        assertFalse(component.registered());
        assertNull(component.gpu());
        assertEquals(before, gpus().size(), "a Gpu service was registered without a device");
        component.deactivate();
        assertEquals(before, gpus().size());
    }

    @Test
    void switchedOffNothingIsRegistered() {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        assertNothingRegistered(() -> {
            OpenClComponent component = activate(new OpenClGpu.Settings("none", null), logged);
            assertEquals("OpenCL is switched off (scope.gpu.device=none)", component.reason());
            return component;
        });
        assertEquals(1, logged.size(), logged.stream().map(LogRecord::getMessage).toList().toString());
        assertEquals(Level.INFO, logged.get(0).getLevel());
        assertEquals("No OpenCL device: OpenCL is switched off (scope.gpu.device=none); stages run on the Java path",
                logged.get(0).getMessage());
    }

    @Test
    void anUnknownDeviceNameRegistersNothingAndSaysWhy() {
        assertNothingRegistered(() -> {
            OpenClComponent component = activate(new OpenClGpu.Settings("no-such-device-xyz", null),
                    new CopyOnWriteArrayList<>());
            assertTrue(component.reason().contains("no-such-device-xyz") || component.reason().contains("OpenCL"),
                    component.reason());
            return component;
        });
    }

    /**
     * A search that finds no loader keeps the component off JOCL (on a machine with OpenCL it would
     * otherwise find the device) and says, once and at INFO, what is missing and what to install.
     */
    @Test
    void withoutALoaderNothingIsRegisteredAndTheLogSaysWhatToInstall(@TempDir Path empty) {
        OpenClLoader.Search nowhere = new OpenClLoader.Search(List.of(empty), empty.resolve("ld.so.cache"), List.of(empty));
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        String[] reason = new String[1];
        assertNothingRegistered(() -> {
            OpenClComponent component = activate(new OpenClGpu.Settings("", null, nowhere), logged);
            reason[0] = component.reason();
            return component;
        });
        System.out.println("[gpu] without a loader: " + reason[0]);
        assertEquals("no OpenCL loader: no libOpenCL.so.1 or libOpenCL.so in LD_LIBRARY_PATH (" + empty + "), "
                + empty.resolve("ld.so.cache") + ", " + empty + "; " + OpenClLoader.INSTALL, reason[0]);
        assertEquals(1, logged.size(), logged.stream().map(LogRecord::getMessage).toList().toString());
        assertEquals(Level.INFO, logged.get(0).getLevel(), "a machine without OpenCL is normal: no warning");
        assertEquals("No OpenCL device: " + reason[0] + "; stages run on the Java path", logged.get(0).getMessage());
    }

    /** The framework's own component publishes nothing by itself: the Gpu service is registered by hand. */
    @Test
    void theComponentIsNoService() {
        ComponentDescriptionDTO description = TestGpus.component(context);
        assertEquals(0, description.serviceInterfaces.length, List.of(description.serviceInterfaces).toString());
        assertTrue(description.immediate, "it must activate to find out whether there is a device");
    }

    /** With a device the component registers the service while it is active, and closes it at deactivation. */
    @Test
    @ExtendWith(TestGpus.class)
    void withADeviceTheServiceIsRegisteredUntilDeactivation(@TempDir Path cache) {
        int before = gpus().size();
        OpenClComponent component = activate(new OpenClGpu.Settings("", cache), new CopyOnWriteArrayList<>());
        assertTrue(component.registered());
        assertNull(component.reason());
        assertEquals(before + 1, gpus().size());
        ServiceReference<Gpu> mine = gpus().stream()
                .filter(r -> context.getService(r) == component.gpu()).findFirst().orElseThrow();
        context.ungetService(mine);
        assertEquals(component.gpu().path(), mine.getProperty(OpenClComponent.PATH_PROPERTY));
        Gpu gpu = component.gpu();
        assertSame(gpu, context.getService(mine));
        context.ungetService(mine);

        component.deactivate();
        assertEquals(before, gpus().size());
        IllegalStateException closed = assertThrows(IllegalStateException.class, () -> gpu.allocate(4, 4));
        assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
    }
}
