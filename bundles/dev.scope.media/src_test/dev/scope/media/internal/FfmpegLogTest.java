package dev.scope.media.internal;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_INFO;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_WARNING;
import static org.bytedeco.ffmpeg.global.avutil.av_log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.scope.engine.api.BadInputException;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * FFmpeg's log goes through {@link FfmpegLog}: every line to the {@code dev.scope.media.ffmpeg}
 * logger at DEBUG (JUL's FINE here), error lines kept per thread and counted.
 */
class FfmpegLogTest extends MediaFixtures {

    private final Logger jul = Logger.getLogger(FfmpegLog.LOGGER);
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level levelBefore;

    @BeforeEach
    void listen() {
        levelBefore = jul.getLevel();
        jul.setLevel(Level.FINE);
        jul.addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        jul.removeHandler(handler);
        jul.setLevel(levelBefore);
    }

    private List<String> lines() {
        return records.stream().map(LogRecord::getMessage).toList();
    }

    @Test
    void aFailedOpeningsLinesReachTheLoggerAtDebugAndItsMessage() throws IOException {
        Path text = Files.writeString(dir.resolve("text.mp4"), "not a video\n".repeat(40));
        String message = assertThrows(BadInputException.class, () -> media.openSource(text.toString(), false))
                .getMessage();
        assertTrue(lines().contains("FFmpeg mov,mp4,m4a,3gp,3g2,mj2: moov atom not found"), lines().toString());
        assertTrue(records.stream().allMatch(r -> r.getLevel() == Level.FINE), "all at DEBUG");
        assertTrue(message.endsWith(": Invalid data found when processing input (moov atom not found)"), message);
    }

    @Test
    void linesAreJoinedUntilTheirEndAndErrorsAreKeptAndCounted() throws IOException {
        FfmpegLog log = ffmpegLog();
        log.forgetRecent();
        long before = log.errorCount();
        av_log((Pointer) null, AV_LOG_ERROR, "the first half ");
        av_log((Pointer) null, AV_LOG_ERROR, "and the second\n");
        av_log((Pointer) null, AV_LOG_WARNING, "a warning\n");
        av_log((Pointer) null, AV_LOG_INFO, "chatter\n");
        assertTrue(lines().contains("FFmpeg the first half and the second"), lines().toString());
        assertTrue(lines().contains("FFmpeg a warning"), "warnings with debug logging on: " + lines());
        assertTrue(lines().stream().noneMatch(l -> l.contains("chatter")), "nothing below warnings");
        assertEquals(List.of("the first half and the second"), log.recentErrors(), "only errors are kept");
        assertEquals(before + 1, log.errorCount());
        assertEquals("the first half and the second", log.lastError());
    }

    @Test
    void otherThreadsErrorsAreCountedButNotKeptHere() throws Exception {
        FfmpegLog log = ffmpegLog();
        log.forgetRecent();
        long before = log.errorCount();
        Thread other = new Thread(() -> av_log((Pointer) null, AV_LOG_ERROR, "from another thread\n"));
        other.start();
        other.join();
        assertEquals(List.of(), log.recentErrors());
        assertEquals(before + 1, log.errorCount());
        assertEquals("from another thread", log.lastError());
    }

    @Test
    void uncountedErrorsAreKeptButNotCounted() throws IOException {
        FfmpegLog log = ffmpegLog();
        log.forgetRecent();
        long before = log.errorCount();
        log.uncounted(() -> {
            av_log((Pointer) null, AV_LOG_ERROR, "an encoder's error\n");
            return null;
        });
        assertEquals(before, log.errorCount());
        assertEquals(List.of("an encoder's error"), log.recentErrors());
        assertTrue(lines().contains("FFmpeg an encoder's error"), lines().toString());
    }

    @Test
    void onlyTheLastLinesOfAThreadAreKept() throws IOException {
        FfmpegLog log = ffmpegLog();
        log.forgetRecent();
        for (int i = 0; i < FfmpegLog.KEPT + 3; i++) {
            av_log((Pointer) null, AV_LOG_ERROR, "line " + i + "\n");
        }
        List<String> kept = log.recentErrors();
        assertEquals(FfmpegLog.KEPT, kept.size());
        assertEquals("line " + (FfmpegLog.KEPT + 2), kept.get(kept.size() - 1));
    }

    @Test
    void foldingKeepsDistinctLinesAfterTheReason() {
        assertEquals("Invalid data found when processing input (moov atom not found)", FfmpegLog.fold(
                "Invalid data found when processing input", List.of("moov atom not found", "moov atom not found")));
        assertEquals("Invalid data", FfmpegLog.fold("Invalid data", List.of()));
        assertEquals("Invalid data", FfmpegLog.fold("Invalid data", List.of("Invalid data.")));
        assertEquals("r (b; c; d)", FfmpegLog.fold("r", List.of("a", "b", "c", "d")), "the last three");
    }
}
