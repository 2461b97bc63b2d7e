package dev.scope.media.internal;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.TimedFrame;
import dev.scope.media.TestPattern;

/** {@code testsrc:WIDTHxHEIGHT@FPS}: the moving {@link TestPattern}, frame n at n / fps; never ends. */
final class TestPatternSource implements FrameSource {

    static final String PREFIX = "testsrc";
    static final String FORM = "testsrc:WIDTHxHEIGHT@FPS (at least 16x16, FPS above 0 and at most 1000),"
            + " e.g. testsrc:1280x720@30";

    private static final Pattern SPEC = Pattern.compile("testsrc:(\\d{1,5})x(\\d{1,5})@(\\d{1,4}(?:\\.\\d{1,6})?)");

    private final TestPattern pattern;
    private final double frameRate;
    private long next;
    private volatile boolean closed;

    private TestPatternSource(TestPattern pattern, double frameRate) {
        this.pattern = pattern;
        this.frameRate = frameRate;
    }

    /**
     * @param spec the source spec, starting with {@code testsrc}
     * @return the source
     * @throws IOException naming the spec and the expected form when it does not parse
     */
    static TestPatternSource open(String spec) throws IOException {
        Matcher m = SPEC.matcher(spec.trim());
        if (m.matches()) {
            int width = Integer.parseInt(m.group(1));
            int height = Integer.parseInt(m.group(2));
            double fps = Double.parseDouble(m.group(3));
            if (width >= 16 && height >= 16 && width <= 32768 && height <= 32768 && fps > 0 && fps <= 1000) {
                return new TestPatternSource(new TestPattern(width, height), fps);
            }
        }
        throw new IOException("bad test source '" + spec + "': expected " + FORM);
    }

    @Override
    public String description() {
        return "testsrc " + pattern.width() + "x" + pattern.height() + "@" + Rates.format(frameRate);
    }

    @Override
    public double frameRate() {
        return frameRate;
    }

    @Override
    public int width() {
        return pattern.width();
    }

    @Override
    public int height() {
        return pattern.height();
    }

    @Override
    public TimedFrame next() {
        if (closed) {
            return null;
        }
        long n = next++;
        return new TimedFrame(pattern.frame(n), Rates.pts(n, frameRate));
    }

    @Override
    public void close() {
        closed = true;
    }
}
