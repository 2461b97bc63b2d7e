package dev.scope.engine.api;

import java.io.IOException;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where a session's frames come from: a video file, an image, a test pattern, a camera.
 *
 * <p>One thread (the session's source thread) calls {@link #next()} repeatedly, then
 * {@link #close()}; {@link #close()} may also come from another thread to stop a blocking read.
 */
@ConsumerType
public interface FrameSource extends AutoCloseable {

    /** @return a short description for messages and stats, e.g. {@code "testsrc 1280x720@30"} */
    String description();

    /** @return the nominal frame rate in frames per second, above 0 */
    double frameRate();

    /** @return the frame width in pixels */
    int width();

    /** @return the frame height in pixels */
    int height();

    /**
     * @return whether {@link #next()} never returns {@code null} by itself: a camera, a generated
     *         pattern, a still image, a looping file. The default is a source that ends.
     * @since 1.1
     */
    default boolean endless() {
        return false;
    }

    /**
     * Reads the next frame. Blocks until it is decoded or captured; does not pace to real time
     * (the session does).
     *
     * @return the next frame with its presentation time, its handle owned by the caller (who
     *         releases it); {@code null} at the end of the stream
     * @throws IOException when reading fails; the message names the source
     */
    TimedFrame next() throws IOException;

    /**
     * Whether the input turned out damaged, asked after {@link #next()} returned {@code null}: a
     * file that ended before the frames its container promised, or whose frames did not decode.
     * The default is a source that is never damaged.
     *
     * @return one line naming the input, how many frames were read and how many it promised (or
     *         what failed to decode); empty when the input was whole
     * @since 2.0
     */
    default Optional<String> damage() {
        return Optional.empty();
    }

    /** Releases the source. Idempotent. */
    @Override
    void close();
}
