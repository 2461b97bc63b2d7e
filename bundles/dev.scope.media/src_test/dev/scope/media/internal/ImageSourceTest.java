package dev.scope.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void pngRepeatsExactlyAt30Fps() throws IOException {
        Frame image = new TestPattern(97, 51).frame(7); // odd width: rows of 388 bytes, no padding
        Path file = dir.resolve("still.PNG");
        Png.write(image, file);

        try (FrameSource source = media.openSource(file.toString(), false)) {
            assertTrue(source.endless(), "an image repeats forever");
            assertEquals(97, source.width());
            assertEquals(51, source.height());
            assertEquals(30, source.frameRate());
            assertTrue(source.description().startsWith("still.PNG (97x51"), source.description());
            List<TimedFrame> frames = read(source, 90);
            assertEquals(90, frames.size(), "an image does not end");
            for (int n = 0; n < frames.size(); n++) {
                assertEquals(Rates.pts(n, 30), frames.get(n).ptsMicros(), "pts of frame " + n);
                assertTrue(sameRgb(image, frames.get(n).frame()), "frame " + n + " is the image");
            }
            frames.get(0).frame().pixels().put(0, (byte) 1);
            assertTrue(sameRgb(image, source.next().frame()), "every frame is the caller's own copy");
        }
    }

    @Test
    void jpegIsCloseToTheOriginal() throws IOException {
        Frame image = new TestPattern(128, 96).frame(3);
        BufferedImage rgb = new BufferedImage(128, 96, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 128; x++) {
                rgb.setRGB(x, y, image.rgb(x, y));
            }
        }
        Path file = dir.resolve("still.jpg");
        assertTrue(ImageIO.write(rgb, "jpeg", file.toFile()));

        try (FrameSource source = media.openSource(file.toString(), false)) {
            double difference = meanAbsoluteDifference(image, source.next().frame());
            assertTrue(difference < 8, "JPEG difference " + difference);
        }
    }
}
