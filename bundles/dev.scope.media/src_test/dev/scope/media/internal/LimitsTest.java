package dev.scope.media.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import dev.scope.engine.api.BadInputException;
import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.TimedFrame;
import dev.scope.media.Png;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.Test;

/**
 * Frames are at most {@link Frame#MAX_SIDE} on a side: larger images and videos are refused at
 * opening with the limit named, and everything up to the limit works (PNG, MP4, decoding).
 */
class LimitsTest extends MediaFixtures {

    static final int MAX = Frame.MAX_SIDE;

    /** A black frame that is not bound by the pool's limit, to write files past it. */
    record BigFrame(int width, int height) implements Frame {
        @Override
        public Residency residency() {
            return Residency.HOST;
        }

        @Override
        public boolean writable() {
            return false;
        }

        @Override
        public void readRows(int firstRow, int rows, int[] dst, int offset) {
            java.util.Arrays.fill(dst, offset, offset + rows * width, OPAQUE);
        }

        @Override
        public void writeRows(int firstRow, int rows, int[] src, int offset) {
            throw new IllegalStateException("read-only");
        }

        @Override
        public Frame retain() {
            return this;
        }

        @Override
        public void release() {
        }
    }

    /** @return a new pool frame of x/y gradients, every pixel opaque: red = x, green = y, blue = x + y */
    static Frame gradient(int w, int h) {
        Frame frame = frames.allocateUninitialized(w, h);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                row[x] = 0xFF00_0000 | ((x + y) & 0xFF) << 16 | (y & 0xFF) << 8 | (x & 0xFF);
            }
            frame.writeRows(y, 1, row, 0);
        }
        return frame;
    }

    /** @return the difference of the source's next frame to {@code expected}; the frame is released */
    static double differenceOfNext(FrameSource source, Frame expected) throws IOException {
        Frame back = source.next().frame();
        try {
            return meanAbsoluteDifference(expected, back);
        } finally {
            back.release();
        }
    }

    @Test
    void aPngIntoAMissingFolderIsRefusedNamingTheFolder() {
        Frame frame = gradient(4, 4);
        Path file = dir.resolve("no/such/folder/x.png");
        IOException e = assertThrows(IOException.class, () -> Png.write(frame, file));
        assertEquals("cannot write " + file + ": the folder " + file.getParent() + " does not exist", e.getMessage());
        frame.release();
    }

    @Test
    void aPngOf8192x8192RoundTrips() throws IOException {
        Frame frame = gradient(MAX, MAX);
        Path file = dir.resolve("max.png");
        Png.write(frame, file);
        Frame back = Png.read(file, frames);
        assertEquals(MAX, back.width());
        assertEquals(MAX, back.height());
        assertTrue(sameRgb(frame, back), "every pixel");
        assertEquals(frame.rgb(MAX - 1, MAX - 1), back.rgb(MAX - 1, MAX - 1), "the last pixel");
        frame.release();
        back.release();
    }

    @Test
    void anImagePastTheLimitIsRefusedWithTheLimitNamed() throws IOException {
        Path file = dir.resolve("wide.png");
        assertTrue(ImageIO.write(new BufferedImage(MAX + 1, 16, BufferedImage.TYPE_INT_RGB), "png", file.toFile()));
        String expected = file + " is 8193x16; frames are at most 8192 pixels on each side";
        assertEquals(expected, assertThrows(BadInputException.class, () -> media.openSource(file.toString(), false))
                .getMessage());
        assertEquals(expected, assertThrows(BadInputException.class, () -> Png.read(file, frames)).getMessage());
    }

    @Test
    void aVideoPastTheLimitIsRefusedAtOpening() throws IOException {
        Path file = dir.resolve("wide.mkv");
        try (FrameSink sink = new VideoFileSink(ffmpegLog(), file, "matroska", "ffv1", List.of("ffv1"))) {
            sink.accept(new TimedFrame(new BigFrame(MAX + 8, 16), 0), 30);
        }
        BadInputException e = assertThrows(BadInputException.class, () -> media.openSource(file.toString(), false));
        assertEquals(file + " is 8200x16; frames are at most 8192 pixels on each side", e.getMessage());
    }

    @Test
    void aVideoAtTheLimitReadsBack() throws IOException {
        Path file = dir.resolve("edge.mkv");
        Frame wide = gradient(MAX, 16);
        try (FrameSink sink = new VideoFileSink(ffmpegLog(), file, "matroska", "ffv1", List.of("ffv1"))) {
            sink.accept(new TimedFrame(wide, 0), 30);
        }
        try (FrameSource source = media.openSource(file.toString(), false)) {
            assertEquals(MAX, source.width());
            assertTrue(differenceOfNext(source, wide) < VideoFileTest.TOLERANCE, "8192 wide through ffv1 4:2:0");
        } finally {
            wide.release();
        }
    }

    @Test
    void anMp4Of8192WideRoundTrips() throws IOException {
        Path file = dir.resolve("wide.mp4");
        Frame frame = gradient(MAX, 1152); // at OpenH264's limit of 36864 macroblocks
        try (FrameSink sink = media.openSink(file.toString())) {
            sink.accept(new TimedFrame(frame, 0), 30);
        }
        try (FrameSource source = media.openSource(file.toString(), false)) {
            assertEquals(MAX, source.width());
            assertTrue(differenceOfNext(source, frame) < VideoFileTest.TOLERANCE);
        } finally {
            frame.release();
        }
    }

    @Test
    void anMp4Of8192x8192IsWrittenOrRefusedInPlainWords() throws IOException {
        Path file = dir.resolve("max.mp4");
        Frame frame = gradient(MAX, MAX);
        try {
            writeOrRefuseTheLargest(file, frame);
        } finally {
            frame.release();
        }
    }

    private void writeOrRefuseTheLargest(Path file, Frame frame) throws IOException {
        List<String> encoders = ((MediaServiceImpl) media).ffmpeg().h264Encoders();
        FrameSink sink = media.openSink(file.toString());
        try {
            sink.accept(new TimedFrame(frame, 0), 30);
            sink.close();
        } catch (IOException e) {
            // no H.264 level reaches 8192x8192; OpenH264 (the LGPL build's) stops at level 5.2
            String message = ErrorsTest.plain(e.getMessage());
            assertTrue(message.startsWith("cannot record " + file + " (8192x8192@30): no encoder opened ("), message);
            if (encoders.equals(List.of("libopenh264"))) {
                assertEquals("cannot record " + file + " (8192x8192@30): no encoder opened (libopenh264 takes at most"
                        + " 36864 macroblocks of 16x16 a frame (4096x2304 or 8192x1152), 8192x8192 has 262144)", message);
            }
            return;
        }
        try (FrameSource source = media.openSource(file.toString(), false)) {
            assertEquals(MAX, source.width());
            assertEquals(MAX, source.height());
            assertTrue(differenceOfNext(source, frame) < VideoFileTest.TOLERANCE);
        }
    }
}
