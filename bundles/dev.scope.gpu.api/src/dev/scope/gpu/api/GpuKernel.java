package dev.scope.gpu.api;

import dev.scope.pipeline.api.Frame;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One {@code __kernel} function of a {@link GpuProgram}. It belongs to the {@link Gpu} service;
 * it is thread-safe: launches from several threads are enqueued one after the other, each with
 * its own arguments.
 *
 * <p>A launch runs the kernel once per work item of a 2D range, {@code get_global_id(0)} from 0 to
 * {@code globalWidth - 1} and {@code get_global_id(1)} from 0 to {@code globalHeight - 1}; the
 * driver picks the work-group size. Arguments are given in the order of the kernel's parameters,
 * each typed as the kernel declares it:
 * <pre>{@code
 * // __kernel void tint(__global const uint* src, __global uint* dst, float amount)
 * DeviceFrame out = gpu.allocate(in.width(), in.height());
 * tint.launch(in.width(), in.height()).in(in).out(out).arg(0.5f).run();
 * }</pre>
 */
@ProviderType
public interface GpuKernel {

    /** @return the kernel function's name */
    String name();

    /**
     * Starts a launch over a {@code globalWidth x globalHeight} range; add the arguments, then
     * {@link Launch#run()}.
     *
     * @param globalWidth work items in dimension 0, at least 1
     * @param globalHeight work items in dimension 1, at least 1
     * @return a new launch, for the calling thread only
     * @throws IllegalArgumentException for a non-positive size
     */
    Launch launch(int globalWidth, int globalHeight);

    /**
     * The arguments of one launch, collected in parameter order. Not thread-safe; used once.
     * Nothing reaches the device before {@link #run()}.
     */
    @ProviderType
    interface Launch {

        /**
         * A {@code __global const} frame the kernel reads: any handle (borrowed, retained, owned) of
         * a device frame of this {@link Gpu}. Host frames go through {@link Gpu#upload} first.
         *
         * @param frame a device frame of this service
         * @return this launch
         * @throws IllegalArgumentException for a host frame or one of another service
         */
        Launch in(Frame frame);

        /**
         * A {@code __global} frame the kernel writes: a writable handle the caller allocated. The
         * launch drops the frame's host copy.
         *
         * @param frame a writable device frame of this service
         * @return this launch
         * @throws IllegalArgumentException for a read-only handle (an input is never written)
         */
        Launch out(DeviceFrame frame);

        /**
         * A {@code __global} buffer parameter, read or written.
         *
         * @param buffer a buffer of this service
         * @return this launch
         */
        Launch arg(GpuBuffer buffer);

        /** @return this launch, with an {@code int} (or {@code uint}) parameter */
        Launch arg(int value);

        /** @return this launch, with a {@code long} (or {@code ulong}) parameter */
        Launch arg(long value);

        /** @return this launch, with a {@code float} parameter */
        Launch arg(float value);

        /**
         * A {@code double} parameter, for a device with {@link Gpu#doubles()}.
         *
         * @return this launch
         * @throws IllegalStateException on a device without doubles
         */
        Launch arg(double value);

        /**
         * A {@code __constant int*} (or {@code __global const int*}) parameter: the values go to a
         * read-only device buffer, uploaded again only when they change between launches.
         *
         * @param values at least one value; copied, so the array may change after the call
         * @return this launch
         */
        Launch arg(int[] values);

        /** @return this launch, with a {@code __constant float*} parameter (as {@link #arg(int[])}) */
        Launch arg(float[] values);

        /**
         * A {@code __constant double*} parameter (as {@link #arg(int[])}), for a device with
         * {@link Gpu#doubles()}.
         *
         * @return this launch
         * @throws IllegalStateException on a device without doubles
         */
        Launch arg(double[] values);

        /**
         * Enqueues the kernel with the arguments given and returns without waiting for it. Later
         * launches, transfers and reads see its results.
         *
         * @throws IllegalArgumentException when the number of arguments differs from the
         *         kernel's parameter count, or a frame belongs to another service
         * @throws IllegalStateException when the launch already ran, a frame was released, or
         *         the service is gone
         * @throws GpuException when the driver refuses the launch
         */
        void run();
    }
}
