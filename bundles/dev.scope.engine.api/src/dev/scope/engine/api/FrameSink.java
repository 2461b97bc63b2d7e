package dev.scope.engine.api;

import java.io.IOException;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where a session's output goes: an MP4 recording, a PNG sequence, a preview tap.
 *
 * <p>One thread (the session's sink thread) calls {@link #accept} for every output frame in
 * presentation order, then {@link #close()} once: the sink thread, or the thread that removes the
 * sink ({@link Session#removeSink}) once its last {@code accept} has returned.
 */
@ConsumerType
public interface FrameSink extends AutoCloseable {

    /** @return a short description for messages, e.g. the output path */
    String description();

    /**
     * Takes one output frame.
     *
     * @param frame the frame and its presentation time; the frame is borrowed for the call
     *        (read-only; {@code retain()} it to keep it, and release what that returned)
     * @param frameRate the output's nominal frame rate (the source's rate times the chain's
     *        frame-rate factor), the same on every call unless {@link Session#replaceChain} swapped
     *        in a chain with another frame-rate factor
     * @throws IOException when writing fails; the session stops this sink and reports it
     */
    void accept(TimedFrame frame, double frameRate) throws IOException;

    /**
     * Finishes the output (writes the file trailer). Called once, after the last frame.
     *
     * @throws IOException when finishing fails
     */
    @Override
    void close() throws IOException;
}
