package dev.scope.ui.stream;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when the stream's state changes: started, paused, stopped, a stage failed, a recording
 * began or ended, the chain or the source changed.
 */
@ConsumerType
@FunctionalInterface
public interface StreamListener {

    /**
     * Called on one of the controller's threads, never the caller's display thread; must return
     * quickly (hop to the UI thread for widget work). An exception is logged and the listener
     * dropped.
     *
     * @param state the new state
     */
    void stateChanged(StreamState state);
}
