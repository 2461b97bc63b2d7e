package dev.scope.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.TimedFrame;
import dev.scope.frames.FrameAccess;
import dev.scope.media.TestPattern;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Videos written from the test pattern and read back. The codecs are lossy: a decoded frame
 * must be within {@value #TOLERANCE} (mean absolute difference of R, G and B, 0..255) of the
 * frame that was written; a wrong frame order, a colour swap or a row offset is far above it.
 */
class VideoFileTest extends MediaFixtures {

    /** Mean absolute RGB difference allowed after a lossy round trip. */
    static final double TOLERANCE = 4;

    @Test
    void mp4RecordingAt60FpsReadsBackAs60Fps() throws IOException {
        Path file = dir.resolve("pattern.mp4");
        FrameSink sink = media.openSink(file.toString());
        assertTrue(sink.description().contains("H.264 via "), sink.description());
        record(sink, 48, 320, 240, 60);

        try (FrameSource source = media.openSource(file.toString(), false)) {
            assertEquals(320, source.width());
            assertEquals(240, source.height());
            assertEquals(60, source.frameRate(), 1e-9, "stream rate");
            assertTrue(source.description().contains("h264"), source.description());
            checkPattern(read(source, 1000), 48, 320, 240, 60);
            assertNull(source.next(), "end of the stream");
        }
    }

    /** The other containers, with encoders FFmpeg's LGPL build has. */
    @TestFactory
    Stream<DynamicTest> otherContainersReadBack() {
        // 202 pixels wide: the decoder pads its rows (linesize), frames must not have padding
        return Stream.of(
                containerTest("mkv", "matroska", "mpeg4", 202, 150, 25),
                containerTest("webm", "webm", "libvpx", 160, 120, 30),
                containerTest("mov", "mov", "mpeg4", 160, 120, 24));
    }

    private DynamicTest containerTest(String extension, String format, String encoder, int width, int height, double fps) {
        String name = extension + " with " + encoder + ", " + width + "x" + height + "@" + Rates.format(fps);
        return DynamicTest.dynamicTest(name, () -> {
            Path file = dir.resolve("pattern." + extension);
            record(new VideoFileSink(ffmpegLog(), file, format, encoder, List.of(encoder)), 30, width, height, fps);

            try (FrameSource source = media.openSource(file.toString(), false)) {
                assertEquals(width, source.width());
                assertEquals(height, source.height());
                assertEquals(fps, source.frameRate(), 0.01, "stream rate");
                checkPattern(read(source, 1000), 30, width, height, fps);
            }
        });
    }

    @Test
    void loopStartsAgainWithTimesGoingOn() throws IOException {
        Path file = dir.resolve("short.mp4");
        record(media.openSink(file.toString()), 10, 160, 120, 30);

        try (FrameSource once = media.openSource(file.toString(), false)) {
            assertTrue(!once.endless(), "a file without loop ends");
            assertEquals(10, read(once, 100).size(), "frames without loop");
        }
        try (FrameSource looping = media.openSource(file.toString(), true)) {
            assertTrue(looping.description().contains("looping"), looping.description());
            assertTrue(looping.endless(), "a looping file never ends");
            List<TimedFrame> frames = read(looping, 25);
            assertEquals(25, frames.size(), "a looping source does not end");
            TestPattern pattern = new TestPattern(160, 120);
            for (int i = 0; i < frames.size(); i++) {
                TimedFrame f = frames.get(i);
                assertEquals(Rates.pts(i, 30), f.ptsMicros(), 1000, "pts of frame " + i);
                double diff = meanAbsoluteDifference(pattern.pixels(i % 10), f.frame());
                assertTrue(diff < TOLERANCE, "frame " + i + " is pattern frame " + i % 10 + " (difference " + diff + ")");
            }
        }
    }

    @Test
    void repeatedTimesTakeTheNextSlotAndGapsStay() throws IOException {
        Path file = dir.resolve("times.mp4");
        TestPattern pattern = new TestPattern(160, 120);
        long[] pts = {0, 0, 10_000, 100_000, 200_000};  // at 30 fps: slots 0, (0 -> 1), (0 -> 2), 3, 6
        try (FrameSink sink = media.openSink(file.toString())) {
            for (int i = 0; i < pts.length; i++) {
                sink.accept(new TimedFrame(held(frame(pattern, i)), pts[i]), 30);
            }
        }
        try (FrameSource source = media.openSource(file.toString(), false)) {
            List<TimedFrame> frames = read(source, 100);
            assertEquals(pts.length, frames.size(), "every frame is kept");
            long[] slots = {0, 1, 2, 3, 6};
            for (int i = 0; i < slots.length; i++) {
                assertEquals(Rates.pts(slots[i], 30), frames.get(i).ptsMicros(), 1000, "pts of frame " + i);
                assertTrue(meanAbsoluteDifference(pattern.pixels(i), frames.get(i).frame()) < TOLERANCE, "frame " + i);
            }
        }
    }

    @Test
    void readOnlyAndHeapFramesAreRecorded() throws IOException {
        Path file = dir.resolve("views.mp4");
        TestPattern pattern = new TestPattern(160, 120);
        try (FrameSink sink = media.openSink(file.toString())) {
            Frame borrowed = FrameAccess.borrow(held(frame(pattern, 0)));
            sink.accept(new TimedFrame(borrowed, 0), 30);
            FrameAccess.endLoan(borrowed);
            sink.accept(new TimedFrame(new ForeignFrame(held(frame(pattern, 1))), Rates.pts(1, 30)), 30);
        }
        try (FrameSource source = media.openSource(file.toString(), false)) {
            List<TimedFrame> frames = read(source, 10);
            assertEquals(2, frames.size());
            assertTrue(meanAbsoluteDifference(pattern.pixels(0), frames.get(0).frame()) < TOLERANCE, "a borrowed view: read-only memory");
            assertTrue(meanAbsoluteDifference(pattern.pixels(1), frames.get(1).frame()) < TOLERANCE, "a frame of another maker: no memory");
        }
    }

    @Test
    void aRecordingKeepsItsFirstFrameSize() throws IOException {
        Path file = dir.resolve("sizes.mp4");
        try (FrameSink sink = media.openSink(file.toString())) {
            sink.accept(new TimedFrame(held(frame(new TestPattern(160, 120), 0)), 0), 30);
            Frame larger = held(frame(new TestPattern(320, 240), 1));
            IOException e = assertThrows(IOException.class, () -> sink.accept(new TimedFrame(larger, 33_333), 30));
            assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("320x240")
                    && e.getMessage().contains("160x120"), e.getMessage());
        }
    }

    static void checkPattern(List<TimedFrame> frames, int count, int width, int height, double fps) {
        assertEquals(count, frames.size(), "frame count");
        TestPattern pattern = new TestPattern(width, height);
        double worst = 0;
        for (int n = 0; n < count; n++) {
            TimedFrame f = frames.get(n);
            assertEquals(width, f.frame().width());
            assertEquals(height, f.frame().height());
            assertEquals(Rates.pts(n, fps), f.ptsMicros(), 1000, "pts of frame " + n);
            double difference = meanAbsoluteDifference(pattern.pixels(n), f.frame());
            worst = Math.max(worst, difference);
            double toNext = meanAbsoluteDifference(pattern.pixels(n + 1), f.frame());
            assertTrue(difference < toNext, "frame " + n + " is closer to pattern frame " + n
                    + " (" + difference + ") than to frame " + (n + 1) + " (" + toNext + ")");
        }
        System.out.printf("round trip %dx%d@%s: worst mean RGB difference %.2f%n", width, height, Rates.format(fps), worst);
        assertTrue(worst < TOLERANCE, "worst mean RGB difference " + worst + " is not below " + TOLERANCE);
    }

    /** A frame of another maker: no memory the platform can reach, only the bulk reads. */
    private record ForeignFrame(Frame frame) implements Frame {
        @Override
        public int width() {
            return frame.width();
        }

        @Override
        public int height() {
            return frame.height();
        }

        @Override
        public Residency residency() {
            return Residency.HOST;
        }

        @Override
        public boolean writable() {
            return false;
        }

        @Override
        public void readRows(int firstRow, int rows, int[] dst, int offset) {
            frame.readRows(firstRow, rows, dst, offset);
        }

        @Override
        public void writeRows(int firstRow, int rows, int[] src, int offset) {
            throw new IllegalStateException("read-only");
        }

        @Override
        public Frame retain() {
            return frame.retain();
        }

        @Override
        public void release() {
            throw new IllegalStateException("not this test's to release");
        }
    }
}
