package dev.scope.pipelines.effects.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuBuildException;
import dev.scope.gpu.api.GpuKernel;
import dev.scope.gpu.api.GpuProgram;
import dev.scope.pipeline.api.Frame;

/**
 * One pipeline's OpenCL program and device scratch memory on the {@link Gpu} service it runs on.
 * The program is compiled on the first device frame (the service caches it by source and options,
 * also on disk), so per-frame values are kernel arguments and never rebuild it. Scratch buffers
 * are device frames kept by name and size: reused while the size stays, released when it changes,
 * when the service changes, and in {@link #close()}.
 *
 * <p>A program that asks for doubles ({@link #DOUBLES}) is built with {@code real} as
 * {@code double} where the device has {@code cl_khr_fp64}, so that it computes exactly what the
 * Java path computes, else as {@code float}. Kernel sources start with {@link #REAL}.
 *
 * <p>Not thread-safe: a pipeline instance is called by one thread at a time.
 */
final class DeviceKernels implements AutoCloseable {

    /** Source prelude: {@code real} is double or float, and no fused multiply-adds. */
    static final String REAL = """
            #ifdef USE_DOUBLE
            #ifndef cl_khr_fp64
            #error the device has no doubles
            #endif
            #pragma OPENCL EXTENSION cl_khr_fp64 : enable
            typedef double real;
            #else
            typedef float real;
            #endif
            #pragma OPENCL FP_CONTRACT OFF
            """;

    static final String DOUBLES = "-DUSE_DOUBLE";

    private record Scratch(int width, int height, DeviceFrame frame) {
    }

    private final String source;
    private final String options;
    private final Map<String, Scratch> scratch = new HashMap<>();
    private Gpu gpu;
    private GpuProgram program;
    private boolean doubles;

    /**
     * @param source the OpenCL C source of every kernel the pipeline uses
     * @param options build options; {@link #DOUBLES} among them asks for doubles where the device
     *        has them
     */
    DeviceKernels(String source, String options) {
        this.source = source;
        this.options = options;
    }

    /**
     * Compiles the program on {@code gpu} unless it already was; a new service drops the memory
     * held on the old one.
     *
     * @return this
     */
    DeviceKernels on(Gpu service) {
        if (service != gpu) {
            close();
            GpuProgram built;
            boolean wide = options.contains(DOUBLES);
            try {
                built = service.compile(source, options);
            } catch (GpuBuildException e) {
                if (!wide) {
                    throw e;
                }
                built = service.compile(source, options.replace(DOUBLES, "").strip());
                wide = false;
            }
            program = built;
            doubles = wide;
            gpu = service;
        }
        return this;
    }

    Gpu gpu() {
        return gpu;
    }

    GpuKernel kernel(String name) {
        return program.kernel(name);
    }

    /** @return whether {@code real} is {@code double} in the kernels */
    boolean doubles() {
        return doubles;
    }

    /**
     * Values for a {@code __constant real*} parameter, in the precision the program was built
     * with (doubles travel as their bits: the launch API takes int and float arrays).
     */
    GpuKernel.Launch reals(GpuKernel.Launch launch, double... values) {
        if (doubles) {
            int[] bits = new int[2 * values.length];
            for (int i = 0; i < values.length; i++) {
                long b = Double.doubleToRawLongBits(values[i]);
                bits[2 * i] = (int) b; // little-endian devices: the low word first
                bits[2 * i + 1] = (int) (b >>> 32);
            }
            return launch.arg(bits);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return launch.arg(f);
    }

    /**
     * Device memory of {@code width * height} elements of {@code bytesPerElement} bytes, as a
     * device frame of that many bytes or a few more; kernels see it as a plain buffer.
     *
     * @param name what it holds, unique within the pipeline
     * @return the buffer, owned by this object (do not release it)
     */
    DeviceFrame scratch(String name, int width, int height, int bytesPerElement) {
        return held(name, width, height, () -> gpu.allocate(Math.max(1, width),
                (int) Math.max(1, ceilDiv((long) height * bytesPerElement, Frame.BYTES_PER_PIXEL))));
    }

    /**
     * A table computed on the host for one picture size, uploaded once and kept on the device.
     *
     * @param contents makes the host frame holding the table's bytes
     * @return the table, owned by this object (do not release it)
     */
    DeviceFrame table(String name, int width, int height, Supplier<Frame> contents) {
        return held(name, width, height, () -> gpu.upload(contents.get()));
    }

    private DeviceFrame held(String name, int width, int height, Supplier<DeviceFrame> make) {
        Scratch s = scratch.get(name);
        if (s != null && s.width() == width && s.height() == height) {
            return s.frame();
        }
        if (s != null) {
            scratch.remove(name);
            s.frame().release();
        }
        DeviceFrame frame = make.get();
        scratch.put(name, new Scratch(width, height, frame));
        return frame;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** Releases the device memory; the next device frame compiles again (from the cache). */
    @Override
    public void close() {
        for (Scratch s : scratch.values()) {
            try {
                s.frame().release();
            } catch (IllegalStateException e) {
                // its service is gone, and the memory with it
            }
        }
        scratch.clear();
        gpu = null;
        program = null;
    }
}
