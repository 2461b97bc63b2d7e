package dev.scope.ui.stream.internal;

import java.util.List;

import dev.scope.pipeline.api.Frame;
import dev.scope.ui.stream.FrameListener;

/** Frame helpers of the controller. */
final class Frames {

    private static final System.Logger LOG = System.getLogger(Frames.class.getName());

    private Frames() {
    }

    /**
     * Hands a reference of {@code frame} to each listener ({@link FrameListener}'s contract); a
     * listener that throws is logged and dropped from {@code listeners}, and the reference it was
     * given released (unless it released it already). The caller's own reference is untouched.
     *
     * @param output whether it is an output frame (else an input frame)
     */
    static void handOut(List<FrameListener> listeners, Frame frame, long ptsMicros, boolean output) {
        for (FrameListener l : listeners) {
            Frame mine = frame.retain();
            try {
                if (output) {
                    l.outputFrame(mine, ptsMicros);
                } else {
                    l.inputFrame(mine, ptsMicros);
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a frame listener failed and was dropped: " + e, e);
                listeners.remove(l);
                releaseQuietly(mine);
            }
        }
    }

    /** Releases a reference a failed listener may or may not have released already. */
    static void releaseQuietly(Frame frame) {
        try {
            frame.release();
        } catch (IllegalStateException alreadyReleased) {
            // the listener released it before it failed
        }
    }
}
