package dev.scope.media.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.scope.engine.api.Engine;
import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.TimedFrame;
import dev.scope.media.MediaService;
import dev.scope.media.TestPattern;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The base of the media tests: the service the bundle's component publishes, the platform's frame
 * pool (the engine's), a temporary directory, test videos made from the test pattern, pixel
 * comparison. Every test gives back every frame it took: the pool holds as many frames after it
 * as before.
 */
abstract class MediaFixtures {

    static MediaService media;
    static Engine engine;
    static FrameAllocator frames;

    @TempDir
    Path dir;

    private long framesInUseBefore;
    /** Frames a test took with {@link #read} or {@link #held}: released after it, before the count. */
    private static final List<Frame> HELD = new ArrayList<>();

    @BeforeAll
    static void findService() throws InterruptedException {
        media = service();
        engine = service(Engine.class);
        frames = engine.frames();
    }

    @BeforeEach
    void countFrames() {
        framesInUseBefore = engine.stats().framesInUse();
    }

    /** @return the pool's frames in use when the test began */
    long framesBefore() {
        return framesInUseBefore;
    }

    @AfterEach
    void everyFrameIsReleased() {
        HELD.forEach(Frame::release);
        HELD.clear();
        if (engine.stats().framesInUse() != framesInUseBefore) {
            throw new AssertionError("the test kept " + (engine.stats().framesInUse() - framesInUseBefore)
                    + " frames of the pool");
        }
    }

    /** @return the MediaService the bundle's component publishes */
    static MediaService service() throws InterruptedException {
        return service(MediaService.class);
    }

    static <S> S service(Class<S> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(MediaFixtures.class).getBundleContext();
        ServiceTracker<S, S> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        S service = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
        if (service == null) {
            throw new AssertionError("no " + type.getSimpleName() + " registered within 10 s");
        }
        return service;
    }

    /** @return frame {@code n} of the pattern, from the pool: the caller releases it */
    static Frame frame(TestPattern pattern, long n) {
        return pattern.frame(n, frames);
    }

    /** @return the frame, released after the test */
    static Frame held(Frame frame) {
        HELD.add(frame);
        return frame;
    }

    /** Releases every frame. */
    static void release(List<TimedFrame> timed) {
        timed.forEach(t -> t.frame().release());
    }

    /** @return a frame's packed pixels */
    static int[] pixels(Frame f) {
        int[] p = new int[f.width() * f.height()];
        f.read(p);
        return p;
    }

    /** @return FFmpeg's log of the service's component, FFmpeg loaded */
    static FfmpegLog ffmpegLog() throws IOException {
        Ffmpeg ffmpeg = ((MediaServiceImpl) media).ffmpeg();
        ffmpeg.load();
        return ffmpeg.log();
    }

    /** Sends frames 0..count-1 of the test pattern, frame n at n / fps, then closes the sink. */
    static void record(FrameSink sink, int count, int width, int height, double fps) throws IOException {
        TestPattern pattern = new TestPattern(width, height);
        try (sink) {
            for (int n = 0; n < count; n++) {
                Frame f = frame(pattern, n);
                try {
                    sink.accept(new TimedFrame(f, Rates.pts(n, fps)), fps);
                } finally {
                    f.release();
                }
            }
        }
    }

    /** Reads up to {@code max} frames; they are released after the test. */
    static List<TimedFrame> read(FrameSource source, int max) throws IOException {
        List<TimedFrame> frames = new ArrayList<>();
        TimedFrame frame;
        while (frames.size() < max && (frame = source.next()) != null) {
            frames.add(frame);
            HELD.add(frame.frame());
        }
        return frames;
    }

    /** @return the mean absolute difference of the red, green and blue bytes, 0..255 */
    static double meanAbsoluteDifference(Frame a, Frame b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new AssertionError("sizes differ: " + a.width() + "x" + a.height() + " vs " + b.width() + "x" + b.height());
        }
        return meanAbsoluteDifference(pixels(a), b);
    }

    /** @return the mean absolute difference of the red, green and blue bytes, 0..255 */
    static double meanAbsoluteDifference(int[] pa, Frame b) {
        int[] pb = pixels(b);
        long sum = 0;
        for (int i = 0; i < pb.length; i++) {
            for (int shift = 0; shift < 24; shift += 8) {
                sum += Math.abs((pa[i] >>> shift & 0xFF) - (pb[i] >>> shift & 0xFF));
            }
        }
        return sum / (pb.length * 3.0);
    }

    /** @return whether the red, green and blue bytes of every pixel are equal */
    static boolean sameRgb(Frame a, Frame b) {
        return meanAbsoluteDifference(a, b) == 0;
    }

    /** @return whether the red, green and blue bytes of every pixel are equal */
    static boolean sameRgb(int[] a, Frame b) {
        return meanAbsoluteDifference(a, b) == 0;
    }
}
