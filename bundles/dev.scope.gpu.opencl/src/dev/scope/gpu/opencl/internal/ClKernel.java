package dev.scope.gpu.opencl.internal;

import dev.scope.gpu.api.GpuKernel;

import org.jocl.cl_kernel;

/**
 * A kernel of a {@link ClProgram}. {@code clSetKernelArg} is not thread-safe on one kernel
 * object, so {@link OpenClGpu#launch} holds this object's monitor from the first argument to the
 * enqueue.
 */
final class ClKernel implements GpuKernel {

    private final OpenClGpu owner;
    private final cl_kernel id;
    private final String name;
    private final int argCount;

    ClKernel(OpenClGpu owner, cl_kernel id, String name, int argCount) {
        this.owner = owner;
        this.id = id;
        this.name = name;
        this.argCount = argCount;
    }

    cl_kernel id() {
        return id;
    }

    int argCount() {
        return argCount;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Launch launch(int globalWidth, int globalHeight) {
        if (globalWidth < 1 || globalHeight < 1) {
            throw new IllegalArgumentException("kernel '" + name + "': global size must be positive, was "
                    + globalWidth + "x" + globalHeight);
        }
        return new ClLaunch(owner, this, globalWidth, globalHeight);
    }

    @Override
    public String toString() {
        return "GpuKernel[" + name + ", " + argCount + " arguments]";
    }
}
