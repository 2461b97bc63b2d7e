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
        try (FrameSink sink = media.openSink(target.toString())) {
            assertTrue(Files.isDirectory(target), "created at open");
            assertEquals(target + " (PNG sequence frame_00000.png ...)", sink.description());
            for (int n = 0; n < 3; n++) {
                sink.accept(new TimedFrame(pattern.frame(n), Rates.pts(n, 30)), 30);
            }
        }
        try (Stream<Path> files = Files.list(target)) {
            assertEquals(3, files.count(), "one file a frame, nothing else");
        }
        for (int n = 0; n < 3; n++) {
            Frame written = Png.read(target.resolve(String.format("frame_%05d.png", n)));
            assertTrue(sameRgb(pattern.frame(n), written), "frame " + n);
        }
    }

    @Test
    void pngSequenceIntoAnExistingDirectoryWithADot() throws IOException {
        Path target = Files.createDirectory(dir.resolve("out.d"));
        try (FrameSink sink = media.openSink(target.toString())) {
            sink.accept(new TimedFrame(new TestPattern(16, 16).frame(0), 0), 30);
        }
        assertTrue(Files.exists(target.resolve("frame_00000.png")));
    }

    @Test
    void previewTapKeepsACopyOfTheLatestFrame() throws IOException {
        PreviewTap tap = media.previewTap();
        assertTrue(tap.latest().isEmpty(), "nothing before the first frame");
        TestPattern pattern = new TestPattern(32, 16);
        Frame first = pattern.frame(0);
        tap.accept(new TimedFrame(first, 0), 30);
        Frame second = pattern.frame(1);
        tap.accept(new TimedFrame(second, 33_333), 30);
        second.pixels().put(0, (byte) ~second.pixels().get(0)); // the sink's caller reuses its frame

        TimedFrame latest = tap.latest().orElseThrow();
        assertEquals(33_333, latest.ptsMicros());
        assertTrue(sameRgb(pattern.frame(1), latest.frame()), "a copy of the latest frame");
        assertFalse(latest.frame() == second, "not the caller's frame");
        tap.close();
        assertTrue(tap.latest().isPresent(), "the last frame stays after close");
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
