package dev.scope.gpu.api;

import java.nio.ByteBuffer;

import dev.scope.pipeline.api.Frame;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A {@link Frame} whose pixels live in a device buffer of the {@link Gpu} that made it: RGBA8,
 * row-major, {@code width * 4} bytes per row, exactly the layout of {@link Frame#pixels()}, so a
 * kernel sees it as {@code __global uchar4*} (or {@code uchar*}) with pixel {@code (x, y)} at
 * index {@code y * width + x}.
 *
 * <p><b>Ownership.</b> A device frame is reference counted. {@link Gpu#allocate} and
 * {@link Gpu#upload} each give the caller one reference; {@link #release()} drops one; when the
 * last is dropped the buffer goes back to the service's pool for the next frame of that size.
 * The rules for stages:
 * <ul>
 * <li>A stage never releases a frame it was given: the engine owns its inputs and releases them
 * when the frame is done (no later stage or sink needs it).</li>
 * <li>A stage releases what it allocated or uploaded, except the frames it returns in an
 * {@code Output}: those belong to the engine from then on. A stage that returns its input
 * unchanged returns the engine's own frame, which the engine releases once.</li>
 * <li>A frame a stage was given is read-only: never pass it as a kernel's output.</li>
 * </ul>
 * A frame that becomes unreachable without being released is still returned to the pool (and
 * counted in {@link GpuStats#framesLeaked()}); do not rely on it, since the garbage collector
 * does not see device memory.
 *
 * <p><b>Host copy.</b> {@link #pixels()} downloads the pixels once and keeps the copy; later
 * calls return views of it. Passing the frame to a kernel launch drops the copy (the kernel may
 * write the frame), so the next {@code pixels()} downloads again. The copy's memory is pooled
 * too: its views are valid until the frame is released, like the frame itself; keep pixels beyond
 * that with {@link Frame#copyOf} or {@link Gpu#download}.
 *
 * <p><b>Threads.</b> Like any frame, it is used by one stage at a time; {@link #release()} may be
 * called from any thread.
 */
@ProviderType
public interface DeviceFrame extends Frame {

    /** @return {@link Frame.Residency#DEVICE}, always */
    @Override
    Residency residency();

    /**
     * The pixels on the host: the first call after a launch downloads them (a blocking
     * transfer that waits for the launches enqueued before it), later calls return views of that
     * copy.
     *
     * @return a read-only view of the host copy, position 0, native byte order; valid until the
     *         frame is released
     * @throws IllegalStateException when the frame has been released or its service is gone
     */
    @Override
    ByteBuffer pixels();

    /**
     * Drops one reference; the last one returns the buffer to the pool. Work already enqueued on
     * the frame still completes correctly, so a frame may be released right after the launch that
     * reads it.
     *
     * @throws IllegalStateException when no reference is left (released once too often)
     */
    @Override
    void release();
}
