package dev.scope.pipeline.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Makes new host frames, from the platform's bounded pool of frame memory (a fresh direct buffer
 * of a full HD frame costs milliseconds; a pooled one only its zeroing, or nothing). Pipelines
 * reach it through {@link CallContext#frames()}; the platform's own bundles get it as a service.
 *
 * <p>Every frame it returns is writable and holds one reference, owned by the caller (see
 * {@link Frame}). Thread-safe.
 */
@ProviderType
public interface FrameAllocator {

    /**
     * @param width width in pixels, 1 to {@link Frame#MAX_SIDE}
     * @param height height in pixels, 1 to {@link Frame#MAX_SIDE}
     * @return a new writable frame, every pixel {@code 0} (black, padding {@code 0})
     * @throws IllegalArgumentException for a size outside the limits, naming them
     */
    Frame allocate(int width, int height);

    /**
     * A new writable frame whose pixels are unspecified (they may be those of a frame released
     * earlier): for code that writes every pixel, and so saves the pass that zeroing costs.
     *
     * @param width width in pixels, 1 to {@link Frame#MAX_SIDE}
     * @param height height in pixels, 1 to {@link Frame#MAX_SIDE}
     * @return a new writable frame
     * @throws IllegalArgumentException for a size outside the limits, naming them
     */
    Frame allocateUninitialized(int width, int height);

    /**
     * @param width width in pixels
     * @param height height in pixels
     * @param pixels at least {@code width * height} packed pixels (see {@link Frame})
     * @return a new writable frame holding them
     * @throws IndexOutOfBoundsException when {@code pixels} is too short (nothing is left allocated)
     */
    default Frame of(int width, int height, int[] pixels) {
        Frame frame = allocateUninitialized(width, height);
        try {
            frame.write(pixels);
        } catch (RuntimeException | Error e) {
            frame.release();
            throw e;
        }
        return frame;
    }

    /**
     * @param source any frame, host or device, borrowed or not
     * @return a new writable host frame with the same pixels
     */
    Frame copyOf(Frame source);
}
