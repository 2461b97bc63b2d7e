/**
 * OpenCL for pipeline stages, without OpenCL bindings in sight.
 *
 * <p>The {@link dev.scope.gpu.api.Gpu} service exists only when an OpenCL device does. The engine
 * decides where each stage runs: a pipeline whose factory declares
 * {@link dev.scope.pipeline.api.Backend#OPENCL} may be placed on the device, and then finds it in
 * its call's context; its input frames are already {@link dev.scope.gpu.api.DeviceFrame}s there.
 * It compiles its kernels once (from {@code .cl} resources of its bundle), allocates its output
 * on the device and launches kernels with typed arguments; a chain of such stages hands device
 * frames on without a host round trip.
 *
 * <pre>{@code
 * // in call(video, params, context), when context.device(Gpu.class) is present:
 * Gpu gpu = context.device(Gpu.class).orElseThrow();
 * GpuKernel tint = gpu.compile(TintPipeline.class, "tint.cl", "").kernel("tint"); // cached
 * Frame in = video.get(0);                          // on the device already, borrowed
 * DeviceFrame out = gpu.allocate(in.width(), in.height());
 * tint.launch(in.width(), in.height()).in(in).out(out).arg((float) params.amount).run();
 * return Output.of(out);                            // the engine owns out now
 * }</pre>
 *
 * <p>Ownership is that of every frame (see {@link dev.scope.pipeline.api.Frame}): whoever holds a
 * handle releases it; device frames and buffers are reference counted like host frames.
 *
 * <p>This package depends on the JDK and {@code dev.scope.pipeline.api} only. It is semantically
 * versioned: a minor version adds, a major version breaks. 2.0: the service exists only with a
 * device; scratch buffers; typed kernel arguments (in, out, long, double); sources as resources;
 * event-profiled timers.
 */
@Export
@Version("2.0.0")
package dev.scope.gpu.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
