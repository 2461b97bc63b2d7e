package dev.scope.pipelines.effects.internal;

import java.lang.ref.SoftReference;
import java.util.concurrent.atomic.AtomicReference;

import dev.scope.pipeline.api.PixelOps;

/**
 * The polar angle of every pixel of one picture size around its centre
 * {@code ((w - 1) / 2, (h - 1) / 2)}, rounded to float, which {@link KaleidoscopePipeline} folds
 * by; and the same angles as the bits of their floats, for a device table.
 *
 * <p>Made once per size and shared by every kaleidoscope in the process: a chain or stream
 * started again at the size of the last one does not compute it again (two million {@code atan2}
 * at 1920x1080: 18-20 ms on one core, and 4 ms more for the bits), and two kaleidoscopes at one
 * size hold one copy. The last size's table is held softly, so that memory pressure can take it.
 * Immutable once made (the arrays are never written after); thread-safe.
 */
final class AngleTable {

    private static final AtomicReference<SoftReference<AngleTable>> LAST = new AtomicReference<>(
            new SoftReference<>(null));

    private final int width;
    private final int height;
    private final float[] angles;
    private volatile int[] bits;

    private AngleTable(int width, int height, float[] angles) {
        this.width = width;
        this.height = height;
        this.angles = angles;
    }

    /**
     * @param pixels computes a new table in bands, on the caller's platform
     * @return the table of that size: the last one made, when it is of that size and still held
     */
    static AngleTable of(int width, int height, PixelOps pixels) {
        AngleTable last = LAST.get().get();
        if (last != null && last.fits(width, height)) {
            return last;
        }
        double cx = (width - 1) / 2.0;
        double cy = (height - 1) / 2.0;
        float[] a = new float[width * height];
        pixels.inBands(height, width, (band, from, to) -> {
            for (int y = from; y < to; y++) {
                for (int x = 0; x < width; x++) {
                    a[y * width + x] = (float) Math.atan2(y - cy, x - cx);
                }
            }
        });
        AngleTable made = new AngleTable(width, height, a);
        LAST.set(new SoftReference<>(made));
        return made;
    }

    boolean fits(int w, int h) {
        return w == width && h == height;
    }

    /** @return the angles, row by row (shared: read them only) */
    float[] angles() {
        return angles;
    }

    /** @return the angles as the bits of their floats (shared: read them only), made on first use */
    int[] bits() {
        int[] b = bits;
        if (b == null) {
            b = new int[angles.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = Float.floatToRawIntBits(angles[i]);
            }
            bits = b; // two threads may both make it: the same values
        }
        return b;
    }
}
