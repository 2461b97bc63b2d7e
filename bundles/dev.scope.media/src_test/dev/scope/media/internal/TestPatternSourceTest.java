package dev.scope.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.stream.Stream;

import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.TimedFrame;
import dev.scope.media.TestPattern;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@code testsrc:WxH@fps} through the service. */
class TestPatternSourceTest extends MediaFixtures {

    @Test
    void specGivesSizeRateAndPatternFrames() throws IOException {
        try (FrameSource source = media.openSource("testsrc:320x240@30", false)) {
            assertEquals("testsrc 320x240@30", source.description());
            assertTrue(source.endless());
            assertEquals(320, source.width());
            assertEquals(240, source.height());
            assertEquals(30, source.frameRate());
            TestPattern pattern = new TestPattern(320, 240);
            for (int n = 0; n < 3; n++) {
                TimedFrame f = source.next();
                assertEquals(Math.round(n * 1e6 / 30), f.ptsMicros(), "pts of frame " + n);
                assertEquals(pattern.frame(n).pixels(), f.frame().pixels(), "pixels of frame " + n);
            }
        }
    }

    @Test
    void fractionalRateAndNoEnd() throws IOException {
        FrameSource source = media.openSource(" testsrc:64x48@29.97 ", false);
        assertEquals(29.97, source.frameRate());
        assertEquals("testsrc 64x48@29.97", source.description());
        TimedFrame last = null;
        for (int n = 0; n < 600; n++) {
            last = source.next();
            assertNotNull(last, "frame " + n);
        }
        assertEquals(Math.round(599 * 1e6 / 29.97), last.ptsMicros());
        source.close();
        assertNull(source.next(), "a closed source ends");
    }

    @TestFactory
    Stream<DynamicTest> badSpecsNameTheSpecAndTheForm() {
        return Stream.of("testsrc", "testsrc:", "testsrc:320x240", "testsrc:320x240@", "testsrc:320x240@0",
                "testsrc:8x8@30", "testsrc:axb@30", "testsrc:320*240@30", "testsrc:320x240@-5", "testsrc:99999x10@30",
                "testsrc:320x240@5000")
                .map(spec -> DynamicTest.dynamicTest(spec, () -> {
                    IOException e = assertThrows(IOException.class, () -> media.openSource(spec, false));
                    assertTrue(e.getMessage().contains("'" + spec + "'"), e.getMessage());
                    assertTrue(e.getMessage().contains("testsrc:WIDTHxHEIGHT@FPS"), e.getMessage());
                }));
    }
}
