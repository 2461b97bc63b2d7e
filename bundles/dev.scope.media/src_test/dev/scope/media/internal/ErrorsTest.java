package dev.scope.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import dev.scope.engine.api.BadInputException;

import org.junit.jupiter.api.Test;

/**
 * Every refusal of what a user named is a {@link BadInputException} whose message is one plain
 * line naming the input and what was expected: no exception class names, no line breaks.
 */
class ErrorsTest extends MediaFixtures {

    static String sourceError(String spec) {
        return plain(assertThrows(BadInputException.class, () -> media.openSource(spec, false)).getMessage());
    }

    static String sinkError(String target) {
        return plain(assertThrows(BadInputException.class, () -> media.openSink(target)).getMessage());
    }

    /** @return the message, after checking it is one line without an exception class name */
    static String plain(String message) {
        assertFalse(message.contains("\n"), "one line: " + message);
        assertFalse(message.matches("(?s).*\\b[A-Z]\\w*(Exception|Error)\\b.*"), "no class name: " + message);
        assertFalse(message.matches("(?s).*\\[[^]]+ @ 0x[0-9a-f]+\\].*"), "no FFmpeg log prefix: " + message);
        return message;
    }

    @Test
    void missingFiles() {
        Path video = dir.resolve("nope.mp4");
        assertEquals("no such video file: " + video, sourceError(video.toString()));
        Path image = dir.resolve("nope.jpeg");
        assertEquals("no such image file: " + image, sourceError(image.toString()));
    }

    @Test
    void emptyFilesAreNamedEmpty() throws IOException {
        Path video = Files.write(dir.resolve("empty.mp4"), new byte[0]);
        assertEquals(video + " is empty (expected a video file)", sourceError(video.toString()));
        Path image = Files.write(dir.resolve("empty.png"), new byte[0]);
        assertEquals(image + " is empty (expected an image file)", sourceError(image.toString()));
    }

    @Test
    void garbageFilesAreNotVideosOrImages() throws IOException {
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        Path video = Files.write(dir.resolve("noise.mp4"), noise);
        String message = sourceError(video.toString());
        assertTrue(message.startsWith(video + " is not a video file FFmpeg can read: "), message);

        Path image = Files.write(dir.resolve("noise.png"), noise);
        message = sourceError(image.toString());
        assertTrue(message.startsWith(image + " is not an image FFmpeg can read (expected .png .jpg .jpeg)"), message);
    }

    @Test
    void aTextFileNamedMp4FoldsFfmpegsReasonIn() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "these are my notes, not a video\n".repeat(20));
        assertEquals(text + " is not a video file FFmpeg can read: Invalid data found when processing input"
                + " (moov atom not found)", sourceError(text.toString()));
    }

    @Test
    void unknownSourceListsWhatIsSupported() {
        for (String spec : new String[] {"clip.avi", "notes.txt", "camera", "/tmp/noextension"}) {
            String message = sourceError(spec);
            assertTrue(message.startsWith("unknown source '" + spec + "': expected "), message);
            for (String supported : new String[] {".mp4 .mov .mkv .webm", ".png .jpg .jpeg", "testsrc:WIDTHxHEIGHT@FPS",
                    "webcam:/dev/videoN"}) {
                assertTrue(message.contains(supported), message + " names " + supported);
            }
        }
        assertTrue(sourceError("  ").startsWith("no source given: expected a video file"), sourceError("  "));
    }

    @Test
    void aDirectoryIsNotAVideo() throws IOException {
        Path directory = Files.createDirectory(dir.resolve("folder.mp4"));
        assertEquals(directory + " is not a file (expected a video file)", sourceError(directory.toString()));
    }

    @Test
    void noWebcam() {
        assumeFalse(Files.exists(Path.of("/dev/video0")), "a camera is connected");
        assertEquals("no webcam found at /dev/video0 (is a V4L2 camera connected?)", sourceError("webcam"));
        assertEquals("no webcam found at /dev/video0 (is a V4L2 camera connected?)", sourceError("webcam:/dev/video0"));
        assertEquals("no webcam found at /dev/video7 (is a V4L2 camera connected?)", sourceError("webcam: /dev/video7"));
    }

    @Test
    void aDeviceThatIsNoCameraIsRefused() {
        String message = sourceError("webcam:/dev/null");
        assertTrue(message.startsWith("cannot open the webcam /dev/null: "), message);
    }

    @Test
    void unknownOrUnwritableOutputs() throws IOException {
        for (String target : new String[] {"out.avi", "clip.mkv"}) {
            String message = sinkError(dir.resolve(target).toString());
            assertTrue(message.startsWith("unknown output '" + dir.resolve(target) + "': expected a path ending in .mp4"),
                    message);
            assertTrue(message.contains("a directory (a PNG sequence frame_00000.png ...)"), message);
        }
        Path missing = dir.resolve("missing");
        assertEquals("cannot record to " + missing.resolve("out.mp4") + ": the directory " + missing + " does not exist",
                sinkError(missing.resolve("out.mp4").toString()));
        Path folder = Files.createDirectory(dir.resolve("folder.mp4"));
        assertTrue(sinkError(folder.toString()).contains("it is a directory"), sinkError(folder.toString()));
        assertTrue(sinkError("").startsWith("no output given: expected a path ending in .mp4"), sinkError(""));
    }

    @Test
    void anExistingFileThatIsNoMp4IsNotOverwritten() throws IOException {
        for (String name : new String[] {"plain", "notes.txt", "clip.mkv"}) {
            Path file = Files.writeString(dir.resolve(name), "keep me");
            assertEquals(file + " is an existing file, not an output: expected a path ending in .mp4 (an H.264"
                    + " recording) or a directory (a PNG sequence frame_00000.png ...)", sinkError(file.toString()));
            assertEquals("keep me", Files.readString(file));
        }
    }

    @Test
    void aPngFolderThatCannotBeCreatedSaysWhyInPlainWords() throws IOException {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
        assertEquals("cannot create the directory /proc/x for a PNG sequence: no such file or directory",
                sinkError("/proc/x"));
        Path file = Files.writeString(dir.resolve("file"), "in the way");
        assertEquals("cannot create the directory " + file.resolve("frames") + " for a PNG sequence: not a directory",
                sinkError(file.resolve("frames").toString()));
    }

    @Test
    void anMp4ThatCannotBeCreatedSaysWhy() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "a Linux /proc");
        assertEquals("cannot record to /proc/x.mp4: no such file or directory", sinkError("/proc/x.mp4"));
    }

    @Test
    void plainWordsForFileFailures() {
        Path p = Path.of("/x/y");
        assertEquals("no such file or directory", Plain.reason(new java.nio.file.NoSuchFileException("/x/y"), p));
        assertEquals("permission denied", Plain.reason(new java.nio.file.AccessDeniedException("/x/y"), p));
        assertEquals("read-only file system",
                Plain.reason(new java.nio.file.FileSystemException("/x/y", null, "Read-only file system"), p));
        assertEquals("/x: not a directory", Plain.reason(new java.nio.file.NotDirectoryException("/x"), p));
        assertEquals("no space left on device", Plain.reason(new IOException("java.io.IOException: No space left on device"), p));
    }
}
