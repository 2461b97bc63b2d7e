package dev.scope.gpu.api;

import dev.scope.pipeline.api.Frame;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A {@link Frame} whose pixels live in a device buffer of the {@link Gpu} that made it: packed
 * pixels, row-major, exactly the layout of {@link Frame#read}, so a kernel sees it as
 * {@code __global uint*} (red in the low byte), {@code uchar4*} or {@code uchar*}, with pixel
 * {@code (x, y)} at index {@code y * width + x}.
 *
 * <p><b>Ownership</b> is that of every frame: reference counted, one reference a handle, released
 * by whoever holds the handle (see {@link Frame}). Only a writable handle (one the caller
 * allocated and has not handed over) may be a kernel's output ({@link GpuKernel.Launch#out});
 * borrowed and retained handles are inputs only ({@link GpuKernel.Launch#in}).
 *
 * <p><b>Host copy.</b> {@link #read} downloads the pixels once and keeps the copy; later reads
 * use it. A launch that writes the frame drops the copy.
 */
@ProviderType
public interface DeviceFrame extends Frame {

    /** @return {@link Frame.Residency#DEVICE}, always */
    @Override
    Residency residency();

    /** @return a new handle of this device frame, one more reference, read-only */
    @Override
    DeviceFrame retain();
}
