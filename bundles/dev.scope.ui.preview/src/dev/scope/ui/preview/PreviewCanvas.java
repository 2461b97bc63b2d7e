package dev.scope.ui.preview;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;

import dev.scope.media.Png;
import dev.scope.pipeline.api.Frame;
import dev.scope.ui.preview.internal.Converted;
import dev.scope.ui.preview.internal.PreviewPainter;
import dev.scope.ui.preview.internal.PreviewSide;
import dev.scope.ui.preview.internal.RateMeter;
import dev.scope.ui.preview.internal.SurfaceWriter;

/**
 * The live preview: a stream's input and output frames side by side, or the output alone, each
 * scaled with its aspect ratio kept (black bars), with an overlay of the stream's and the
 * preview's frame rates.
 *
 * <p><b>Frames.</b> {@link #offerInput} and {@link #offerOutput} may be called from any thread (a
 * session's sink thread, typically). The canvas takes ownership of the one reference offered: the
 * caller {@code retain()}s before offering and never releases that handle; the canvas releases it
 * when it is dropped, replaced or shown, and keeps only the last output frame shown (for
 * {@link #snapshot}), released when a newer one is shown or the canvas is disposed. The pixels are
 * converted to cairo's byte order on the offering thread; each side holds one frame waiting, and
 * one {@code asyncExec} at most is pending for the canvas, so a producer faster than the screen
 * never floods the UI thread. A frame replaced before it was painted is dropped for the preview
 * only (counted in {@link #stats()}); the stream and its recording never wait for the preview.
 *
 * <p><b>Painting.</b> One reused image per side and frame size, written by one {@code memmove}
 * into its cairo surface where SWT allows it, else a new image per frame; scaled with the fast
 * filter, never the default one. Everything is disposed with the widget.
 *
 * <p>Every method not marked "any thread" belongs to the UI thread.
 */
public final class PreviewCanvas extends Composite {

    private static final System.Logger LOG = System.getLogger("dev.scope.ui.preview");

    private final Display display;
    private final Canvas surface;
    private final LongSupplier clock;
    private final SurfaceWriter writer;
    private final PreviewSide input = new PreviewSide();
    private final PreviewSide output = new PreviewSide();
    private final RateMeter meter = new RateMeter();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final AtomicBoolean disposed = new AtomicBoolean();
    private final List<Consumer<Painted>> listeners = new CopyOnWriteArrayList<>();
    private final Object lastLock = new Object();
    private Frame last; // guarded by lastLock: the last output frame shown
    private volatile PreviewLayout layout = PreviewLayout.SIDE_BY_SIDE;
    private volatile double streamFps = Double.NaN;
    private boolean overlayVisible = true;
    private Rectangle outputBounds = new Rectangle(0, 0, 0, 0);

    /**
     * A preview timed by {@link System#nanoTime()}.
     *
     * @param parent the parent
     * @param style the composite's style ({@code SWT.BORDER}, ...)
     */
    public PreviewCanvas(Composite parent, int style) {
        this(parent, style, System::nanoTime, SurfaceWriter.best());
    }

    /**
     * A preview timed by the given clock (painted fps, busy fraction, {@link Painted#nanoTime()}).
     *
     * @param parent the parent
     * @param style the composite's style
     * @param nanoClock a monotonic clock in nanoseconds, called on the UI thread and in {@link #stats()}
     */
    public PreviewCanvas(Composite parent, int style, LongSupplier nanoClock) {
        this(parent, style, nanoClock, SurfaceWriter.best());
    }

    PreviewCanvas(Composite parent, int style, LongSupplier nanoClock, SurfaceWriter writer) {
        super(parent, style);
        this.display = getDisplay();
        this.clock = nanoClock;
        this.writer = writer;
        setLayout(new FillLayout());
        surface = new Canvas(this, SWT.NO_BACKGROUND | SWT.DOUBLE_BUFFERED);
        surface.addListener(SWT.Paint, this::paint);
        addListener(SWT.Dispose, e -> release());
    }

    /**
     * Offers an input frame (any thread); shown in {@link PreviewLayout#SIDE_BY_SIDE} only, else
     * released at once.
     *
     * @param frame a handle whose one reference the canvas now owns
     */
    public void offerInput(Frame frame) {
        if (layout != PreviewLayout.SIDE_BY_SIDE) {
            frame.release();
            return;
        }
        offer(input, frame);
    }

    /**
     * Offers an output frame (any thread).
     *
     * @param frame a handle whose one reference the canvas now owns; its number, as
     *        {@link Painted#sequence()} reports it, is {@link #offeredOutputs()} once this returns
     */
    public void offerOutput(Frame frame) {
        offer(output, frame);
    }

    /** @return output frames offered so far, dropped ones included (any thread) */
    public long offeredOutputs() {
        return output.offered();
    }

    private void offer(PreviewSide side, Frame frame) {
        if (disposed.get()) {
            frame.release();
            return;
        }
        side.offer(frame);
        if (disposed.get()) { // disposed meanwhile: whichever of the two clears it releases it
            side.clear();
        } else if (!pending.getAndSet(true)) {
            try {
                display.asyncExec(this::redrawIfWaiting);
            } catch (RuntimeException e) { // the display went away with the widget
                side.clear();
            }
        }
    }

