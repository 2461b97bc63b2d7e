package dev.scope.gpu.opencl.internal;

import java.lang.System.Logger.Level;
import java.util.Dictionary;
import java.util.Hashtable;

import dev.scope.gpu.api.Gpu;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Publishes the {@link Gpu} service when, and only when, there is an OpenCL device: the component
 * itself is no service. At activation it probes for the loader and a device ({@link OpenClGpu#open},
 * after the framework properties {@value OpenClGpu#DEVICE_PROPERTY} and
 * {@value OpenClGpu#CACHE_PROPERTY}) and registers what it found; without a device it logs why,
 * once (at INFO when the machine simply has no OpenCL or it is switched off, else as a warning),
 * and registers nothing, so consumers' optional references stay empty and stages run in Java. At
 * deactivation it unregisters the service, then releases every OpenCL object.
 */
@Component(service = {}, immediate = true)
public final class OpenClComponent {

    /** The service property with {@link Gpu#path()}. */
    static final String PATH_PROPERTY = "scope.gpu.path";

    private static final System.Logger LOG = System.getLogger(OpenClComponent.class.getName());

    private final OpenClGpu gpu; // null without a device
    private final String reason; // null with a device
    private final ServiceRegistration<Gpu> registration;

    @Activate
    public OpenClComponent(BundleContext context) {
        this(context, OpenClGpu.Settings.of(context));
    }

    OpenClComponent(BundleContext context, OpenClGpu.Settings settings) {
        OpenClGpu opened = null;
        String why = null;
        try {
            opened = OpenClGpu.open(settings);
            LOG.log(Level.INFO, "OpenCL device: " + opened.describe() + "; kernels run on the " + opened.path()
                    + " path");
        } catch (OpenClGpu.NoDevice e) {
            why = e.getMessage();
            LOG.log(e.normal ? Level.INFO : Level.WARNING, "No OpenCL device: " + why + "; stages run on the Java path");
        }
        gpu = opened;
        reason = why;
        ServiceRegistration<Gpu> registered = null;
        if (opened != null) {
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put(PATH_PROPERTY, opened.path());
            properties.put(Constants.SERVICE_DESCRIPTION, opened.deviceName());
            try {
                registered = context.registerService(Gpu.class, opened, properties);
            } catch (RuntimeException e) {
                opened.close();
                throw e;
            }
        }
        registration = registered;
    }

    /** @return the service it registered, or null without a device */
    OpenClGpu gpu() {
        return gpu;
    }

    /** @return why there is no device, or null with one */
    String reason() {
        return reason;
    }

    /** @return whether the {@link Gpu} service is registered */
    boolean registered() {
        return registration != null;
    }

    @Deactivate
    void deactivate() {
        if (registration == null) {
            return;
        }
        try {
            registration.unregister(); // consumers let go of it first
        } catch (IllegalStateException alreadyGone) {
            // the bundle stopped first: the framework unregistered it
        }
        gpu.close();
    }
}
