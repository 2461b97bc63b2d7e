package dev.scope.gpu.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A built OpenCL program, from {@link Gpu#compile}. It belongs to the {@link Gpu} service, which
 * shares it between every caller that compiled the same source with the same options and releases
 * it when the service goes away. Thread-safe.
 */
@ProviderType
public interface GpuProgram {

    /**
     * One of the program's {@code __kernel} functions. The same name always returns the same
     * object, so a stage may look it up once or per frame.
     *
     * @param name the kernel function's name
     * @return the kernel, owned by the {@link Gpu} service
     * @throws IllegalArgumentException when the program has no kernel of that name; the message
     *         lists the kernels it has
     */
    GpuKernel kernel(String name);
}
