package dev.scope.media;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Iterator;

import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import dev.scope.engine.api.BadInputException;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;

/**
 * Reads and writes frames as 8-bit RGB PNG files, up to {@link Frame#MAX_SIDE} on a side (an
 * 8192 x 8192 picture takes 256 MiB of heap on the way). Stateless and thread-safe.
 */
public final class Png {

    private Png() {
    }

    /**
     * Writes a frame as an RGB PNG, atomically (a temporary file moved into place).
     *
     * @param frame the frame, host or device, borrowed or not; read only
     * @param file the target file; its directory must exist
     * @throws IOException when the file cannot be written; the message names it and says why in plain words
     * @throws IllegalArgumentException for a frame past {@link Frame#MAX_SIDE} on a side
     */
    public static void write(Frame frame, Path file) throws IOException {
        int w = frame.width();
        int h = frame.height();
        if (w > Frame.MAX_SIDE || h > Frame.MAX_SIDE) {
            throw new IllegalArgumentException("a frame of " + w + "x" + h + " is past the frame size limit: "
                    + Frame.MAX_SIDE + " pixels on each side");
        }
        BufferedImage image = rgbImage(frame);
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) { // ImageIO would only say "Can't create an ImageOutputStream!"
            throw new IOException("cannot write " + file + ": the folder " + dir + " does not exist");
        }
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available in this Java runtime");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("cannot write " + file + ": " + reason(e), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** @return a copy of the frame as an RGB image (ImageIO's writers take TYPE_INT_RGB) */
    static BufferedImage rgbImage(Frame frame) {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_INT_RGB);
        int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        frame.read(rgb); // packed: red in the low byte
        for (int i = 0; i < rgb.length; i++) {
            int p = rgb[i];
            rgb[i] = (p & 0xFF) << 16 | (p & 0xFF00) | (p >> 16 & 0xFF);
        }
        return image;
    }

    /**
     * Reads an image file (PNG, or another format ImageIO knows) into a new host frame.
     *
     * @param file the file
     * @param frames where the frame comes from
     * @return the frame, writable and owned by the caller
     * @throws BadInputException when the file is not an image or is past {@link Frame#MAX_SIDE} on
     *         a side (read no further than its header then)
     * @throws IOException when the file cannot be read
     */
    public static Frame read(Path file, FrameAllocator frames) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(Files.exists(file) ? file + " is not a file (expected an image file)"
                    : "no such image file: " + file);
        }
        BufferedImage image;
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new BadInputException(file + " is not an image file this runtime can read (expected PNG or JPEG)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                int w = reader.getWidth(0);
                int h = reader.getHeight(0);
                if (w > Frame.MAX_SIDE || h > Frame.MAX_SIDE) {
                    throw new BadInputException(file + " is " + w + "x" + h + "; frames are at most " + Frame.MAX_SIDE
                            + " pixels on each side");
                }
                image = reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IIOException e) {
            throw new BadInputException(file + " is not an image file this runtime can read (expected PNG or JPEG): "
                    + reason(e), e);
        }
        return frame(image, frames);
    }

    /** @return a frame of the image's pixels, writable and owned by the caller */
    static Frame frame(BufferedImage image, FrameAllocator frames) {
        int w = image.getWidth();
        int h = image.getHeight();
        Frame frame = frames.allocateUninitialized(w, h); // every row is written below
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int rgb = row[x];
                row[x] = 0xFF00_0000 | (rgb & 0xFF) << 16 | (rgb & 0xFF00) | (rgb >> 16 & 0xFF);
            }
            frame.writeRows(y, 1, row, 0);
        }
        return frame;
    }

    /** @return why a file operation failed, in plain words: "no such file or directory", "No space left on device" */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        Throwable cause = e.getCause() instanceof IOException io && io != e ? io : null;
        if (cause != null) {
            return reason((IOException) cause);
        }
        String message = String.valueOf(e.getMessage());
        return message.replaceAll("\\b(?:[a-z][\\w$]*\\.)+[A-Z][\\w$]*(?:Exception|Error): ?", "");
    }
}
