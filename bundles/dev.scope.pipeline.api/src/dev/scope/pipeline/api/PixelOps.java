package dev.scope.pipeline.api;

import java.util.function.IntUnaryOperator;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The platform's fast per-pixel work, reached through {@link CallContext#pixels()}: each call
 * makes a new frame (owned by the caller) from an input frame, working in bands of rows over the
 * machine's cores. When the input is on the OpenCL device the engine placed the stage on,
 * {@link #affine} and {@link #lookup} run there and return a device frame; that device path is the
 * platform's, not the pipeline's.
 *
 * <p>Every result has the padding byte set. The operations are exact as stated, so their results
 * are the same on every path.
 */
@ProviderType
public interface PixelOps {

    /**
     * The same affine map of every red, green and blue level: {@code gain * v + offset}, rounded
     * and clamped to {@code 0..255}. When every level stays inside {@code 0..255} without clamping
     * (as for an inversion or a fade), the map runs as a blend in 8-bit fixed point: exact to within
     * one level, at the speed of a copy; otherwise through a table, exact.
     *
     * @param in the input, host or device
     * @param gain the slope; {@code -1} with {@code offset = 255} inverts
     * @param offset the level of {@code v = 0}
     * @return a new frame
     */
    Frame affine(Frame in, double gain, double offset);

    /**
     * Maps every red, green and blue level through one table of 256 levels, built from
     * {@code level} the first time a {@code key} is seen and reused while the same key comes
     * (pass the call's parameters object: the engine makes a new one for every change, so the
     * table is rebuilt exactly when a parameter changes).
     *
     * @param in the input, host or device
     * @param key what the table depends on; compared by identity
     * @param level a level {@code 0..255} to a level; values outside {@code 0..255} are clamped
     * @return a new frame
     */
    Frame lookup(Frame in, Object key, IntUnaryOperator level);

    /**
     * Runs maps one after the other in one pass over the frame: the levels of applying each to the
     * result of the one before, without the frames in between. On the device when the input is on
     * the device the engine placed the stage on (one kernel), else in Java over chunks of pixels
     * that stay in the first-level cache.
     *
     * @param in the input, host or device
     * @param maps the maps, in order; none makes a copy
     * @return a new frame
     * @since 2.1
     */
    Frame apply(Frame in, java.util.List<PixelMap> maps);

    /**
     * Any per-pixel function of packed pixels (see {@link Frame}), in Java (a device input is read
     * back first). Slower than {@link #affine} and {@link #lookup}, which need no call per pixel.
     *
     * @param in the input
     * @param pixel a packed pixel to a packed pixel; it may be called from several threads at once
     * @return a new host frame
     */
    Frame map(Frame in, IntUnaryOperator pixel);

    /**
     * Runs {@code body} over bands of {@code rows} rows on the machine's cores and returns when
     * every band is done. The number of bands is fixed for a given size, so per-band scratch
     * arrays (indexed by {@code band}) may be kept across calls; one band runs on one thread at a
     * time. Small pictures stay on the calling thread.
     *
     * @param rows the number of rows, at least 1
     * @param width the pixels of a row, to keep small pictures on one thread
     * @param body the work of rows {@code from} (inclusive) to {@code to} (exclusive)
     */
    void inBands(int rows, int width, Bands body);

    /**
     * @param rows the number of rows
     * @param width the pixels of a row
     * @return the number of bands {@link #inBands} splits such a picture into
     */
    int bands(int rows, int width);

    /** The work of one band of rows. */
    @FunctionalInterface
    interface Bands {
        /**
         * @param band the band's index, {@code 0} to {@code bands - 1}
         * @param from the first row
         * @param to the row after the last
         */
        void rows(int band, int from, int to);
    }
}
