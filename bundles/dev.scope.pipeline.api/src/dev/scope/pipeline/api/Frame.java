package dev.scope.pipeline.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One video frame of 8-bit RGB, {@code height x width x 3} in Scope's terms, held through a
 * <em>handle</em>: this object.
 *
 * <p><b>Pixels.</b> A frame is read and written as packed pixels, one {@code int} a pixel in
 * row-major order, red in the low byte, then green and blue; the high byte is padding, ignored on
 * input and set to {@code 0xFF} in every frame the platform makes. Whole frames or bands of rows
 * move in one bulk copy each way ({@link #read}, {@link #write}), so pipeline code works on plain
 * {@code int[]} arrays. No view of a frame's memory is ever handed out, so nothing can alias memory
 * that a released frame gave back.
 *
 * <p><b>Ownership, one rule for every frame.</b> Frame memory is reference counted, on the host
 * and on a device alike (as GStreamer's buffers): every handle holds one reference, and whoever
 * holds a handle releases it, once, with {@link #release()}. The memory is reused when its last
 * handle is released.
 * <ul>
 * <li>{@link FrameAllocator#allocate} (through {@link CallContext#frames()}) gives the caller a new
 * writable frame: one handle, owned by the caller.</li>
 * <li>{@link #retain()} gives the caller another handle to the same pixels, owned by the caller;
 * that is how a stage keeps a frame beyond its call, with no copy.</li>
 * <li>The frames a stage receives in {@link Pipeline#call} are <em>borrowed</em>: read-only
 * handles the engine lends for the call. Releasing one is an error
 * ({@link IllegalStateException}); {@link #retain()} one to keep it.</li>
 * <li>Returning a frame in an {@link Output} hands that handle to the engine (a borrowed input
 * returned as it is stays the engine's: it takes its own reference).</li>
 * </ul>
 * Using a handle after its release throws {@link IllegalStateException}.
 *
 * <p><b>Residency.</b> A frame lives in host memory or on a compute device. {@link #read} works
 * for both: a device frame copies its pixels to the host once and keeps the copy until it is
 * written again. Kernels reach device frames through the GPU API, never through this interface.
 *
 * <p><b>Threads.</b> A handle is used by one thread at a time; {@link #release()} may come from
 * any thread. Bulk reads and writes of disjoint rows of one frame may run on several threads at
 * once.
 */
@ProviderType
public interface Frame {

    /**
     * The largest width and height of a frame, in pixels: the limit on every path (sources, stages,
     * device buffers, sinks). An 8192 x 8192 frame is 256 MiB.
     */
    int MAX_SIDE = 8192;

    /** The padding byte of packed pixels, set in every frame the platform makes. */
    int OPAQUE = 0xFF00_0000;

    /** Where a frame's pixels live. */
    enum Residency {
        /** In host memory. */
        HOST,
        /** In a compute device's memory; {@link Frame#read} copies them to the host on first use. */
        DEVICE
    }

    /** @return the width in pixels, 1 to {@link #MAX_SIDE} */
    int width();

    /** @return the height in pixels, 1 to {@link #MAX_SIDE} */
    int height();

    /** @return where the pixels live now */
    Residency residency();

    /**
     * @return whether {@link #write} may be called: true for a frame the caller allocated, until
     *         it hands it over in an {@link Output}; false for borrowed and retained handles
     */
    boolean writable();

    /**
     * Copies every pixel into {@code dst}, packed (see above), row after row.
     *
     * @param dst at least {@code width * height} ints
     * @throws IllegalStateException when this handle was released
     */
    default void read(int[] dst) {
        readRows(0, height(), dst, 0);
    }

    /**
     * Copies the pixels of rows {@code firstRow} to {@code firstRow + rows - 1} into {@code dst} from
     * {@code offset} on, packed, row after row.
     *
     * @throws IndexOutOfBoundsException for rows outside the frame or a too short array
     * @throws IllegalStateException when this handle was released
     */
    void readRows(int firstRow, int rows, int[] dst, int offset);

    /**
     * Sets every pixel from {@code src}, packed (the padding byte is stored as {@code 0xFF}).
     *
     * @param src at least {@code width * height} ints
     * @throws IllegalStateException when the frame is not {@link #writable()} or was released
     */
    default void write(int[] src) {
        writeRows(0, height(), src, 0);
    }

    /**
     * Sets the pixels of rows {@code firstRow} to {@code firstRow + rows - 1} from {@code src}, from
     * {@code offset} on, packed.
     *
     * @throws IndexOutOfBoundsException for rows outside the frame or a too short array
     * @throws IllegalStateException when the frame is not {@link #writable()} or was released
     */
    void writeRows(int firstRow, int rows, int[] src, int offset);

    /**
     * Convenience read of one pixel; slow next to {@link #readRows}.
     *
     * @param x column, {@code 0 <= x < width}
     * @param y row, {@code 0 <= y < height}
     * @return the pixel as {@code 0xRRGGBB}
     */
    default int rgb(int x, int y) {
        if (x < 0 || y < 0 || x >= width() || y >= height()) {
            throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") outside " + width() + "x" + height());
        }
        int[] row = new int[width()];
        readRows(y, 1, row, 0);
        int p = row[x];
        return (p & 0xFF) << 16 | (p >>> 8 & 0xFF) << 8 | (p >>> 16 & 0xFF);
    }

    /**
     * Another handle to the same pixels, holding one more reference. The caller owns it and
     * releases it; it is read-only.
     *
     * @return the new handle
     * @throws IllegalStateException when this handle was released
     */
    Frame retain();

    /**
     * Drops this handle's reference; the memory is reused once its last handle is released.
     * Afterwards the handle must not be used.
     *
     * @throws IllegalStateException when this handle was already released, or is a borrowed input
     *         of a {@link Pipeline#call}
     */
    void release();
}
