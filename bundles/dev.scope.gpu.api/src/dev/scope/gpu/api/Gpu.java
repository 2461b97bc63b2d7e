package dev.scope.gpu.api;

import dev.scope.pipeline.api.Frame;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The workbench's compute device: one OpenCL device, chosen at start, shared by every stage of
 * every session. Published as an OSGi service by the GPU implementation bundle, which is the only
 * bundle that talks to OpenCL.
 *
 * <p><b>Paths.</b> {@link #path()} says how kernels run: {@value #PATH_OPENCL_GPU} on a GPU,
 * {@value #PATH_OPENCL_CPU} on a CPU device (such as PoCL), or {@value #PATH_JAVA} when no OpenCL
 * device exists. On the Java path the service is still registered and {@link #available()} is
 * false; stages run their Java code and must not call the device methods, which then throw
 * {@link IllegalStateException}. The path never changes while the service is registered.
 *
 * <p><b>Threads.</b> Every method is thread-safe; stages of different sessions may compile, upload
 * and launch at the same time. All device work goes into one in-order queue in the order the calls
 * reach it, so a launch, upload or download sees the results of every launch enqueued before it,
 * from any thread. {@link GpuKernel.Launch#run()} returns once the work is enqueued; the blocking
 * calls are {@link #upload}, {@link #download}, {@link DeviceFrame#pixels()} and {@link #finish()}.
 *
 * <p><b>Ownership.</b> Device frames are reference counted, see {@link DeviceFrame}. Programs and
 * kernels belong to this service: they are cached, shared by every caller that compiles the same
 * source with the same options, and released when the service goes away; callers never release
 * them. When the service is unregistered every device object it made becomes invalid.
 *
 * <p><b>Errors.</b> Caller bugs (bad sizes, a released frame, a wrong argument count) throw
 * {@link IllegalArgumentException} or {@link IllegalStateException}; a kernel that does not build
 * throws {@link GpuBuildException}; a failure of the device or driver throws {@link GpuException}.
 */
@ProviderType
public interface Gpu {

    /** {@link #path()} when kernels run on an OpenCL GPU (or another accelerator). */
    String PATH_OPENCL_GPU = "opencl-gpu";

    /** {@link #path()} when kernels run on an OpenCL CPU device, such as PoCL. */
    String PATH_OPENCL_CPU = "opencl-cpu";

    /** {@link #path()} when there is no OpenCL device and stages run Java code. */
    String PATH_JAVA = "java";

    /** @return whether an OpenCL device is in use; false means the {@value #PATH_JAVA} path */
    boolean available();

    /**
     * @return the device's name as its driver reports it, e.g.
     *         {@code "pthread-skylake-avx512-Intel(R) Xeon(R) Processor"}; on the Java path, a
     *         sentence saying why no device is in use
     */
    String deviceName();

    /** @return {@value #PATH_OPENCL_GPU}, {@value #PATH_OPENCL_CPU} or {@value #PATH_JAVA} */
    String path();

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
     * @throws IllegalStateException on the Java path
     */
    GpuProgram compile(String source, String options);

    /**
     * Allocates a device frame, from a pool of buffers of the same size. Its contents are
     * undefined until a kernel writes it.
     *
     * @param width width in pixels, at least 1
     * @param height height in pixels, at least 1
     * @return a frame holding one reference, owned by the caller
     * @throws IllegalArgumentException for a size outside 1 to {@link Frame#MAX_SIDE} on a side
     * @throws IllegalStateException on the Java path
     * @throws GpuException when the device is out of memory
     */
    DeviceFrame allocate(int width, int height);

    /**
     * The frame on this device. A frame already on this device (also when seen through a
     * read-only view the engine hands to stages) is returned itself, with one more reference and
     * no copy; any other frame is copied into a new device frame (a blocking transfer).
     * Either way the caller holds one reference to the result and releases it, or hands the
     * result to the engine in an {@code Output}.
     *
     * @param frame any frame
     * @return the device frame, one reference of it owned by the caller
     * @throws IllegalStateException on the Java path, or for a released device frame
     */
    DeviceFrame upload(Frame frame);

    /**
     * The frame's pixels on the host. A host frame is returned itself; a device frame is copied
     * into a new, writable host frame (a blocking transfer; {@link DeviceFrame#pixels()} is the
     * cached, read-only alternative). The device frame keeps its references.
     *
     * @param frame any frame
     * @return a host frame; a new one is owned by the caller
     * @throws IllegalStateException for a released device frame
     */
    Frame download(Frame frame);

    /**
     * Waits until every launch and transfer enqueued so far, by any thread, has completed. Not
     * needed for correctness (transfers wait for earlier work); useful for timing.
     *
     * @throws GpuException when enqueued work failed on the device
     */
    void finish();

    /**
     * @return counters since the service started: transfers, launches, builds, cache hits and
     *         buffer pool use; on the Java path all zero
     */
    GpuStats stats();
}
