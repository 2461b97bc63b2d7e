package dev.scope.gpu.opencl.internal;

import static org.jocl.CL.CL_INVALID_KERNEL_NAME;
import static org.jocl.CL.CL_KERNEL_NUM_ARGS;
import static org.jocl.CL.CL_PROGRAM_KERNEL_NAMES;
import static org.jocl.CL.clCreateKernel;
import static org.jocl.CL.clGetKernelInfo;
import static org.jocl.CL.clGetProgramInfo;
import static org.jocl.CL.clReleaseKernel;
import static org.jocl.CL.clReleaseProgram;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.scope.gpu.api.GpuKernel;
import dev.scope.gpu.api.GpuProgram;

import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_kernel;
import org.jocl.cl_program;

/** A built program and its kernels, created on first use; released by {@link OpenClGpu}. */
final class ClProgram implements GpuProgram {

    private final OpenClGpu owner;
    private final cl_program program;
    private final Map<String, ClKernel> kernels = new ConcurrentHashMap<>();

    ClProgram(OpenClGpu owner, cl_program program) {
        this.owner = owner;
        this.program = program;
    }

    @Override
    public GpuKernel kernel(String name) {
        Objects.requireNonNull(name, "name");
        ClKernel kernel = kernels.get(name);
        return kernel != null ? kernel
                : owner.guarded("clCreateKernel(" + name + ")", () -> kernels.computeIfAbsent(name, this::create));
    }

    private ClKernel create(String name) {
        cl_kernel kernel;
        try {
            kernel = clCreateKernel(program, name, null);
        } catch (CLException e) {
            if (e.getStatus() == CL_INVALID_KERNEL_NAME) {
                throw new IllegalArgumentException("no kernel '" + name + "' in the program; it has: "
                        + kernelNames());
            }
            throw OpenClGpu.failure("clCreateKernel(" + name + ")", e);
        }
        int[] args = new int[1];
        clGetKernelInfo(kernel, CL_KERNEL_NUM_ARGS, Sizeof.cl_uint, Pointer.to(args), null);
        return new ClKernel(owner, kernel, name, args[0]);
    }

    private String kernelNames() {
        return Device.infoString((size, value, sizeOut) ->
                clGetProgramInfo(program, CL_PROGRAM_KERNEL_NAMES, size, value, sizeOut)).replace(";", ", ");
    }

    /** Called by the owner, under its write lock, when it closes. */
    void close() {
        kernels.values().forEach(k -> {
            k.releaseConstants();
            clReleaseKernel(k.id());
        });
        kernels.clear();
        clReleaseProgram(program);
    }
}
