package dev.scope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.scope.engine.api.ChainException;
import dev.scope.frames.FramePool;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.Test;

class StageTest {

    private final FramePool pool = new FramePool();

    private List<Frame> frames(int n) {
        return IntStream.range(0, n).mapToObj(i -> pool.allocate(1, 1)).toList();
    }

    @Test
    void samplingSpreadsEvenlyAndKeepsTheNewest() {
        List<Frame> f = frames(9);
        List<Frame> two = Batcher.sample(f, 2);
        assertSame(f.get(0), two.get(0));
        assertSame(f.get(8), two.get(1));
        List<Frame> three = Batcher.sample(f, 3);
        assertSame(f.get(4), three.get(1));
        assertSame(f.get(8), Batcher.sample(f, 1).get(0), "one frame: the newest");
        assertEquals(f, Batcher.sample(f, 9));
    }

    @Test
    void outputTimesSpreadEvenlyAndNeverGoBack() {
        long none = Long.MIN_VALUE;
        // a doubling stage that works on batches of 4 frames of a 30 fps source: 7 outputs first
        long[] first = new long[7];
        for (int j = 0; j < 7; j++) {
            first[j] = SessionImpl.outputTime(j, 7, none, 0, 100_000);
        }
        assertEquals(0, first[0], "the first output is at the first input's time, never before");
        assertEquals(100_000, first[6]);
        assertEquals(16_666, first[1]);
        // the next batch: 8 outputs after the 7th, up to the newest input
        assertEquals(116_666, SessionImpl.outputTime(0, 8, 100_000, 0, 233_333));
        assertEquals(233_333, SessionImpl.outputTime(7, 8, 100_000, 0, 233_333));
        assertEquals(5, SessionImpl.outputTime(0, 1, none, 0, 5), "one output: at its input's time");
    }

    @Test
    void failureTextTakesTheRootCause() {
        FailureText t = FailureText.ofStackTrace("""
                org.osgi.service.component.ComponentException: failed
                \tat org.apache.felix.scr.X.y(X.java:1)
                Caused by: java.lang.IllegalStateException: boom: really
                \tat a.b.C.d(C.java:2)
                """);
        assertEquals("IllegalStateException", t.type());
        assertEquals("boom: really", t.message());
        FailureText direct = FailureText.of(new RuntimeException("outer", new IllegalArgumentException("inner")));
        assertEquals("inner", direct.plain(), "no class name reaches the user");
        assertEquals("unexpected null pointer", FailureText.of(new NullPointerException()).plain());
        assertEquals("unexpected concurrent modification",
                FailureText.of(new java.util.ConcurrentModificationException()).plain());
    }

    @Test
    void widthAndHeightPastTheFrameSizeLimitAreRefusedBeforeAnythingRuns() {
        ChainImpl.checkFrameSize("gen", Map.of("width", 8192, "height", 1));
        ChainException e = assertThrows(ChainException.class,
                () -> ChainImpl.checkFrameSize("gen", Map.of("width", 640, "height", 32768)));
        assertEquals("gen: height = 32768 is past the frame size limit; allowed: 1 to 8192", e.getMessage());
    }
}
