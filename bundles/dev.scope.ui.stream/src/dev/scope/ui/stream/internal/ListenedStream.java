package dev.scope.ui.stream.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.scope.ui.stream.FrameListener;
import dev.scope.ui.stream.StreamController;
import dev.scope.ui.stream.StreamListener;

/**
 * What every {@link StreamController} here keeps the same way: its state listeners, its frame
 * listeners (a copy-on-write list the frame paths read), and the notices it has for the user.
 */
abstract class ListenedStream implements StreamController {

    final Listeners listeners = new Listeners();
    final List<FrameListener> frameListeners = new CopyOnWriteArrayList<>();
    private final List<String> notices = new ArrayList<>();

    @Override
    public List<String> takeNotices() {
        synchronized (notices) {
            List<String> all = List.copyOf(notices);
            notices.clear();
            return all;
        }
    }

    /** @param message one line the user should hear about, once */
    final void notice(String message) {
        synchronized (notices) {
            notices.add(message);
        }
    }

    @Override
    public void addListener(StreamListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(StreamListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void addFrameListener(FrameListener listener) {
        frameListeners.add(listener);
    }

    @Override
    public void removeFrameListener(FrameListener listener) {
        frameListeners.remove(listener);
    }
}
