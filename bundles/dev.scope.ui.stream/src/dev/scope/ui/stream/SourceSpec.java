package dev.scope.ui.stream;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a stream's frames come from, as a user picks it: the moving test pattern at a size and a
 * rate, a video file (optionally looping), a still image, or a webcam.
 *
 * @param kind what kind of source
 * @param path the file for {@link Kind#VIDEO_FILE} and {@link Kind#IMAGE}; the V4L2 device for
 *        {@link Kind#WEBCAM} ({@code null}: the first one); {@code null} for the test pattern
 * @param width the test pattern's width in pixels (0 for the other kinds)
 * @param height the test pattern's height in pixels (0 for the other kinds)
 * @param fps the test pattern's frames per second (0 for the other kinds)
 * @param loop for a video file: start again at its end
 */
public record SourceSpec(Kind kind, String path, int width, int height, double fps, boolean loop) {

    /** The kinds of source. */
    public enum Kind {
        /** The moving, colourful test pattern ({@code testsrc}). */
        TEST_PATTERN,
        /** A video file: mp4, mov, mkv, webm. */
        VIDEO_FILE,
        /** A still image: png, jpg. */
        IMAGE,
        /** A V4L2 camera. */
        WEBCAM
    }

    /** Checks that the fields fit the kind. */
    public SourceSpec {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.VIDEO_FILE || kind == Kind.IMAGE) && (path == null || path.isBlank())) {
            throw new IllegalArgumentException("a " + kind.name().toLowerCase(Locale.ROOT) + " source needs a path");
        }
        if (kind == Kind.TEST_PATTERN && (width <= 0 || height <= 0 || !(fps > 0))) {
            throw new IllegalArgumentException("a test pattern needs a size and a rate, was " + width + "x" + height
                    + "@" + fps);
        }
    }

    /**
     * @param width width in pixels
     * @param height height in pixels
     * @param fps frames per second
     * @return the test pattern at that size and rate (the limits are checked when it opens)
     */
    public static SourceSpec testPattern(int width, int height, double fps) {
        return new SourceSpec(Kind.TEST_PATTERN, null, width, height, fps, false);
    }

    /**
     * @param file the video file
     * @param loop whether to start again at its end
     * @return a video file source
     */
    public static SourceSpec videoFile(Path file, boolean loop) {
        return new SourceSpec(Kind.VIDEO_FILE, file.toAbsolutePath().toString(), 0, 0, 0, loop);
    }

    /**
     * @param file the image
     * @return a still image source (it never ends)
     */
    public static SourceSpec image(Path file) {
        return new SourceSpec(Kind.IMAGE, file.toAbsolutePath().toString(), 0, 0, 0, false);
    }

    /**
     * @param device a V4L2 device such as {@code /dev/video2}, or {@code null} for the first
     * @return a webcam source
     */
    public static SourceSpec webcam(String device) {
        return new SourceSpec(Kind.WEBCAM, device, 0, 0, 0, false);
    }

    /**
     * @return the spec {@code dev.scope.media.MediaService#openSource} takes:
     *         {@code testsrc:WxH@FPS}, the file's path, {@code webcam} or {@code webcam:DEVICE}
     */
    public String mediaSpec() {
        return switch (kind) {
            case TEST_PATTERN -> "testsrc:" + width + "x" + height + "@" + rate(fps);
            case VIDEO_FILE, IMAGE -> path;
            case WEBCAM -> path == null ? "webcam" : "webcam:" + path;
        };
    }

    /** @return a short description for the status line, e.g. {@code test pattern 1280x720 at 30 fps} */
    public String describe() {
        return switch (kind) {
            case TEST_PATTERN -> "test pattern " + width + "x" + height + " at " + rate(fps) + " fps";
            case VIDEO_FILE -> Path.of(path).getFileName() + (loop ? " (looping)" : "");
            case IMAGE -> Path.of(path).getFileName().toString();
            case WEBCAM -> path == null ? "webcam" : "webcam " + path;
        };
    }

    private static String rate(double fps) {
        return fps == Math.rint(fps) ? Long.toString((long) fps) : Double.toString(fps);
    }
}
