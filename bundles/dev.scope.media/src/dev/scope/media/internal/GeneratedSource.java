package dev.scope.media.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.scope.engine.api.TimedFrame;
import dev.scope.media.TestPattern;
import dev.scope.pipeline.api.Frame;

/**
 * A source that makes frame n on demand, at n / fps, and never ends: the moving
 * {@link TestPattern} ({@code testsrc:WIDTHxHEIGHT@FPS}) or a still image repeated at
 * {@value #STILL_RATE} fps. Every frame is a new one, owned by the caller.
 */
final class GeneratedSource extends FixedFormatSource {

    static final String TESTSRC = "testsrc";
    static final String TESTSRC_FORM = "testsrc:WIDTHxHEIGHT@FPS (at least 16x16, FPS above 0 and at most 1000),"
            + " e.g. testsrc:1280x720@30";
    /** The rate of a still image, and of a video that declares none. */
    static final double STILL_RATE = 30;

    private static final Pattern TESTSRC_SPEC = Pattern.compile("testsrc:(\\d{1,5})x(\\d{1,5})@(\\d{1,4}(?:\\.\\d{1,6})?)");

    private final LongFunction<Frame> frames;
    private long next;
    private volatile boolean closed;

    private GeneratedSource(String description, int width, int height, double frameRate, LongFunction<Frame> frames) {
        super(description, width, height, frameRate);
        this.frames = frames;
    }

    /**
     * @param spec the source spec, starting with {@code testsrc}
     * @return the test pattern source
     * @throws IOException naming the spec and the expected form when it does not parse
     */
    static GeneratedSource testPattern(String spec) throws IOException {
        Matcher m = TESTSRC_SPEC.matcher(spec);
        if (m.matches()) {
            int w = Integer.parseInt(m.group(1));
            int h = Integer.parseInt(m.group(2));
            double fps = Double.parseDouble(m.group(3));
            if (w >= 16 && h >= 16 && w <= 32768 && h <= 32768 && fps > 0 && fps <= 1000) {
                TestPattern pattern = new TestPattern(w, h);
                return new GeneratedSource("testsrc " + w + "x" + h + "@" + Rates.format(fps), w, h, fps, pattern::frame);
            }
        }
        throw new IOException("bad test source '" + spec + "': expected " + TESTSRC_FORM);
    }

    /**
     * @param file an existing, readable PNG or JPEG file
     * @return the image repeated at {@value #STILL_RATE} fps
     * @throws IOException when FFmpeg cannot decode a picture from it
     */
    static GeneratedSource stillImage(Path file) throws IOException {
        String failure = file + " is not an image FFmpeg can read (expected " + MediaServiceImpl.IMAGE_FILES + ")";
        try (Decoder decoder = Decoder.open(file.toString(), null, file.toString(), failure)) {
            TimedFrame first = decoder.next();
            if (first == null) {
                throw new IOException(failure + ": no picture could be decoded");
            }
            Frame image = first.frame();
            return new GeneratedSource(file.getFileName() + " (" + image.width() + "x" + image.height() + " still image@"
                    + Rates.format(STILL_RATE) + ")", image.width(), image.height(), STILL_RATE, n -> Frame.copyOf(image));
        }
    }

    @Override
    public boolean endless() {
        return true; // the test pattern and a repeated image never end
    }

    @Override
    public TimedFrame next() {
        if (closed) {
            return null;
        }
        long n = next++;
        return new TimedFrame(frames.apply(n), Rates.pts(n, frameRate()));
    }

    @Override
    public void close() {
        closed = true;
    }
}
