package dev.scope.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;

import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.TimedFrame;
import dev.scope.media.TestPattern;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.Test;

/**
 * 720p encode and decode speed, printed for information (speed goals live in benchmarks, not in
 * tests). Only the frame counts are asserted.
 */
class ThroughputTest extends MediaFixtures {

    private static final int FRAMES = 120;

    @Test
    void encodeAndDecode720p() throws IOException {
        TestPattern pattern = new TestPattern(1280, 720);
        Frame[] clip = new Frame[8];
        for (int i = 0; i < clip.length; i++) {
            clip[i] = frame(pattern, i * 15L);
        }
        Path file = dir.resolve("720p.mp4");
        String encoder;
        long start = System.nanoTime();
        try (FrameSink sink = media.openSink(file.toString())) {
            for (int n = 0; n < FRAMES; n++) {
                sink.accept(new TimedFrame(clip[n % clip.length], Rates.pts(n, 30)), 30);
            }
            encoder = ((VideoFileSink) sink).encoder();
        } finally {
            for (Frame f : clip) {
                f.release();
            }
        }
        double encodeFps = FRAMES / ((System.nanoTime() - start) / 1e9);

        int decoded = 0;
        start = System.nanoTime();
        try (FrameSource source = media.openSource(file.toString(), false)) {
            TimedFrame f;
            while ((f = source.next()) != null) {
                f.frame().release();
                decoded++;
            }
        }
        double decodeFps = decoded / ((System.nanoTime() - start) / 1e9);
        System.out.printf("720p throughput on %d cores: encode %.0f fps (H.264 via %s, RGBA in), decode %.0f fps (RGBA out)%n",
                Runtime.getRuntime().availableProcessors(), encodeFps, encoder, decodeFps);
        assertEquals(FRAMES, decoded);
    }
}
