package dev.scope.pipeline.api;

import java.nio.ByteBuffer;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One video frame of 8-bit RGB, {@code height x width x 3} in the contract's terms.
 *
 * <p><b>Memory layout.</b> Pixels are stored row-major as RGBA8: four bytes per pixel, red
 * first, {@code width * 4} bytes per row, no padding between rows. The fourth byte of each pixel
 * is padding that keeps rows aligned for device buffers; its value is ignored everywhere. The
 * byte of channel {@code c} (0 = red, 1 = green, 2 = blue) of pixel {@code (x, y)} is at index
 * {@code (y * width + x) * 4 + c} of {@link #pixels()}.
 *
 * <p><b>Residency.</b> A frame lives in host memory or on a compute device (a GPU buffer owned by
 * the engine's GPU bundle). {@link #pixels()} always works: for a device frame it copies the
 * pixels to the host once and keeps the copy. Stages that run on the device reach the device
 * buffer through the GPU bundle's API, never through this interface.
 *
 * <p><b>Ownership and threads.</b> Frames handed to {@link Pipeline#call} are read-only and owned
 * by the engine; they are valid only during the call. Frames a pipeline creates with
 * {@link #allocate} are writable until returned in an {@link Output}; then they belong to the
 * engine and must not be touched again. Frame memory is reused: the owner of a frame calls
 * {@link #release()} when it is done with it (the engine does this for every frame in a chain),
 * after which the memory may belong to another frame. A frame is not thread-safe; the engine
 * hands a frame to one stage at a time.
 */
@ProviderType
public interface Frame {

    /** Bytes per pixel in {@link #pixels()}. */
    int BYTES_PER_PIXEL = 4;

    /**
     * The largest width and height of a frame, in pixels: the limit on every path (sources, stages,
     * device buffers, sinks). An 8192 x 8192 frame is 256 MiB.
     *
     * @since 1.3
     */
    int MAX_SIDE = 8192;

    /** Where a frame's pixels live. */
    enum Residency {
        /** In host (Java heap or direct) memory. */
        HOST,
        /** In a compute device's memory; {@link Frame#pixels()} downloads on first use. */
        DEVICE
    }

    /** @return the width in pixels, at least 1 */
    int width();

    /** @return the height in pixels, at least 1 */
    int height();

    /** @return where the pixels live now */
    Residency residency();

    /**
     * The pixels, laid out as described above. Position 0, limit {@code width * height * 4},
     * native byte order. The buffer is read-only for frames the engine hands in, writable for
     * frames allocated by the caller. Each call returns a new view of the same memory.
     *
     * @return a view of the pixel memory
     */
    ByteBuffer pixels();

    /**
     * Convenience read of one pixel; slow compared with {@link #pixels()}.
     *
     * @param x column, {@code 0 <= x < width}
     * @param y row, {@code 0 <= y < height}
     * @return the pixel as {@code 0xRRGGBB}
     */
    default int rgb(int x, int y) {
        if (x < 0 || y < 0 || x >= width() || y >= height()) {
            throw new IndexOutOfBoundsException(
                    "pixel (" + x + ", " + y + ") outside " + width() + "x" + height());
        }
        ByteBuffer p = pixels();
        int i = (y * width() + x) * BYTES_PER_PIXEL;
        return (p.get(i) & 0xFF) << 16 | (p.get(i + 1) & 0xFF) << 8 | (p.get(i + 2) & 0xFF);
    }

    /**
     * Access to an implementation-specific view, such as the device buffer of a device frame.
     * Only engine and GPU bundles use this.
     *
     * @param type the view's type
     * @return the view, or empty when this frame has none of that type
     */
    default <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }

    /**
     * Gives the frame's memory back for reuse. Only the frame's owner calls this, once: the engine
     * for the frames of a chain, a stage for frames it allocated and does not return. A stage never
     * releases a frame it was given. Afterwards the frame and every buffer view of it must not be
     * used. The default does nothing (memory left to the garbage collector).
     *
     * @since 1.1
     */
    default void release() {
    }

    /**
     * Allocates a writable host frame, all bytes zero. The memory may come from a frame released
     * earlier.
     *
     * @param width width in pixels, at least 1
     * @param height height in pixels, at least 1
     * @return the new frame, owned by the caller until returned in an {@link Output}
     * @throws IllegalArgumentException for a non-positive size or one above {@link #MAX_SIDE} on a side
     */
    static Frame allocate(int width, int height) {
        return new HostFrame(width, height, true);
    }

    /**
     * Allocates a writable host frame whose bytes are unspecified: they may still hold the pixels
     * of a frame released earlier. For stages that write every pixel of their output, which then
     * save the pass over the memory that zeroing costs ({@link #allocate} does one).
     *
     * @param width width in pixels, at least 1
     * @param height height in pixels, at least 1
     * @return the new frame, owned by the caller until returned in an {@link Output}
     * @throws IllegalArgumentException for a non-positive size or one above {@link #MAX_SIDE} on a side
     * @since 1.2
     */
    static Frame allocateUninitialized(int width, int height) {
        return new HostFrame(width, height, false);
    }

    /**
     * Copies a frame into a new writable host frame.
     *
     * @param source the frame to copy, host or device
     * @return the copy, owned by the caller
     */
    static Frame copyOf(Frame source) {
        HostFrame copy = new HostFrame(source.width(), source.height(), false);
        copy.pixels().put(source.pixels());
        return copy;
    }
}