    private void redrawIfWaiting() {
        pending.set(false);
        if (!surface.isDisposed() && (input.waiting() || output.waiting())) {
            surface.redraw();
        }
    }

    private void paint(Event e) {
        long start = clock.getAsLong();
        boolean both = layout == PreviewLayout.SIDE_BY_SIDE;
        if (!both) {
            input.clear(); // offered while the layout was being switched
        }
        Converted in = input.take();
        if (in != null) {
            input.show(display, writer, in);
            in.frame().release();
        }
        Converted out = output.take();
        if (out != null) {
            output.show(display, writer, out);
            keep(out.frame());
        }
        outputBounds = PreviewPainter.draw(e.gc, surface.getClientArea(), both, both ? input.image() : null,
                output.image(), overlayVisible ? overlayText(start) : null);
        long end = clock.getAsLong();
        meter.paint(start, end, out != null);
        if (out != null) {
            tell(new Painted(out.sequence(), end));
        }
    }

    private String overlayText(long now) {
        double s = streamFps;
        String stream = Double.isNaN(s) ? "-" : String.format(Locale.ROOT, "%.1f", s);
        return String.format(Locale.ROOT, "stream %s \u00b7 preview %.1f fps", stream, meter.fps(now));
    }

    private void keep(Frame frame) {
        Frame old;
        synchronized (lastLock) {
            old = last;
            last = frame;
        }
        if (old != null) {
            old.release();
        }
    }

    private void tell(Painted painted) {
        for (Consumer<Painted> l : listeners) {
            try {
                l.accept(painted);
            } catch (RuntimeException ex) { // a listener's failure never stops the preview
                LOG.log(Level.WARNING, "preview: a painted listener (" + l.getClass().getName() + ") failed: " + ex);
            }
        }
    }

    /** @param mode side by side, or the output alone; the input image is let go for the latter */
    public void setLayoutMode(PreviewLayout mode) {
        checkWidget();
        layout = java.util.Objects.requireNonNull(mode, "mode");
        if (mode == PreviewLayout.OUTPUT_ONLY) {
            input.dispose();
        }
        surface.redraw();
    }

    /** @return the layout mode */
    public PreviewLayout getLayoutMode() {
        return layout;
    }

    /** @param fps the stream's own frame rate, shown in the overlay (any thread) */
    public void setStreamFps(double fps) {
        streamFps = fps;
    }

    /** @param visible whether the overlay with the frame rates is drawn (it is by default) */
    public void setOverlayVisible(boolean visible) {
        checkWidget();
        overlayVisible = visible;
        surface.redraw();
    }

    /** @return what was painted and dropped so far, and the rates of the last second (any thread) */
    public PreviewStats stats() {
        long now = clock.getAsLong();
        return new PreviewStats(output.painted(), output.dropped(), meter.fps(now), meter.busyFraction(now),
                streamFps, input.painted(), input.dropped());
    }

    /**
     * Writes the last output frame shown, at its full size, to a PNG file, atomically (a
     * temporary file beside it, then a move). Any thread.
     *
     * @param png the file; replaced when it exists
     * @throws IllegalStateException when no output frame was shown yet ({@link #hasOutput()})
     * @throws IOException naming the file and the reason when it cannot be written
     */
    public void snapshot(Path png) throws IOException {
        Frame frame;
        synchronized (lastLock) {
            if (last == null) {
                throw new IllegalStateException("no output frame has been shown yet: start a stream first");
            }
            frame = last.retain();
        }
        try {
            Png.write(frame, png); // the platform's PNG writer: atomic, one-line errors
        } finally {
            frame.release();
        }
    }

    /** @return whether an output frame was shown, so that {@link #snapshot} has one (any thread) */
    public boolean hasOutput() {
        synchronized (lastLock) {
            return last != null;
        }
    }

    /** @param listener called on the UI thread after each output frame painted */
    public void addPaintedListener(Consumer<Painted> listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /** @param listener a listener added before; nothing when it was not */
    public void removePaintedListener(Consumer<Painted> listener) {
        listeners.remove(listener);
    }

    /**
     * @return the pixels of the last output frame painted, at the frame's size, read back from the
     *         image that was drawn (BGRX order: read them through the data's palette), or
     *         {@code null} before the first
     */
    public ImageData paintedImageData() {
        checkWidget();
        return output.image() == null ? null : output.image().getImageData();
    }

    /** @return as {@link #paintedImageData()}, for the input side */
    public ImageData paintedInputImageData() {
        checkWidget();
        return input.image() == null ? null : input.image().getImageData();
    }

    /** @return where the last paint put the output frame, in this canvas's coordinates (letterboxed) */
    public Rectangle outputBounds() {
        checkWidget();
        return new Rectangle(outputBounds.x, outputBounds.y, outputBounds.width, outputBounds.height);
    }

    /** @return how frames reach the images: {@code cairo-surface} (one reused image) or {@code new-image} */
    public String writerName() {
        return writer.name();
    }

    private void release() {
        disposed.set(true);
        input.dispose();
        output.dispose();
        keep(null);
    }
}
