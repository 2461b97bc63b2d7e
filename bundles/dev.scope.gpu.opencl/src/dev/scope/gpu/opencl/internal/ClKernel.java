package dev.scope.gpu.opencl.internal;

import static org.jocl.CL.clReleaseMemObject;

import java.util.Objects;

import dev.scope.gpu.api.GpuKernel;

import org.jocl.cl_kernel;
import org.jocl.cl_mem;

/**
 * A kernel of a {@link ClProgram}. {@code clSetKernelArg} is not thread-safe on one kernel
 * object, so {@link OpenClGpu#launch} holds this object's monitor from the first argument to the
 * enqueue.
 *
 * <p>It also keeps the device buffer of each array argument ({@code __constant} tables such as
 * blur weights or a colour matrix) for as long as the next launches pass the same values: those
 * change only with parameters, and a buffer per launch costs more than a small frame's kernel.
 */
final class ClKernel implements GpuKernel {

    /** An array argument's values (an {@code int[]}, {@code float[]} or {@code double[]}, copied) and their buffer. */
    private record Constant(Object values, cl_mem mem) {
    }

    private final OpenClGpu owner;
    private final cl_kernel id;
    private final String name;
    private final int argCount;
    private final Constant[] constants;

    ClKernel(OpenClGpu owner, cl_kernel id, String name, int argCount) {
        this.owner = owner;
        this.id = id;
        this.name = name;
        this.argCount = argCount;
        this.constants = new Constant[argCount];
    }

    /**
     * The buffer last made for argument {@code index}, if it holds these values. Called with this
     * object's monitor held.
     *
     * @param values an {@code int[]}, a {@code float[]} or a {@code double[]}
     * @return the buffer, or null when there is none for these values
     */
    cl_mem constant(int index, Object values) {
        Constant c = constants[index];
        return c != null && Objects.deepEquals(c.values(), values) ? c.mem() : null;
    }

    /**
     * Keeps {@code mem} as argument {@code index}'s buffer for a copy of {@code values}, releasing
     * the one before (OpenCL frees it once the launches that use it are done). Called with this
     * object's monitor held.
     */
    void keepConstant(int index, Object values, cl_mem mem) {
        Constant old = constants[index];
        Object copy = switch (values) {
            case int[] a -> a.clone();
            case float[] a -> a.clone();
            case double[] a -> a.clone();
            default -> throw new IllegalArgumentException("not an array argument: " + values);
        };
        constants[index] = new Constant(copy, mem);
        if (old != null) {
            clReleaseMemObject(old.mem());
        }
    }

    /** Releases the kept buffers; with the program, when the service closes. */
    synchronized void releaseConstants() {
        for (int i = 0; i < constants.length; i++) {
            if (constants[i] != null) {
                clReleaseMemObject(constants[i].mem());
                constants[i] = null;
            }
        }
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
