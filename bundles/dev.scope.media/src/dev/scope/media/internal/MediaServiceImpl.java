package dev.scope.media.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.FrameSource;
import dev.scope.media.MediaService;
import dev.scope.media.PreviewTap;

import org.osgi.service.component.annotations.Component;

/**
 * Sources and sinks by name. FFmpeg is loaded at the first source or sink that needs it (not for
 * the test pattern, PNG sequences or the preview tap), and the H.264 encoders are probed once, at
 * the first MP4 recording.
 */
@Component(service = MediaService.class)
public final class MediaServiceImpl implements MediaService {

    static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "mov", "mkv", "webm");
    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg");
    static final String VIDEO_FILES = ".mp4 .mov .mkv .webm";
    static final String IMAGE_FILES = ".png .jpg .jpeg";
    static final String DEFAULT_WEBCAM = "/dev/video0";

    static final String SOURCES = "a video file (" + VIDEO_FILES + "), an image file (" + IMAGE_FILES + "), "
            + GeneratedSource.TESTSRC_FORM + ", or webcam / webcam:/dev/videoN";
    static final String SINKS = "a path ending in .mp4 (an H.264 recording) or a directory"
            + " (a PNG sequence " + PngSequenceSink.fileName(0) + " ...)";

    private static final String WEBCAM = "webcam";

    private final Ffmpeg ffmpeg = new Ffmpeg();

    @Override
    public FrameSource openSource(String spec, boolean loop) throws IOException {
        String s = spec == null ? "" : spec.trim();
        if (s.isEmpty()) {
            throw new IOException("no source given: expected " + SOURCES);
        }
        if (s.equals(GeneratedSource.TESTSRC) || s.startsWith(GeneratedSource.TESTSRC + ":")) {
            return GeneratedSource.testPattern(s);
        }
        if (s.equals(WEBCAM) || s.startsWith(WEBCAM + ":")) {
            return openWebcam(s.equals(WEBCAM) ? DEFAULT_WEBCAM : s.substring(WEBCAM.length() + 1).trim());
        }
        Path file = path(s, "source", SOURCES);
        String extension = extension(file);
        boolean video = VIDEO_EXTENSIONS.contains(extension);
        if (!video && !IMAGE_EXTENSIONS.contains(extension)) {
            throw new IOException("unknown source '" + s + "': expected " + SOURCES);
        }
        String kind = video ? "video file" : "image file";
        if (!Files.exists(file)) {
            throw new IOException("no such " + kind + ": " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a file (expected a " + kind + ")");
        }
        if (!Files.isReadable(file)) {
            throw new IOException("cannot read " + file + ": permission denied");
        }
        ffmpeg.load();
        return video ? VideoSource.openFile(file, loop) : GeneratedSource.stillImage(file);
    }

    private FrameSource openWebcam(String device) throws IOException {
        if (device.isEmpty() || !Files.exists(Path.of(device))) {
            throw new IOException("no webcam found at " + (device.isEmpty() ? "''" : device)
                    + " (is a V4L2 camera connected?)");
        }
        ffmpeg.load();
        return VideoSource.openWebcam(device);
    }

    @Override
    public FrameSink openSink(String target) throws IOException {
        String t = target == null ? "" : target.trim();
        if (t.isEmpty()) {
            throw new IOException("no output given: expected " + SINKS);
        }
        Path path = path(t, "output", SINKS);
        if (extension(path).equals("mp4")) {
            return openRecording(path);
        }
        if (Files.isDirectory(path) || (!Files.exists(path) && extension(path).isEmpty())) {
            try {
                Files.createDirectories(path);
            } catch (IOException e) {
                throw new IOException("cannot create the directory " + path + " for a PNG sequence: " + e, e);
            }
            return new PngSequenceSink(path);
        }
        throw new IOException("unknown output '" + t + "': expected " + SINKS);
    }

    private FrameSink openRecording(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new IOException("cannot record to " + file + ": the directory " + directory + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new IOException("cannot record to " + file + ": it is a directory (expected a file name ending in .mp4)");
        }
        if (!Files.isWritable(directory) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new IOException("cannot record to " + file + ": permission denied");
        }
        List<String> encoders = ffmpeg.h264Encoders();
        if (encoders.isEmpty()) {
            throw new IOException("cannot record to " + file + ": none of the H.264 encoders "
                    + String.join(", ", Ffmpeg.H264_PREFERENCE) + " opens with this FFmpeg");
        }
        return new VideoFileSink(file, "mp4", "H.264", encoders);
    }

    @Override
    public PreviewTap previewTap() {
        return new PreviewTapImpl();
    }

    private static Path path(String text, String what, String expected) throws IOException {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new IOException("bad " + what + " '" + text + "' (" + e.getReason() + "): expected " + expected, e);
        }
    }

    private static String extension(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString();
        int dot = n.lastIndexOf('.');
        return dot <= 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
