package dev.scope.engine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.stream.IntStream;

import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.Test;

class StageTest {

    private static List<Frame> frames(int n) {
        return IntStream.range(0, n).mapToObj(i -> Frame.allocate(1, 1)).toList();
    }

    @Test
    void samplingSpreadsEvenlyAndKeepsTheNewest() {
        List<Frame> f = frames(9);
        List<Frame> two = Stage.sample(f, 2);
        assertSame(f.get(0), two.get(0));
        assertSame(f.get(8), two.get(1));
        List<Frame> three = Stage.sample(f, 3);
        assertSame(f.get(4), three.get(1));
        assertSame(f.get(8), Stage.sample(f, 1).get(0), "one frame: the newest");
        assertEquals(f, Stage.sample(f, 9));
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
        assertEquals("IllegalArgumentException: inner", direct.oneLine());
    }
}
