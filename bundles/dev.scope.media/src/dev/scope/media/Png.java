package dev.scope.media;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import javax.imageio.ImageIO;

import dev.scope.pipeline.api.Frame;

/**
 * Reads and writes frames as 8-bit RGB PNG files. Stateless and thread-safe.
 */
public final class Png {

    private Png() {
    }

    /**
     * Writes a frame as an RGB PNG, atomically (a temporary file moved into place).
     *
     * @param frame the frame; read only
     * @param file the target file; its directory must exist
     * @throws IOException when the file cannot be written
     */
    public static void write(Frame frame, Path file) throws IOException {
        int w = frame.width();
        int h = frame.height();
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        ByteBuffer p = frame.pixels();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = (y * w + x) * 4;
                row[x] = (p.get(i) & 0xFF) << 16 | (p.get(i + 1) & 0xFF) << 8 | (p.get(i + 2) & 0xFF);
            }
            image.setRGB(0, y, w, 1, row, 0, w);
        }
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available in this Java runtime");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Reads an image file (PNG, or another format ImageIO knows) into a new host frame.
     *
     * @param file the file
     * @return the frame, owned by the caller
     * @throws IOException when the file cannot be read or is not an image
     */
    public static Frame read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        if (image == null) {
            throw new IOException(file + " is not an image file this runtime can read (expected PNG or JPEG)");
        }
        Frame frame = Frame.allocate(image.getWidth(), image.getHeight());
        ByteBuffer p = frame.pixels();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int i = (y * image.getWidth() + x) * 4;
                p.put(i, (byte) (rgb >> 16)).put(i + 1, (byte) (rgb >> 8)).put(i + 2, (byte) rgb).put(i + 3, (byte) 0xFF);
            }
        }
        return frame;
    }
}
