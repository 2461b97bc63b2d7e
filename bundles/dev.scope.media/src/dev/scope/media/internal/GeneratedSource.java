package dev.scope.media.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.scope.engine.api.BadInputException;
import dev.scope.engine.api.SessionSpec;
import dev.scope.engine.api.TimedFrame;
import dev.scope.media.TestPattern;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;

/**
 * A source that makes frame n on demand, at n / fps, and never ends: the moving
 * {@link TestPattern} ({@code testsrc:WIDTHxHEIGHT@FPS}) or a still image repeated at
 * {@value #STILL_RATE} fps. Every frame is a new handle, owned by the caller (a still image: to its one frame).
 */
final class GeneratedSource extends FixedFormatSource {

    static final String TESTSRC = "testsrc";
    /** The smallest side of the test pattern. */
    static final int MIN_SIDE = 16;
    static final String SIDES = MIN_SIDE + " to " + Frame.MAX_SIDE + " pixels on each side";
    static final String RATES = Rates.format(SessionSpec.MIN_FRAME_RATE) + " to "
            + Rates.format(SessionSpec.MAX_FRAME_RATE) + " frames a second";
    static final String TESTSRC_FORM = "testsrc:WIDTHxHEIGHT@FPS (" + SIDES + ", " + RATES + "),"
            + " e.g. testsrc:1280x720@30";
    /** The rate of a still image, and of a video that declares none. */
    static final double STILL_RATE = 30;

    private static final Pattern TESTSRC_SPEC = Pattern.compile("testsrc:(\\d{1,9})x(\\d{1,9})@(\\d{1,9}(?:\\.\\d{1,9})?)");

    private final LongFunction<Frame> frames;
    /** The frame a still image repeats: the source's own handle, released at close. */
    private final Frame still;
    private long next;
    private volatile boolean closed;

    private GeneratedSource(String description, int width, int height, double frameRate, LongFunction<Frame> frames,
            Frame still) {
        super(description, width, height, frameRate);
        this.frames = frames;
        this.still = still;
    }

    /**
     * @param spec the source spec, starting with {@code testsrc}
     * @param frames where the frames come from
     * @return the test pattern source
     * @throws BadInputException naming the spec and the expected form when it does not parse, or the
     *         limit a size or rate is past
     */
    static GeneratedSource testPattern(String spec, FrameAllocator frames) {
        Matcher m = TESTSRC_SPEC.matcher(spec);
        if (!m.matches()) {
            throw new BadInputException("bad test source '" + spec + "': expected " + TESTSRC_FORM);
        }
        long w = Long.parseLong(m.group(1));
        long h = Long.parseLong(m.group(2));
        double fps = Double.parseDouble(m.group(3));
        if (w < MIN_SIDE || h < MIN_SIDE || w > Frame.MAX_SIDE || h > Frame.MAX_SIDE) {
            throw new BadInputException("bad test source '" + spec + "': " + w + "x" + h + " is past the limit: "
                    + SIDES);
        }
        if (!(fps >= SessionSpec.MIN_FRAME_RATE && fps <= SessionSpec.MAX_FRAME_RATE)) {
            throw new BadInputException("bad test source '" + spec + "': a frame rate of " + m.group(3)
                    + " is past the limit: " + RATES);
        }
        TestPattern pattern = new TestPattern((int) w, (int) h);
        return new GeneratedSource("testsrc " + w + "x" + h + "@" + Rates.format(fps), (int) w, (int) h, fps,
                n -> pattern.frame(n, frames), null);
    }

    /**
     * @param frames where the image's frame comes from
     * @param log FFmpeg's log
     * @param file an existing, readable, non-empty PNG or JPEG file
     * @return the image repeated at {@value #STILL_RATE} fps: one frame, a new handle to it each time
     * @throws BadInputException when FFmpeg cannot decode a picture from it, or it is too large
     * @throws IOException when the machine fails
     */
    static GeneratedSource stillImage(FrameAllocator frames, FfmpegLog log, Path file) throws IOException {
        String failure = file + " is not an image FFmpeg can read (expected " + MediaServiceImpl.IMAGE_FILES + ")";
        try (Decoder decoder = Decoder.open(frames, log, file.toString(), null, file.toString(), failure)) {
            log.forgetRecent();
            TimedFrame first = decoder.next();
            if (first == null) {
                throw new BadInputException(failure + ": "
                        + FfmpegLog.fold("no picture could be decoded", log.recentErrors()));
            }
            Frame image = first.frame();
            return new GeneratedSource(file.getFileName() + " (" + image.width() + "x" + image.height() + " still image@"
                    + Rates.format(STILL_RATE) + ")", image.width(), image.height(), STILL_RATE, n -> image.retain(), image);
        }
    }

    @Override
    public boolean endless() {
        return true; // the test pattern and a repeated image never end
    }

    @Override
    public synchronized TimedFrame next() {
        if (closed) {
            return null;
        }
        long n = next++;
        return new TimedFrame(frames.apply(n), Rates.pts(n, frameRate()));
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (still != null) {
            still.release();
        }
    }
}
