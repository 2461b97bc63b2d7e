package dev.scope.engine.internal;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.Collections;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.pipeline.api.Frame;

/** Frame ownership in the engine: device frames are released once, when the engine is done. */
final class Frames {

    private Frames() {
    }

    /** The frame behind the engine's read-only view. */
    static Frame underlying(Frame f) {
        return f instanceof ReadOnlyFrame view ? view.frame() : f;
    }

    /** Drops the engine's reference of a device frame; host frames need nothing. */
    static void release(Frame f) {
        f.unwrap(DeviceFrame.class).ifPresent(DeviceFrame::release);
    }

    static Set<Frame> identitySet(Collection<Frame> frames) {
        Set<Frame> set = Collections.newSetFromMap(new IdentityHashMap<>());
        frames.forEach(f -> set.add(underlying(f)));
        return set;
    }
}
