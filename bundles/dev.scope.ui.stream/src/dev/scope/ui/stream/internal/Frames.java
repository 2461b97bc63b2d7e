package dev.scope.ui.stream.internal;

import dev.scope.pipeline.api.Frame;

/** Frame helpers of the controller. */
final class Frames {

    private Frames() {
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
