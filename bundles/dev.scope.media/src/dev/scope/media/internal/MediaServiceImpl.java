package dev.scope.media.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

import dev.scope.engine.api.BadInputException;
import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.FrameSource;
import dev.scope.media.MediaService;
import dev.scope.media.PreviewTap;
import dev.scope.pipeline.api.FrameAllocator;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * Sources and sinks by name. FFmpeg is loaded at the first source or sink that needs it (not for
 * the test pattern, PNG sequences or the preview tap), and the H.264 encoders are probed once, at
 * the first MP4 recording. What the user named is checked here first (exists, is a file, is
 * readable, is not empty; an output can be created) so the common mistakes get a plain message
 * before FFmpeg sees them.
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

    /** The platform's frame pool (the engine's): every frame a source makes comes from it. */
    @Reference
    private FrameAllocator frames;

    @Override
    public FrameSource openSource(String spec, boolean loop) throws IOException {
        String s = spec == null ? "" : spec.trim();
        if (s.isEmpty()) {
            throw new BadInputException("no source given: expected " + SOURCES);
        }
        if (s.equals(GeneratedSource.TESTSRC) || s.startsWith(GeneratedSource.TESTSRC + ":")) {
            return GeneratedSource.testPattern(s, frames);
        }
        if (s.equals(WEBCAM) || s.startsWith(WEBCAM + ":")) {
            return openWebcam(s.equals(WEBCAM) ? DEFAULT_WEBCAM : s.substring(WEBCAM.length() + 1).trim());
        }
        Path file = path(s, "source", SOURCES);
        String extension = extension(file);
        boolean video = VIDEO_EXTENSIONS.contains(extension);
        if (!video && !IMAGE_EXTENSIONS.contains(extension)) {
            throw new BadInputException("unknown source '" + s + "': expected " + SOURCES);
        }
        String kind = video ? "video file" : "image file";
        String aKind = video ? "a video file" : "an image file";
        if (!Files.exists(file)) {
            throw new BadInputException("no such " + kind + ": " + file);
        }
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(file + " is not a file (expected " + aKind + ")");
        }
        if (!Files.isReadable(file)) {
            throw new BadInputException("cannot read " + file + ": permission denied");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + Plain.reason(e, file), e);
        }
        if (size == 0) {
            throw new BadInputException(file + " is empty (expected " + aKind + ")");
        }
        ffmpeg.load();
        return video ? VideoSource.openFile(frames, ffmpeg.log(), file, loop)
                : GeneratedSource.stillImage(frames, ffmpeg.log(), file);
    }

    private FrameSource openWebcam(String device) throws IOException {
        if (device.isEmpty() || !Files.exists(Path.of(device))) {
            throw new BadInputException("no webcam found at " + (device.isEmpty() ? "''" : device)
                    + " (is a V4L2 camera connected?)");
        }
        ffmpeg.load();
        return VideoSource.openWebcam(frames, ffmpeg.log(), device);
    }

    @Override
    public OptionalLong framesPromised(FrameSource source) {
        if (source instanceof VideoSource video && video.framesPromised() >= 0) {
            return OptionalLong.of(video.framesPromised());
        }
        return OptionalLong.empty();
    }

    @Override
    public FrameSink openSink(String target) throws IOException {
        String t = target == null ? "" : target.trim();
        if (t.isEmpty()) {
            throw new BadInputException("no output given: expected " + SINKS);
        }
        Path path = path(t, "output", SINKS);
        if (extension(path).equals("mp4")) {
            return openRecording(path);
        }
        if (Files.isDirectory(path) || (!Files.exists(path) && extension(path).isEmpty())) {
            try {
                Files.createDirectories(path);
            } catch (IOException e) {
                throw new BadInputException("cannot create the directory " + path + " for a PNG sequence: "
                        + Plain.reason(e, path), e);
            }
            if (!Files.isWritable(path)) {
                throw new BadInputException("cannot write PNG frames into " + path + ": permission denied");
            }
            return new PngSequenceSink(path);
        }
        if (Files.exists(path)) {
            throw new BadInputException(path + " is an existing file, not an output: expected " + SINKS);
        }
        throw new BadInputException("unknown output '" + t + "': expected " + SINKS);
    }

    private FrameSink openRecording(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new BadInputException("cannot record to " + file + ": the directory " + directory + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException("cannot record to " + file
                    + ": it is a directory (expected a file name ending in .mp4)");
        }
        if (!Files.isWritable(directory) || (Files.exists(file) && !Files.isWritable(file))) {
            throw new BadInputException("cannot record to " + file + ": permission denied");
        }
        if (!Files.exists(file)) {
            // the permission bits do not tell everything (a read-only mount, /proc): try
            try {
                Files.delete(Files.createFile(file));
            } catch (IOException e) {
                throw new BadInputException("cannot record to " + file + ": " + Plain.reason(e, file), e);
            }
        }
        List<String> encoders = ffmpeg.h264Encoders();
        if (encoders.isEmpty()) {
            throw new IOException("cannot record to " + file + ": none of the H.264 encoders "
                    + String.join(", ", Ffmpeg.H264_PREFERENCE) + " opens with this FFmpeg");
        }
        return new VideoFileSink(ffmpeg.log(), file, "mp4", "H.264", encoders);
    }

    @Override
    public PreviewTap previewTap() {
        return new PreviewTapImpl();
    }

    /** Called when the component goes: FFmpeg's log callback leaves with it. */
    @Deactivate
    void deactivate() {
        ffmpeg.close();
    }

    /** @return the FFmpeg of this component, for tests of this bundle */
    Ffmpeg ffmpeg() {
        return ffmpeg;
    }

    private static Path path(String text, String what, String expected) {
        try {
            return Path.of(text);
        } catch (InvalidPathException e) {
            throw new BadInputException("bad " + what + " '" + text + "' (" + lowerCase(e.getReason()) + "): expected "
                    + expected, e);
        }
    }

    private static String lowerCase(String reason) {
        return reason == null ? "not a path" : reason.toLowerCase(Locale.ROOT);
    }

    private static String extension(Path file) {
        Path name = file.getFileName();
        String n = name == null ? "" : name.toString();
        int dot = n.lastIndexOf('.');
        return dot <= 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
