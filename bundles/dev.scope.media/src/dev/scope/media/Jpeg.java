package dev.scope.media;

import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import dev.scope.pipeline.api.Frame;

/**
 * Encodes frames as baseline JPEG in memory, for the server's {@code GET /api/v1/session/frame}
 * and its remote preview. Stateless and thread-safe; call it off the pipeline's threads (a 720p
 * frame takes milliseconds).
 */
public final class Jpeg {

    /** The quality Scope's frame endpoint uses when none is asked for. */
    public static final int DEFAULT_QUALITY = 85;

    private Jpeg() {
    }

    /**
     * @param frame the frame, host or device, borrowed or not; read only
     * @param quality 1 (smallest) to 100 (best)
     * @param maxSide 0 for the frame's own size, else the longest side of the picture: a larger frame
     *        is scaled down (bilinear), keeping its aspect
     * @return the JPEG file's bytes
     * @throws IllegalArgumentException for a quality outside 1..100 or a negative maxSide, naming it
     */
    public static byte[] encode(Frame frame, int quality, int maxSide) {
        if (quality < 1 || quality > 100) {
            throw new IllegalArgumentException("a JPEG quality of " + quality + " is not valid; expected 1 to 100");
        }
        if (maxSide < 0) {
            throw new IllegalArgumentException("a largest side of " + maxSide + " is not valid; expected 0 (the frame's"
                    + " own size) or more");
        }
        BufferedImage image = scaled(Png.rgbImage(frame), maxSide);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no JPEG writer in this Java runtime");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(image.getWidth() * image.getHeight() / 4 + 1024);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality / 100f);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new IllegalStateException("the JPEG writer failed in memory: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes a JPEG (a remote preview's frame).
     *
     * @param jpeg the JPEG file's bytes
     * @param frames where the frame comes from
     * @return the picture as a frame, writable and owned by the caller
     * @throws IllegalArgumentException when the bytes are not a JPEG this runtime reads, or the
     *         picture is past {@link Frame#MAX_SIDE} on a side
     */
    public static Frame decode(byte[] jpeg, dev.scope.pipeline.api.FrameAllocator frames) {
        BufferedImage image;
        try {
            image = ImageIO.read(new java.io.ByteArrayInputStream(jpeg));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JPEG this runtime can read: " + e.getMessage(), e);
        }
        if (image == null) {
            throw new IllegalArgumentException("not a JPEG this runtime can read (" + jpeg.length + " bytes)");
        }
        if (image.getWidth() > Frame.MAX_SIDE || image.getHeight() > Frame.MAX_SIDE) {
            throw new IllegalArgumentException("a " + image.getWidth() + "x" + image.getHeight() + " JPEG is past the "
                    + Frame.MAX_SIDE + " pixels a frame may have on a side");
        }
        return Png.frame(image, frames);
    }

    private static BufferedImage scaled(BufferedImage image, int maxSide) {
        int w = image.getWidth();
        int h = image.getHeight();
        int longest = Math.max(w, h);
        if (maxSide == 0 || longest <= maxSide) {
            return image;
        }
        int sw = Math.max(1, (int) Math.round((double) w * maxSide / longest));
        int sh = Math.max(1, (int) Math.round((double) h * maxSide / longest));
        BufferedImage out = new BufferedImage(sw, sh, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, sw, sh, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
