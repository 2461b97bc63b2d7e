package dev.scope.gpu.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One {@code __kernel} function of a {@link GpuProgram}. It belongs to the {@link Gpu} service;
 * it is thread-safe: launches from several threads are enqueued one after the other, each with
 * its own arguments.
 *
 * <p>A launch runs the kernel once per work item of a 2D range, {@code get_global_id(0)} from 0 to
 * {@code globalWidth - 1} and {@code get_global_id(1)} from 0 to {@code globalHeight - 1}; the
 * driver picks the work-group size. Arguments are given in the order of the kernel's parameters:
 * <pre>{@code
 * // __kernel void tint(__global const uchar4* src, __global uchar4* dst, float amount)
 * DeviceFrame out = gpu.allocate(w, h);
 * tint.launch(w, h).arg(src).arg(out).arg(0.5f).run();
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
         * A {@code __global} buffer parameter ({@code uchar4*} or {@code uchar*}): the frame's
         * device buffer. The frame must be a live frame of this {@link Gpu}: use
         * {@link Gpu#upload} for any other frame. The launch drops the frame's host copy.
         *
         * @param frame a device frame of this service
         * @return this launch
         */
        Launch arg(DeviceFrame frame);

        /**
         * An {@code int} (or {@code uint}) parameter.
         *
         * @param value the value
         * @return this launch
         */
        Launch arg(int value);

        /**
         * A {@code float} parameter.
         *
         * @param value the value
         * @return this launch
         */
        Launch arg(float value);

        /**
         * A {@code __constant float*} (or {@code __global const float*}) parameter: the values are
         * copied to a read-only device buffer that lives for this launch only.
         *
         * @param values at least one value; copied, so the array may change after the call
         * @return this launch
         */
        Launch arg(float[] values);

        /**
         * A {@code __constant int*} (or {@code __global const int*}) parameter: the values are
         * copied to a read-only device buffer that lives for this launch only.
         *
         * @param values at least one value; copied, so the array may change after the call
         * @return this launch
         */
        Launch arg(int[] values);

        /**
         * Enqueues the kernel with the arguments given and returns without waiting for it. Later
         * launches, transfers and {@link DeviceFrame#pixels()} see its results.
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
