package dev.scope.ui.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.scope.frames.FramePool;
import dev.scope.pipeline.api.Frame;
import dev.scope.ui.stream.FrameListener;

import org.junit.jupiter.api.Test;

/** Handing frames to listeners: one reference each, and none left behind by a listener that fails. */
class FramesTest {

    @Test
    void aFailingListenerIsDroppedAndItsReferenceReleased() {
        FramePool pool = new FramePool();
        Frame frame = pool.allocate(4, 4);
        List<Frame> kept = new ArrayList<>();
        FrameListener keeps = new FrameListener() {
            @Override
            public void outputFrame(Frame f, long pts) {
                kept.add(f);
            }

            @Override
            public void inputFrame(Frame f, long pts) {
                kept.add(f);
            }
        };
        FrameListener fails = new FrameListener() {
            @Override
            public void outputFrame(Frame f, long pts) {
                throw new IllegalStateException("deliberate");
            }
        };
        List<FrameListener> listeners = new CopyOnWriteArrayList<>(List.of(fails, keeps));
        Frames.handOut(listeners, frame, 0, true);
        assertEquals(List.of(keeps), listeners, "the failing listener dropped");
        assertEquals(1, kept.size());
        Frames.handOut(listeners, frame, 33_333, false);
        assertEquals(2, kept.size(), "input frames go to inputFrame");
        kept.forEach(Frame::release);
        frame.release();
        assertEquals(0, pool.stats().framesInUse(), "every reference released: none left by the failing listener");
    }
}
