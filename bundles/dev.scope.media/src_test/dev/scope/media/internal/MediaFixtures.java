package dev.scope.media.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.TimedFrame;
import dev.scope.media.MediaService;
import dev.scope.media.TestPattern;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The base of the media tests: the service the bundle's component publishes, a temporary
 * directory, test videos made from the test pattern, pixel comparison.
 */
abstract class MediaFixtures {

    static MediaService media;

    @TempDir
    Path dir;

    @BeforeAll
    static void findService() throws InterruptedException {
        media = service();
    }

    /** @return the MediaService the bundle's component publishes */
    static MediaService service() throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(MediaFixtures.class).getBundleContext();
        ServiceTracker<MediaService, MediaService> tracker = new ServiceTracker<>(context, MediaService.class, null);
        tracker.open();
        MediaService service = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
        if (service == null) {
            throw new AssertionError("no MediaService registered within 10 s");
        }
        return service;
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
                sink.accept(new TimedFrame(pattern.frame(n), Rates.pts(n, fps)), fps);
            }
        }
    }

    /** Reads up to {@code max} frames. */
    static List<TimedFrame> read(FrameSource source, int max) throws IOException {
        List<TimedFrame> frames = new ArrayList<>();
        TimedFrame frame;
        while (frames.size() < max && (frame = source.next()) != null) {
            frames.add(frame);
        }
        return frames;
    }

    /** @return the mean absolute difference of the red, green and blue bytes, 0..255 */
    static double meanAbsoluteDifference(Frame a, Frame b) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new AssertionError("sizes differ: " + a.width() + "x" + a.height() + " vs " + b.width() + "x" + b.height());
        }
        ByteBuffer pa = a.pixels();
        ByteBuffer pb = b.pixels();
        long sum = 0;
        int pixels = a.width() * a.height();
        for (int i = 0; i < pixels * Frame.BYTES_PER_PIXEL; i++) {
            if (i % Frame.BYTES_PER_PIXEL != 3) {
                sum += Math.abs((pa.get(i) & 0xFF) - (pb.get(i) & 0xFF));
            }
        }
        return sum / (pixels * 3.0);
    }

    /** @return whether the red, green and blue bytes of every pixel are equal */
    static boolean sameRgb(Frame a, Frame b) {
        return meanAbsoluteDifference(a, b) == 0;
    }
}
