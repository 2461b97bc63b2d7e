/**
 * OpenCL for pipeline stages, without OpenCL bindings in sight.
 *
 * <p>A stage gets the {@link dev.scope.gpu.api.Gpu} service (a DS reference), checks
 * {@link dev.scope.gpu.api.Gpu#available()}, compiles its kernel source once
 * ({@link dev.scope.gpu.api.Gpu#compile}), and per frame uploads its input (a no-op for a frame
 * that is already on the device), launches kernels on {@link dev.scope.gpu.api.DeviceFrame}s and
 * returns a device frame. A chain of such stages hands device frames on without a host round
 * trip; the pixels come back to the host only when a host stage or a sink calls
 * {@link dev.scope.pipeline.api.Frame#pixels()}. When no OpenCL device exists the service is still
 * there and reports the {@code "java"} path: stages then run their Java code.
 *
 * <pre>{@code
 * // at load: once (cached by source and options, also on disk)
 * GpuKernel tint = gpu.compile(TINT_SOURCE, "").kernel("tint");
 * // in call(frames, params):
 * DeviceFrame src = gpu.upload(frames.get(0));      // no copy when it is already on the device
 * DeviceFrame dst = gpu.allocate(src.width(), src.height());
 * float amount = (float) params.getDouble("amount", 1);
 * tint.launch(src.width(), src.height()).arg(src).arg(dst).arg(amount).run();
 * src.release();                                    // our reference; the engine keeps its own
 * return Output.of(dst);                            // the engine owns dst now
 * }</pre>
 *
 * <p>Ownership in one line: whoever allocates or uploads a device frame holds one reference and
 * either releases it or hands it to the engine in an {@code Output}; the engine releases every
 * frame it owns when the frame is done; a stage never releases a frame it was given.
 *
 * <p>This package depends on the JDK and {@code dev.scope.pipeline.api} only. It is semantically
 * versioned: a minor version adds, a major version breaks.
 */
@Export
@Version("1.0.0")
package dev.scope.gpu.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
