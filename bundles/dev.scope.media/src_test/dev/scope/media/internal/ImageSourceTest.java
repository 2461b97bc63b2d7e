package dev.scope.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.TimedFrame;
import dev.scope.media.Png;
import dev.scope.media.TestPattern;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.Test;

/** Still images: decoded by FFmpeg, repeated at 30 fps without end. */
class ImageSourceTest extends MediaFixtures {

    @Test
    void pngRepeatsExactlyAt30FpsWithoutCopies() throws IOException {
        TestPattern pattern = new TestPattern(97, 51); // odd width: rows of 388 bytes, no padding
        Frame image = frame(pattern, 7);
        Path file = dir.resolve("still.PNG");
        Png.write(image, file);
        image.release();

        try (FrameSource source = media.openSource(file.toString(), false)) {
            assertTrue(source.endless(), "an image repeats forever");
            assertEquals(97, source.width());
            assertEquals(51, source.height());
            assertEquals(30, source.frameRate());
            assertTrue(source.description().startsWith("still.PNG (97x51"), source.description());
            long before = engine.stats().framesInUse();
            List<TimedFrame> frames = read(source, 90);
            assertEquals(90, frames.size(), "an image does not end");
            for (int n = 0; n < frames.size(); n++) {
                assertEquals(Rates.pts(n, 30), frames.get(n).ptsMicros(), "pts of frame " + n);
                assertTrue(sameRgb(pattern.pixels(7), frames.get(n).frame()), "frame " + n + " is the image");
                assertFalse(frames.get(n).frame().writable(), "a handle to the one frame: read-only");
            }
            assertEquals(before, engine.stats().framesInUse(), "90 handles to one frame: no copy");
        }
    }

    @Test
    void jpegIsCloseToTheOriginal() throws IOException {
        TestPattern pattern = new TestPattern(128, 96);
        int[] image = pattern.pixels(3);
        BufferedImage rgb = new BufferedImage(128, 96, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 128; x++) {
                int p = image[y * 128 + x];
                rgb.setRGB(x, y, (p & 0xFF) << 16 | (p & 0xFF00) | (p >>> 16 & 0xFF));
            }
        }
        Path file = dir.resolve("still.jpg");
        assertTrue(ImageIO.write(rgb, "jpeg", file.toFile()));

        try (FrameSource source = media.openSource(file.toString(), false)) {
            TimedFrame first = source.next();
            double difference = meanAbsoluteDifference(image, first.frame());
            first.frame().release();
            assertTrue(difference < 8, "JPEG difference " + difference);
        }
    }
}
