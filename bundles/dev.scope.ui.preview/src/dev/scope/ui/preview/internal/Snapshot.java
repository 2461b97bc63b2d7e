package dev.scope.ui.preview.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.PaletteData;

import dev.scope.pipeline.api.Frame;

/** Writes a frame to a PNG file atomically: a temporary file beside it, then a move. Stateless; any thread. */
public final class Snapshot {

    private static final PaletteData RGB = new PaletteData(0xFF_0000, 0xFF00, 0xFF);

    private Snapshot() {
    }

    /**
     * @param frame the frame, read only
     * @param png the file to (re)place
     * @throws IOException naming the file and why when it cannot be written; nothing is left behind
     */
    public static void write(Frame frame, Path png) throws IOException {
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {imageData(frame)};
        Path target = png.toAbsolutePath();
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IOException("cannot write the snapshot " + png + ": the folder " + dir + " does not exist");
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                loader.save(out, SWT.IMAGE_PNG);
            } catch (SWTException e) {
                throw new IOException("cannot write the snapshot " + png + ": " + e.getMessage(), e);
            }
            // the temporary file is beside the target: a rename, atomic, replacing the old file
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** @return the frame's pixels as image data of 32-bit RGB ints (SWT's PNG writer mishandles padded 24-bit rows) */
    public static ImageData imageData(Frame frame) {
        int w = frame.width();
        int h = frame.height();
        int[] px = new int[w * h];
        frame.read(px);
        ImageData data = new ImageData(w, h, 32, RGB);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = px[y * w + x];
                row[x] = (p & 0xFF) << 16 | (p & 0xFF00) | (p >>> 16 & 0xFF);
            }
            data.setPixels(0, y, w, row, 0);
        }
        return data;
    }
}
