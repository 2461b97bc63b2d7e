package dev.scope.ui.stream.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.scope.ui.stream.StreamListener;
import dev.scope.ui.stream.StreamState;

/** The controller's state listeners; one that throws is logged and dropped. */
final class Listeners {

    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private final List<StreamListener> all = new CopyOnWriteArrayList<>();

    void add(StreamListener l) {
        all.add(l);
    }

    void remove(StreamListener l) {
        all.remove(l);
    }

    void fire(StreamState state) {
        for (StreamListener l : all) {
            try {
                l.stateChanged(state);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a stream listener failed and was dropped: " + e, e);
                all.remove(l);
            }
        }
    }
}
