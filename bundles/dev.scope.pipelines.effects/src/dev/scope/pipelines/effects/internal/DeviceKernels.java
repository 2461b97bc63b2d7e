package dev.scope.pipelines.effects.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuBuffer;
import dev.scope.gpu.api.GpuKernel;
import dev.scope.gpu.api.GpuProgram;
import dev.scope.pipeline.api.Frame;

/**
 * One pipeline's OpenCL program and device scratch memory on the {@link Gpu} its stage was placed
 * on. The program is built from a {@code .cl} resource beside the pipeline's class, once per
 * service (which caches it by source and options, also on disk), so per-frame values are kernel
 * arguments and never rebuild it. Scratch buffers and tables are kept by name: reused while their
 * size stays, released when it changes, when the service changes, and in {@link #close()}.
 *
 * <p>A program that asks for doubles is built with {@code -DUSE_DOUBLE} where the device has them
 * ({@link Gpu#doubles()}), so that it computes exactly what the Java path computes; its source
 * then declares {@code real} as {@code double}, else as {@code float}, and {@link #reals} passes
 * values in that precision.
 *
 * <p>Not thread-safe: a pipeline instance is called by one thread at a time.
 */
final class DeviceKernels implements AutoCloseable {

    /** A buffer of {@link #scratch} or {@link #table}, with the size it was made for. */
    private record Held(long key, GpuBuffer buffer) {
    }

    /** The launches that write an effect's output. */
    @FunctionalInterface
    interface Launches {
        /** Enqueues the kernels that write {@code out} from {@code in} (a device frame of the same service). */
        void run(Frame in, DeviceFrame out);
    }

    private final Class<?> anchor;
    private final String resource;
    private final String options;
    private final boolean wantsDoubles;
    private final Map<String, Held> held = new HashMap<>();
    private Gpu gpu;
    private GpuProgram program;
    private boolean doubles;

    /**
     * @param anchor the pipeline's class, beside which the source lies
     * @param resource the source's resource name, such as {@code "blur.cl"}
     * @param options build options
     */
    DeviceKernels(Class<?> anchor, String resource, String options) {
        this(anchor, resource, options, false);
    }

    /**
     * @param wantsDoubles whether the program computes in double where the device can
     *        ({@code -DUSE_DOUBLE} is added to the options there)
     */
    DeviceKernels(Class<?> anchor, String resource, String options, boolean wantsDoubles) {
        this.anchor = anchor;
        this.resource = resource;
        this.options = options;
        this.wantsDoubles = wantsDoubles;
    }

    /**
     * Builds the program on {@code service} unless it already was; a new service drops the memory
     * held on the old one.
     *
     * @return this
     */
    DeviceKernels on(Gpu service) {
        if (service != gpu) {
            close();
            boolean wide = wantsDoubles && service.doubles();
            program = service.compile(anchor, resource, wide ? (options + " -DUSE_DOUBLE").strip() : options);
            doubles = wide;
            gpu = service;
        }
        return this;
    }

    /**
     * Makes an effect's output on the device: a new device frame of {@code in}'s size, written by
     * {@code launches}; released again when they throw.
     *
     * @param service the stage's device
     * @param in the input, a device frame of that service
     * @return the new frame, owned by the caller
     */
    DeviceFrame apply(Gpu service, Frame in, Launches launches) {
        on(service);
        DeviceFrame out = service.allocate(in.width(), in.height());
        try {
            launches.run(in, out);
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    GpuKernel kernel(String name) {
        return program.kernel(name);
    }

    /** @return whether {@code real} is {@code double} in the kernels */
    boolean doubles() {
        return doubles;
    }

    /**
     * Adds a {@code __constant real*} argument: {@code values} in double, or {@code asFloats} (the
     * same values, rounded to float once by the caller) where the program computes in float.
     */
    GpuKernel.Launch reals(GpuKernel.Launch launch, double[] values, float[] asFloats) {
        return doubles ? launch.arg(values) : launch.arg(asFloats);
    }

    /**
     * Device memory of {@code bytes} bytes, for intermediate results.
     *
     * @param name what it holds, unique within the pipeline
     * @return the buffer, owned by this object (do not release it)
     */
    GpuBuffer scratch(String name, long bytes) {
        return held(name, bytes, () -> gpu.buffer(Math.max(1, bytes)));
    }

    /**
     * A table computed on the host for one picture size, uploaded once and kept on the device.
     *
     * @param size what the table depends on, such as {@code (long) width << 32 | height}
     * @param values makes the table's values (floats as their bits)
     * @return the table, owned by this object (do not release it)
     */
    GpuBuffer table(String name, long size, Supplier<int[]> values) {
        return held(name, size, () -> gpu.buffer(values.get()));
    }

    private GpuBuffer held(String name, long key, Supplier<GpuBuffer> make) {
        Held h = held.get(name);
        if (h != null && h.key() == key) {
            return h.buffer();
        }
        if (h != null) {
            held.remove(name);
            h.buffer().release();
        }
        GpuBuffer buffer = make.get();
        held.put(name, new Held(key, buffer));
        return buffer;
    }

    /** Releases the device memory; the next device frame looks the program up again. */
    @Override
    public void close() {
        for (Held h : held.values()) {
            try {
                h.buffer().release();
            } catch (IllegalStateException e) {
                // its service is gone, and the memory with it
            }
        }
        held.clear();
        gpu = null;
        program = null;
    }
}
