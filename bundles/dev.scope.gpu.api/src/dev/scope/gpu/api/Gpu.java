package dev.scope.gpu.api;

import dev.scope.pipeline.api.Frame;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The workbench's compute device: one OpenCL device, chosen at start, shared by every stage of
 * every session. The GPU implementation bundle registers it as an OSGi service only when such a
 * device exists: no service means no device, and stages then run in Java.
 *
 * <p>A stage placed on the device by the engine reaches it as {@code context.device(Gpu.class)};
 * its input frames are then {@link DeviceFrame}s already on this device.
 *
 * <p><b>Threads.</b> Every method is thread-safe; stages of different sessions may compile,
 * allocate and launch at the same time. All device work goes into one in-order queue in the order
 * the calls reach it, so a launch or transfer sees the results of every launch enqueued before it,
 * from any thread. {@link GpuKernel.Launch#run()} returns once the work is enqueued; the blocking
 * calls are {@link #upload}, {@link #download}, {@link Frame#read} of a device frame, and
 * {@link #finish()}.
 *
 * <p><b>Ownership.</b> Device frames and buffers are reference counted like every frame (see
 * {@link Frame}): the caller of {@link #allocate}, {@link #upload} and {@link #buffer} holds one
 * reference and releases it, or hands a frame to the engine in an {@code Output}. Programs and
 * kernels belong to this service: cached, shared by every caller that compiles the same source
 * with the same options, released when the service goes away. When the service is unregistered
 * every device object it made becomes invalid.
 *
 * <p><b>Errors.</b> Caller bugs (bad sizes, a released frame, a wrong argument) throw
 * {@link IllegalArgumentException} or {@link IllegalStateException}; a kernel that does not build
 * throws {@link GpuBuildException}; a failure of the device or driver throws {@link GpuException}.
 */
@ProviderType
public interface Gpu {

    /** {@link #path()} when kernels run on an OpenCL GPU (or another accelerator). */
    String PATH_OPENCL_GPU = "opencl-gpu";

    /** {@link #path()} when kernels run on an OpenCL CPU device, such as PoCL. */
    String PATH_OPENCL_CPU = "opencl-cpu";

    /**
     * @return the device's name as its driver reports it, e.g.
     *         {@code "pthread-skylake-avx512-Intel(R) Xeon(R) Processor"}
     */
    String deviceName();

    /** @return {@value #PATH_OPENCL_GPU} or {@value #PATH_OPENCL_CPU} */
    String path();

    /** @return whether the device computes in double precision ({@code cl_khr_fp64}) */
    boolean doubles();

    /** @return the device's global memory in bytes */
    long memoryBytes();

    /**
     * Builds an OpenCL C program, or returns it from the cache. Programs are cached in the process
     * by source and options (the second call returns the same object) and on disk as device
     * binaries keyed by source, options, device and driver, so that a restart skips the compiler.
     * Call it once (at load time, or on the first frame), not per frame.
     *
     * @param source the OpenCL C source, one or more {@code __kernel} functions
     * @param options build options such as {@code "-cl-fast-relaxed-math -DRADIUS=2"}; empty or
     *        null for none
     * @return the program, owned by this service
     * @throws GpuBuildException when the source does not build; the message names the first error
     *         line of the build log
     */
    GpuProgram compile(String source, String options);

    /**
     * Builds a program whose source is a resource beside a class, such as {@code blur.cl} next to
     * {@code BlurPipeline.class} in the plugin's bundle: kernel sources stay {@code .cl} files.
     *
     * @param anchor a class whose loader finds the resource (the stage's own class)
     * @param resource the resource name, relative to the anchor's package (as
     *        {@link Class#getResource}), UTF-8
     * @param options build options, as {@link #compile(String, String)}
     * @return the program, owned by this service
     * @throws IllegalArgumentException when there is no such resource
     * @throws GpuBuildException when the source does not build
     */
    GpuProgram compile(Class<?> anchor, String resource, String options);

    /**
     * Allocates a device frame, from a pool of buffers of the same size. Its contents are
     * undefined until a kernel writes it; it is writable (a kernel's {@link GpuKernel.Launch#out}).
     *
     * @param width width in pixels, at least 1
     * @param height height in pixels, at least 1
     * @return a frame holding one reference, owned by the caller
     * @throws IllegalArgumentException for a size outside 1 to {@link Frame#MAX_SIDE} on a side
     * @throws GpuException when the device is out of memory
     */
    DeviceFrame allocate(int width, int height);

    /**
     * Allocates scratch device memory, from a pool of buffers of the same size: intermediate
     * results, tables. Its contents are undefined until written.
     *
     * @param bytes the size, at least 1
     * @return a buffer holding one reference, owned by the caller
     * @throws GpuException when the device is out of memory
     */
    GpuBuffer buffer(long bytes);

    /**
     * A buffer holding a copy of the values (a blocking transfer): a table computed on the host.
     *
     * @param values at least one value
     * @return a buffer holding one reference, owned by the caller
     */
    GpuBuffer buffer(int[] values);

    /**
     * The frame on this device. A frame already on this device (also a borrowed or retained handle
     * of one) comes back as a new handle of it, with no copy; any other frame is copied into a new
     * device frame (a blocking transfer). Either way the caller owns the result and releases it.
     *
     * @param frame any frame
     * @return a handle of the device frame, owned by the caller
     * @throws IllegalStateException for a released frame
     */
    DeviceFrame upload(Frame frame);

    /**
     * A host copy of a device frame, read from the device straight into the memory of a new frame
     * of {@code frames} (a blocking transfer that waits for the launches enqueued before it): for the
     * engine, when a host stage or a sink needs the pixels. {@link Frame#read} is the way for
     * pipeline code.
     *
     * @param frame a handle of a device frame of this service
     * @param frames where the host frame comes from
     * @return a new host frame, owned by the caller
     * @throws IllegalArgumentException for a host frame or one of another service
     */
    Frame download(Frame frame, dev.scope.pipeline.api.FrameAllocator frames);

    /**
     * Waits until every launch and transfer enqueued so far, by any thread, has completed. Not
     * needed for correctness (transfers wait for earlier work) and not on the engine's normal path
     * (it times stages with {@link #startTimer()}); for benchmarks.
     *
     * @throws GpuException when enqueued work failed on the device
     */
    void finish();

    /**
     * Starts timing the device work the calling thread enqueues, by OpenCL event profiling: every
     * launch the thread enqueues until {@link GpuTimer#close()} is counted. Never waits for the
     * device.
     *
     * @return the open timer, for the calling thread only
     */
    GpuTimer startTimer();

    /**
     * @return counters since the service started: transfers, launches, builds, cache hits and
     *         buffer pool use
     */
    GpuStats stats();
}
