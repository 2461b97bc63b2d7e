package dev.scope.ui.stream.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.TimedFrame;
import dev.scope.ui.stream.FrameListener;

/**
 * A source that shows every frame it reads to the {@link FrameListener}s (the preview's input
 * side) before the chain gets it: a reference each, no copy. Everything else is the wrapped
 * source's.
 */
final class TapSource implements FrameSource {


    private final FrameSource source;
    private final List<FrameListener> listeners;

    TapSource(FrameSource source, List<FrameListener> listeners) {
        this.source = source;
        this.listeners = listeners;
    }

    @Override
    public String description() {
        return source.description();
    }

    @Override
    public double frameRate() {
        return source.frameRate();
    }

    @Override
    public int width() {
        return source.width();
    }

    @Override
    public int height() {
        return source.height();
    }

    @Override
    public boolean endless() {
        return source.endless();
    }

    @Override
    public TimedFrame next() throws IOException {
        TimedFrame timed = source.next();
        if (timed != null) {
            Frames.handOut(listeners, timed.frame(), timed.ptsMicros(), false);
        }
        return timed;
    }

    @Override
    public Optional<String> damage() {
        return source.damage();
    }

    @Override
    public void close() {
        source.close();
    }
}
