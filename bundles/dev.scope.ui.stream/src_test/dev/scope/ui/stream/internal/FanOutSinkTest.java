package dev.scope.ui.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.TimedFrame;
import dev.scope.frames.FramePool;
import dev.scope.pipeline.api.Frame;
import dev.scope.ui.stream.FrameListener;

import org.junit.jupiter.api.Test;

/** The controller's output fan-out: who owns which reference, and the recording across sessions. */
class FanOutSinkTest {

    private final FramePool pool = new FramePool();

    /** A recording that remembers the times it was given. */
    private static class Recorder implements FrameSink {
        final List<Long> pts = new ArrayList<>();
        boolean closed;

        @Override
        public String description() {
            return "test.mp4";
        }

        @Override
        public void accept(TimedFrame frame, double frameRate) {
            pts.add(frame.ptsMicros());
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private void deliver(FrameSink sink, long pts) throws IOException {
        Frame f = pool.allocate(4, 4);
        try {
            sink.accept(new TimedFrame(f, pts), 10); // the session lends the frame for the call
        } finally {
            f.release();
        }
    }

    @Test
    void everyListenerOwnsOneReferenceAndTheLatestIsKeptUntilClose() throws IOException {
        List<Frame> kept = new ArrayList<>();
        List<FrameListener> listeners = new CopyOnWriteArrayList<>();
        listeners.add((frame, pts) -> kept.add(frame));
        listeners.add((frame, pts) -> frame.release());
        FanOutSink out = new FanOutSink(listeners);
        FrameSink session = out.session();
        deliver(session, 0);
        deliver(session, 100_000);
        assertEquals(2, kept.size());
        assertEquals(2, pool.stats().framesInUse(), "both frames: the first listener keeps them");
        kept.forEach(Frame::release);
        assertEquals(1, pool.stats().framesInUse(), "the latest frame, kept for snapshots");
        Frame latest = out.latest();
        assertNotNull(latest);
        latest.release();
        out.close();
        assertEquals(0, pool.stats().framesInUse(), "everything released");
        assertNull(out.latest());
    }

    @Test
    void aFailingListenerIsDroppedAndItsFrameReleased() throws IOException {
        List<FrameListener> listeners = new CopyOnWriteArrayList<>();
        listeners.add((frame, pts) -> {
            throw new IllegalStateException("broken preview");
        });
        FanOutSink out = new FanOutSink(listeners);
        deliver(out.session(), 0);
        assertEquals(List.of(), listeners);
        out.close();
        assertEquals(0, pool.stats().framesInUse());
    }

    @Test
    void aRecordingOutlivesASessionWithRisingTimes() throws IOException {
        FanOutSink out = new FanOutSink(new CopyOnWriteArrayList<>());
        Recorder rec = new Recorder();
        FrameSink first = out.session();
        out.record(rec);
        deliver(first, 0);
        deliver(first, 100_000);
        first.close(); // the session closes its sinks: the recording goes on
        FrameSink second = out.session(); // a new chain: its times start at 0 again
        deliver(second, 0);
        deliver(second, 100_000);
        assertEquals(List.of(0L, 100_000L, 200_000L, 300_000L), rec.pts);
        assertEquals(rec, out.stopRecording());
        assertEquals(true, rec.closed);
        out.close();
        assertEquals(0, pool.stats().framesInUse());
    }

    @Test
    void aFailingRecordingStopsWithItsReasonAndThePreviewGoesOn() throws IOException {
        List<Integer> seen = new ArrayList<>();
        List<FrameListener> listeners = new CopyOnWriteArrayList<>();
        listeners.add((frame, pts) -> {
            seen.add(1);
            frame.release();
        });
        FanOutSink out = new FanOutSink(listeners);
        FrameSink session = out.session();
        out.record(new Recorder() {
            @Override
            public void accept(TimedFrame frame, double frameRate) {
                throw new IllegalStateException("disk full");
            }
        });
        IOException e = assertThrows(IOException.class, () -> deliver(session, 0));
        assertEquals("the recording to test.mp4 failed and was stopped: disk full", e.getMessage());
        deliver(session, 100_000);
        assertEquals(2, seen.size());
        assertNull(out.stopRecording());
        out.close();
        assertEquals(0, pool.stats().framesInUse());
    }
}
