package dev.scope.ui.stream.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.TimedFrame;
import dev.scope.pipeline.api.Frame;
import dev.scope.ui.stream.FrameListener;

/**
 * Where the controller's output frames go, across sessions: a reference of each to every
 * {@link FrameListener} (the preview), the frame to the MP4 recording if one runs, and the latest
 * frame kept for snapshots. The recording outlives a session restarted on a new chain or source:
 * each session's presentation times are shifted to follow the last frame written, so the file's
 * times keep rising.
 *
 * <p>{@link #session()} gives the sink one session writes to, on its sink thread; recording is
 * started and stopped from other threads, under this object's lock.
 */
final class FanOutSink {

    private static final System.Logger LOG = System.getLogger(FanOutSink.class.getName());

    private final List<FrameListener> listeners;
    private final Object lock = new Object();
    private FrameSink recorder;
    private Frame latest;
    /** Added to the presentation times of the current session. */
    private long ptsOffset;
    /** The next offset: just past the last frame seen. */
    private long ptsEnd;

    FanOutSink(List<FrameListener> listeners) {
        this.listeners = listeners;
    }

    /** @return a sink for one session, whose times follow those of the sessions before it */
    FrameSink session() {
        synchronized (lock) {
            ptsOffset = ptsEnd;
        }
        return new FrameSink() {
            @Override
            public String description() {
                return "the workbench's preview and recording";
            }

            @Override
            public void accept(TimedFrame frame, double frameRate) throws IOException {
                FanOutSink.this.accept(frame, frameRate);
            }

            @Override
            public void close() {
                // the recording and the latest frame outlive the session
            }
        };
    }

    private void accept(TimedFrame timed, double frameRate) throws IOException {
        Frame frame = timed.frame();
        Frames.handOut(listeners, frame, timed.ptsMicros(), true);
        synchronized (lock) {
            if (latest != null) {
                latest.release();
            }
            latest = frame.retain();
            long pts = timed.ptsMicros() + ptsOffset;
            ptsEnd = Math.max(ptsEnd, pts + Math.round(1e6 / frameRate));
            if (recorder != null) {
                try {
                    recorder.accept(new TimedFrame(frame, pts), frameRate);
                } catch (IOException | RuntimeException e) {
                    FrameSink failed = recorder;
                    recorder = null;
                    closeQuietly(failed);
                    throw new IOException("the recording to " + failed.description() + " failed and was stopped: "
                            + e.getMessage(), e);
                }
            }
        }
    }

    /** Starts writing to {@code sink}; a recording already running is finished first. */
    void record(FrameSink sink) throws IOException {
        swap(sink);
    }

    /** @return the recording that ran, now finished, or null */
    FrameSink stopRecording() throws IOException {
        return swap(null);
    }

    /** Makes {@code next} the recording and finishes the one before, which it returns. */
    private FrameSink swap(FrameSink next) throws IOException {
        FrameSink old;
        synchronized (lock) {
            old = recorder;
            recorder = next;
        }
        if (old != null) {
            old.close();
        }
        return old;
    }

    boolean recording() {
        synchronized (lock) {
            return recorder != null;
        }
    }

    /** @return a new reference to the latest output frame, owned by the caller, or null */
    Frame latest() {
        synchronized (lock) {
            return latest == null ? null : latest.retain();
        }
    }

    /** Finishes the recording and lets the latest frame go. */
    void close() {
        try {
            stopRecording();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "finishing the recording failed: " + e.getMessage(), e);
        }
        synchronized (lock) {
            if (latest != null) {
                latest.release();
                latest = null;
            }
        }
    }

    private static void closeQuietly(FrameSink sink) {
        try {
            sink.close();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing a failed recording: " + e, e);
        }
    }
}
