package dev.scope.ui.preview.internal;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Display;

import dev.scope.pipeline.api.Frame;

/**
 * One side of the preview (input or output): the latest-frame slot that producers fill and the
 * UI thread empties, the reused image that shows it, and the side's counters.
 *
 * <p>{@link #offer}, {@link #clear} and the counters work from any thread; {@link #take},
 * {@link #show} and {@link #dispose} belong to the UI thread. Every frame offered is released
 * exactly once: when a newer one replaces it in the slot, by whoever takes it, or by
 * {@link #clear}.
 */
public final class PreviewSide {

    private final AtomicReference<Converted> slot = new AtomicReference<>();
    private final AtomicReference<int[]> spare = new AtomicReference<>();
    private final AtomicLong offered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong painted = new AtomicLong();
    private Image image;

    /**
     * Converts the frame's pixels on the calling thread and puts it into the slot; a frame still
     * there, never painted, is released and counted as dropped.
     *
     * @param frame a handle the side now owns
     * @return the offer's number, from 1
     */
    public long offer(Frame frame) {
        Converted c;
        try {
            int[] px = Pixels.toBgrx(frame, spare.getAndSet(null));
            c = new Converted(frame, px, frame.width(), frame.height(), offered.incrementAndGet());
        } catch (RuntimeException | Error e) {
            try {
                frame.release();
            } catch (RuntimeException again) { // the caller had released it already
                e.addSuppressed(again);
            }
            throw e;
        }
        Converted old = slot.getAndSet(c);
        if (old != null) {
            dropped.incrementAndGet();
            recycle(old);
        }
        return c.sequence();
    }

    /** @return whether a frame waits in the slot */
    public boolean waiting() {
        return slot.get() != null;
    }

    /** @return the newest frame offered since the last take, or {@code null}; the caller owns it */
    public Converted take() {
        return slot.getAndSet(null);
    }

    /**
     * Shows a taken frame: its pixels go into this side's image, its pixel array back to the side.
     * The frame itself stays the caller's.
     */
    public void show(Display display, SurfaceWriter writer, Converted c) {
        image = writer.write(display, image, c.bgrx(), c.width(), c.height());
        painted.incrementAndGet();
        spare.set(c.bgrx());
    }

    /** @return the image of the last frame shown, or {@code null}; owned by this side */
    public Image image() {
        return image;
    }

    /** Releases a frame waiting in the slot, if any (any thread). */
    public void clear() {
        Converted old = slot.getAndSet(null);
        if (old != null) {
            dropped.incrementAndGet();
            recycle(old);
        }
    }

    /** Clears the slot and disposes the image (UI thread). */
    public void dispose() {
        clear();
        if (image != null) {
            image.dispose();
            image = null;
        }
    }

    /** @return frames offered so far */
    public long offered() {
        return offered.get();
    }

    /** @return frames shown so far */
    public long painted() {
        return painted.get();
    }

    /** @return frames replaced in the slot or cleared before they were shown */
    public long dropped() {
        return dropped.get();
    }

    private void recycle(Converted c) {
        spare.compareAndSet(null, c.bgrx());
        c.frame().release();
    }
}
