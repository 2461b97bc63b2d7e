package dev.scope.engine.internal;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.Collections;

import dev.scope.pipeline.api.Frame;

/** Frame ownership in the engine: device frames are released once, when the engine is done. */
final class Frames {

    private Frames() {
    }

    /** The frame behind the engine's read-only view. */
    static Frame underlying(Frame f) {
        return f instanceof ReadOnlyFrame view ? view.frame() : f;
    }

    /** Gives a frame the engine owns back: a device frame drops a reference, a host frame its memory. */
    static void release(Frame f) {
        underlying(f).release();
    }

    static Set<Frame> identitySet(Collection<Frame> frames) {
        Set<Frame> set = Collections.newSetFromMap(new IdentityHashMap<>());
        frames.forEach(f -> set.add(underlying(f)));
        return set;
    }
}
