package dev.scope.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.imageio.ImageIO;

import dev.scope.media.Jpeg;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.Test;

/** The in-memory JPEG of a frame: its picture, its size limit, its quality. */
class JpegTest extends MediaFixtures {

    /** A frame with a red left half and a blue right half (packed: red in the low byte). */
    private Frame halves(int w, int h) {
        Frame frame = frames.allocateUninitialized(w, h);
        int[] row = new int[w];
        for (int x = 0; x < w; x++) {
            row[x] = x < w / 2 ? 0xFF00_00FF : 0xFFFF_0000;
        }
        for (int y = 0; y < h; y++) {
            frame.writeRows(y, 1, row, 0);
        }
        return frame;
    }

    private static BufferedImage decode(byte[] jpeg) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertTrue(image != null, "a JPEG ImageIO reads");
        return image;
    }

    private static void near(int expectedRgb, int actualRgb, String where) {
        for (int shift = 0; shift <= 16; shift += 8) {
            int e = expectedRgb >> shift & 0xFF;
            int a = actualRgb >> shift & 0xFF;
            assertTrue(Math.abs(e - a) <= 12, where + ": expected #" + Integer.toHexString(expectedRgb & 0xFFFFFF)
                    + ", got #" + Integer.toHexString(actualRgb & 0xFFFFFF));
        }
    }

    @Test
    void aFrameBecomesAJpegOfTheSamePicture() throws IOException {
        Frame frame = halves(64, 32);
        try {
            BufferedImage image = decode(Jpeg.encode(frame, Jpeg.DEFAULT_QUALITY, 0));
            assertEquals(64, image.getWidth());
            assertEquals(32, image.getHeight());
            near(0xFF0000, image.getRGB(8, 16), "the left half");
            near(0x0000FF, image.getRGB(56, 16), "the right half");
        } finally {
            frame.release();
        }
    }

    @Test
    void aLargerFrameIsScaledDownToTheLongestSideAsked() throws IOException {
        Frame frame = halves(320, 180);
        try {
            BufferedImage image = decode(Jpeg.encode(frame, 75, 160));
            assertEquals(160, image.getWidth());
            assertEquals(90, image.getHeight());
            near(0xFF0000, image.getRGB(20, 45), "the left half, scaled");
            near(0x0000FF, image.getRGB(140, 45), "the right half, scaled");
            assertEquals(320, decode(Jpeg.encode(frame, 75, 640)).getWidth(), "a smaller frame is not enlarged");
        } finally {
            frame.release();
        }
    }

    @Test
    void aLowerQualityIsSmallerAndAQualityOutOfRangeIsRefused() {
        Frame frame = frames.allocateUninitialized(96, 96);
        try {
            int[] row = new int[96];
            for (int y = 0; y < 96; y++) {
                for (int x = 0; x < 96; x++) {
                    row[x] = 0xFF00_0000 | (x * 37 + y * 11 & 0xFF) << 8 | (x ^ y) & 0xFF;
                }
                frame.writeRows(y, 1, row, 0);
            }
            assertTrue(Jpeg.encode(frame, 10, 0).length < Jpeg.encode(frame, 95, 0).length);
            IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> Jpeg.encode(frame, 0, 0));
            assertEquals("a JPEG quality of 0 is not valid; expected 1 to 100", zero.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Jpeg.encode(frame, 101, 0));
            assertThrows(IllegalArgumentException.class, () -> Jpeg.encode(frame, 50, -1));
        } finally {
            frame.release();
        }
    }

    @Test
    void aJpegDecodesToAFrameOfThePicture() {
        Frame frame = halves(64, 32);
        Frame back;
        try {
            back = Jpeg.decode(Jpeg.encode(frame, 95, 0), frames);
        } finally {
            frame.release();
        }
        try {
            assertEquals(64, back.width());
            assertEquals(32, back.height());
            int[] row = new int[64];
            back.readRows(16, 1, row, 0);
            near(0xFF, row[8], "the left half, packed red low");
            near(0xFF0000, row[56], "the right half, packed blue high");
        } finally {
            back.release();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Jpeg.decode(new byte[] {1, 2, 3}, frames));
        assertTrue(e.getMessage().startsWith("not a JPEG"), e.getMessage());
    }
}
