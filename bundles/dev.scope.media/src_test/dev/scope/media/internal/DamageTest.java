package dev.scope.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;

import dev.scope.engine.api.BadInputException;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.TimedFrame;

import org.junit.jupiter.api.Test;

/**
 * Damaged files, made from whole ones written from the test pattern: cut short with the index
 * (moov) at the end and at the front, and with noise over the middle. A file cut before its index
 * fails at opening; one whose index survived opens and reads what it can, and
 * {@link FrameSource#damage()} says how many frames of how many promised could be read.
 */
class DamageTest extends MediaFixtures {

    static final int FRAMES = 60;

    /** @return an MP4 of {@value #FRAMES} test pattern frames, 160x120@30, the index first or last */
    Path mp4(String name, boolean indexFirst) throws IOException {
        Path file = dir.resolve(name);
        VideoFileSink sink = (VideoFileSink) media.openSink(file.toString());
        if (indexFirst) {
            sink.muxerOption("movflags", "faststart");
        }
        record(sink, FRAMES, 160, 120, 30);
        return file;
    }

    /** @return where the top-level box {@code type} starts in the MP4 file, or -1 */
    static long box(Path file, String type) throws IOException {
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.BIG_ENDIAN);
        for (int at = 0; at + 8 <= data.limit(); ) {
            long size = data.getInt(at) & 0xFFFF_FFFFL;
            String name = new String(data.array(), at + 4, 4, java.nio.charset.StandardCharsets.US_ASCII);
            if (name.equals(type)) {
                return at;
            }
            if (size < 8) {
                return -1;
            }
            at += (int) size;
        }
        return -1;
    }

    static Path cut(Path whole, Path to, long bytes) throws IOException {
        return Files.write(to, Arrays.copyOf(Files.readAllBytes(whole), (int) bytes));
    }

    /** Reads to the end, checking damage() stays empty until then. */
    static List<TimedFrame> readAll(FrameSource source) throws IOException {
        List<TimedFrame> frames = read(source, 1);
        assertTrue(source.damage().isEmpty(), "no verdict before the end");
        frames.addAll(read(source, 100_000));
        return frames;
    }

    @Test
    void aWholeFileIsNotDamaged() throws IOException {
        for (boolean indexFirst : new boolean[] {false, true}) {
            Path file = mp4("whole" + indexFirst + ".mp4", indexFirst);
            try (FrameSource source = media.openSource(file.toString(), false)) {
                assertEquals(OptionalLong.of(FRAMES), media.framesPromised(source), "nb_frames");
                assertEquals(FRAMES, readAll(source).size());
                assertEquals("", source.damage().orElse(""), "index first: " + indexFirst);
            }
        }
    }

    @Test
    void ourRecordingsPutTheIndexLast() throws IOException {
        Path file = mp4("order.mp4", false);
        assertTrue(box(file, "mdat") < box(file, "moov"), "mdat before moov");
        Path fast = mp4("fast.mp4", true);
        assertTrue(box(fast, "moov") < box(fast, "mdat"), "faststart: moov before mdat");
    }

    @Test
    void cutBeforeItsIndexFailsAtOpeningWithFfmpegsReason() throws IOException {
        Path whole = mp4("whole.mp4", false);
        Path cut = cut(whole, dir.resolve("cut.mp4"), Files.size(whole) / 2);
        BadInputException e = assertThrows(BadInputException.class, () -> media.openSource(cut.toString(), false));
        assertEquals(cut + " is not a video file FFmpeg can read: Invalid data found when processing input"
                + " (moov atom not found)", ErrorsTest.plain(e.getMessage()));
    }

    @Test
    void cutWithItsIndexAtTheFrontSaysHowManyFramesOfHowMany() throws IOException {
        Path whole = mp4("whole.mp4", true);
        long mdat = box(whole, "mdat");
        long keep = mdat + (Files.size(whole) - mdat) / 10;
        Path cut = cut(whole, dir.resolve("cut.mp4"), keep);
        try (FrameSource source = media.openSource(cut.toString(), false)) {
            assertEquals(OptionalLong.of(FRAMES), media.framesPromised(source), "the index is whole");
            int read = readAll(source).size();
            assertTrue(read > 0 && read < FRAMES / 2, read + " frames read");
            String damage = source.damage().orElseThrow();
            assertTrue(damage.startsWith(cut + " is damaged: " + read + " of the 60 frames its container promises could"
                    + " be read"), damage);
            ErrorsTest.plain(damage);
        }
    }

    @Test
    void noiseInTheMiddleIsReportedAsDecodeErrors() throws IOException {
        Path whole = mp4("whole.mp4", false);
        byte[] bytes = Files.readAllBytes(whole);
        byte[] noise = new byte[2000];
        new Random(7).nextBytes(noise);
        int at = (int) box(whole, "mdat") + (int) (box(whole, "moov") - box(whole, "mdat")) / 4;
        System.arraycopy(noise, 0, bytes, at, noise.length);
        Path corrupt = Files.write(dir.resolve("corrupt.mp4"), bytes);
        try (FrameSource source = media.openSource(corrupt.toString(), false)) {
            int read = readAll(source).size();
            String damage = source.damage().orElseThrow();
            assertTrue(damage.startsWith(corrupt + " is damaged: "), damage);
            assertTrue(damage.matches(".*FFmpeg reported \\d+ errors? while decoding it.*"), damage);
            assertTrue(damage.contains(read + " frames read") || damage.contains(read + " of the 60 frames"), damage);
            ErrorsTest.plain(damage);
        }
    }

    @Test
    void withoutAFrameCountTheDurationTimesTheRateIsThePromise() throws IOException {
        Path whole = dir.resolve("whole.mkv");
        record(new VideoFileSink(ffmpegLog(), whole, "matroska", "mpeg4", List.of("mpeg4")), 30, 160, 120, 30);
        try (FrameSource source = media.openSource(whole.toString(), false)) {
            long promised = media.framesPromised(source).orElseThrow();
            assertTrue(Math.abs(promised - 30) <= 1, promised + " frames promised");
            assertEquals(30, readAll(source).size());
            assertEquals("", source.damage().orElse(""));
        }
        // Matroska writes its duration into the header when it finishes: a cut file keeps it
        Path cut = cut(whole, dir.resolve("cut.mkv"), Files.size(whole) / 3);
        try (FrameSource source = media.openSource(cut.toString(), false)) {
            int read = readAll(source).size();
            assertTrue(read < 20, read + " frames read");
            String damage = source.damage().orElseThrow();
            assertTrue(damage.startsWith(cut + " is damaged: " + read + " of about "), damage);
        }
    }

    @Test
    void aLoopingFileIsJudgedByItsFirstPass() throws IOException {
        Path whole = mp4("whole.mp4", true);
        long mdat = box(whole, "mdat");
        Path cut = cut(whole, dir.resolve("cut.mp4"), mdat + (Files.size(whole) - mdat) / 2);
        try (FrameSource source = media.openSource(cut.toString(), true)) {
            assertEquals(200, read(source, 200).size(), "a looping source goes on");
            assertTrue(source.damage().orElseThrow().contains(" of the 60 frames its container promises"),
                    source.damage().orElseThrow());
        }
    }

    @Test
    void theToleranceIsTwoFramesOrOnePercent() {
        assertEquals(null, VideoSource.verdict("a.mp4", 58, 60, true, 0, null), "2 of 60 missing");
        assertEquals("a.mp4 is damaged: 57 of the 60 frames its container promises could be read",
                VideoSource.verdict("a.mp4", 57, 60, true, 0, null));
        assertEquals(null, VideoSource.verdict("a.mp4", 990, 1000, true, 0, null), "1 % missing");
        assertEquals("a.mp4 is damaged: 989 of about 1000 frames its container promises could be read",
                VideoSource.verdict("a.mp4", 989, 1000, false, 0, null));
        assertEquals(null, VideoSource.verdict("a.mp4", 7, -1, false, 0, null), "nothing promised");
        assertEquals("a.mp4 is damaged: 6 of the 60 frames its container promises could be read; FFmpeg reported"
                + " 1 error while decoding it (partial file)", VideoSource.verdict("a.mp4", 6, 60, true, 1, "partial file"));
        assertEquals("a.mp4 is damaged: FFmpeg reported 9 errors while decoding it (Invalid NAL unit size (5 > 3));"
                + " 60 frames read", VideoSource.verdict("a.mp4", 60, 60, true, 9, "Invalid NAL unit size (5 > 3)"));
    }
}
