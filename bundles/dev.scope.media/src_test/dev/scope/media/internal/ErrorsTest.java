package dev.scope.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;


import org.junit.jupiter.api.Test;

/** Every refusal names the input and what was expected. */
class ErrorsTest extends MediaFixtures {

    private String sourceError(String spec) {
        return assertThrows(IOException.class, () -> media.openSource(spec, false)).getMessage();
    }

    private String sinkError(String target) {
        return assertThrows(IOException.class, () -> media.openSink(target)).getMessage();
    }

    @Test
    void missingFiles() {
        Path video = dir.resolve("nope.mp4");
        assertEquals("no such video file: " + video, sourceError(video.toString()));
        Path image = dir.resolve("nope.jpeg");
        assertEquals("no such image file: " + image, sourceError(image.toString()));
    }

    @Test
    void garbageFilesAreNotVideosOrImages() throws IOException {
        byte[] noise = new byte[4096];
        new Random(1).nextBytes(noise);
        Path video = Files.write(dir.resolve("noise.mp4"), noise);
        String message = sourceError(video.toString());
        assertTrue(message.startsWith(video + " is not a video file FFmpeg can read (expected .mp4 .mov .mkv .webm): "),
                message);

        Path empty = Files.write(dir.resolve("empty.mkv"), new byte[0]);
        assertTrue(sourceError(empty.toString()).startsWith(empty + " is not a video file"), sourceError(empty.toString()));

        Path image = Files.write(dir.resolve("noise.png"), noise);
        message = sourceError(image.toString());
        assertTrue(message.startsWith(image + " is not an image FFmpeg can read (expected .png .jpg .jpeg)"), message);
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
        Path file = Files.writeString(dir.resolve("plain"), "not a directory");
        assertTrue(sinkError(file.toString()).startsWith("unknown output '" + file + "'"), sinkError(file.toString()));

        Path missing = dir.resolve("missing");
        assertEquals("cannot record to " + missing.resolve("out.mp4") + ": the directory " + missing + " does not exist",
                sinkError(missing.resolve("out.mp4").toString()));
        Path folder = Files.createDirectory(dir.resolve("folder.mp4"));
        assertTrue(sinkError(folder.toString()).contains("it is a directory"), sinkError(folder.toString()));
        assertTrue(sinkError("").startsWith("no output given: expected a path ending in .mp4"), sinkError(""));
    }
}
