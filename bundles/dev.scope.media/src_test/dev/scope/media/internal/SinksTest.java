package dev.scope.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.TimedFrame;
import dev.scope.media.Png;
import dev.scope.media.PreviewTap;
import dev.scope.media.TestPattern;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.Test;

/** PNG sequences, the preview tap, and how an MP4 recording names its encoder. */
class SinksTest extends MediaFixtures {

    @Test
    void pngSequenceInANewDirectory() throws IOException {
        Path target = dir.resolve("frames");
        TestPattern pattern = new TestPattern(40, 30);
        record(media.openSink(target.toString()), 3, 40, 30, 30);
        assertTrue(Files.isDirectory(target), "created at open");
        try (FrameSink sink = media.openSink(target.toString())) {
            assertEquals(target + " (PNG sequence frame_00000.png ...)", sink.description());
        }
        try (Stream<Path> files = Files.list(target)) {
            assertEquals(3, files.count(), "one file a frame, nothing else");
        }
        for (int n = 0; n < 3; n++) {
            Frame written = Png.read(target.resolve(String.format("frame_%05d.png", n)), frames);
            assertTrue(sameRgb(pattern.pixels(n), written), "frame " + n);
            written.release();
        }
    }

    @Test
    void pngSequenceIntoAnExistingDirectoryWithADot() throws IOException {
        Path target = Files.createDirectory(dir.resolve("out.d"));
        record(media.openSink(target.toString()), 1, 16, 16, 30);
        assertTrue(Files.exists(target.resolve("frame_00000.png")));
    }

    /** The tap holds the latest frame by a reference of its own, and gives it back at close. */
    @Test
    void previewTapKeepsTheLatestFrameWithoutACopy() throws IOException {
        PreviewTap tap = media.previewTap();
        assertTrue(tap.latest().isEmpty(), "nothing before the first frame");
        TestPattern pattern = new TestPattern(32, 16);
        Frame first = frame(pattern, 0);
        tap.accept(new TimedFrame(first, 0), 30);
        first.release(); // the session lets its handle go once every sink has seen it
        Frame second = frame(pattern, 1);
        tap.accept(new TimedFrame(second, 33_333), 30);
        second.release();
        assertEquals(framesBefore() + 1, engine.stats().framesInUse(), "the first frame went back: one is held");

        TimedFrame latest = tap.latest().orElseThrow();
        assertEquals(33_333, latest.ptsMicros());
        assertTrue(sameRgb(pattern.pixels(1), latest.frame()), "the latest frame");
        assertFalse(latest.frame().writable(), "a read-only handle");
        latest.frame().release();
        tap.close();
        assertTrue(tap.latest().isEmpty(), "close lets the frame go");
        Frame late = frame(pattern, 2);
        tap.accept(new TimedFrame(late, 66_666), 30);
        late.release();
        assertTrue(tap.latest().isEmpty(), "a late frame after close is not kept");
    }

    @Test
    void mp4NamesItsEncoder() throws IOException {
        Path file = dir.resolve("named.mp4");
        VideoFileSink sink = (VideoFileSink) media.openSink(file.toString());
        String planned = sink.description();
        record(sink, 3, 64, 48, 30);
        assertTrue(Ffmpeg.H264_PREFERENCE.contains(sink.encoder()), sink.encoder());
        assertEquals(file + " (H.264 via " + sink.encoder() + ")", sink.description());
        assertEquals(planned, sink.description(), "the encoder probed at open is the one used");
        System.out.println("MP4 recordings use " + sink.encoder() + " here");
    }
}
