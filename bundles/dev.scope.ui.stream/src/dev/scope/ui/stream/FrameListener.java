package dev.scope.ui.stream;

import dev.scope.pipeline.api.Frame;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the stream's frames for a preview: every output frame the chain makes and every input
 * frame the source reads.
 *
 * <p>Each call hands over <em>one reference</em> to a read-only frame: the listener owns it and
 * releases it exactly once ({@link Frame#release()}), now or later, or passes it on to something that
 * takes ownership (the preview canvas's {@code offerOutput}/{@code offerInput}). Calls come on the
 * session's threads (the source thread for input, the sink thread for output), one at a time per
 * kind, and must return quickly: a listener that cannot keep up keeps the newest frame and releases
 * the others. Frames dropped by a slow preview are never dropped from the recording. An exception
 * is logged, the frame released, and the listener dropped.
 */
@ConsumerType
public interface FrameListener {

    /**
     * @param frame an output frame; the listener owns this reference
     * @param ptsMicros its presentation time in microseconds from the start of the stream
     */
    void outputFrame(Frame frame, long ptsMicros);

    /**
     * @param frame an input frame as the source read it; the listener owns this reference. The
     *        default releases it at once.
     * @param ptsMicros its presentation time in microseconds from the start of the stream
     */
    default void inputFrame(Frame frame, long ptsMicros) {
        frame.release();
    }
}
