package dev.scope.ui.preview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Resource;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * What the UI tests share: a display the tests create (under Xvfb in the build), a bounded
 * spin of the event loop until a condition holds (never a sleep), screenshots into the test
 * output, and the leak check: every SWT resource collected undisposed fails the test.
 *
 * <p>One display serves every test of the run, as one serves the workbench for its life:
 * SWTChart keeps fonts of the display it first saw in a static registry, so a second display
 * would hand it disposed fonts.
 */
public final class Ui implements AutoCloseable {

    private static final long BOUND = TimeUnit.SECONDS.toNanos(20);
    private static Display shared;

    public final Display display;
    private final List<Error> undisposed = new ArrayList<>();

    /** Starts collecting undisposed resources; the first instance creates the display. */
    public Ui() {
        Resource.setNonDisposeHandler(this::report);
        display = display();
    }

    /** @return the tests' display, created on first use by the calling thread */
    public static synchronized Display display() {
        if (shared == null || shared.isDisposed()) {
            shared = new Display();
        }
        return shared;
    }

    private synchronized void report(Error e) {
        undisposed.add(e);
    }

    Shell shell(int width, int height) {
        Shell shell = new Shell(display, SWT.SHELL_TRIM);
        shell.setSize(width, height);
        return shell;
    }

    /** Runs the event loop until the condition holds; fails after a generous bound. */
    void spinUntil(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + BOUND;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("waited in vain for " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(5, () -> { }); // wake the loop again soon, so the condition is re-read
                display.sleep();
            }
        }
    }

    /** Runs every event waiting now. */
    void flush() {
        while (display.readAndDispatch()) {
            // the queue empties
        }
    }

    /** @return the control as painted now, through its own paint code ({@code Control.print}) */
    ImageData print(Control control) {
        Point size = control.getSize();
        Image image = new Image(display, size.x, size.y);
        GC gc = new GC(image);
        try {
            if (!control.print(gc)) {
                fail("Control.print is not supported here");
            }
        } finally {
            gc.dispose();
        }
        ImageData data = image.getImageData();
        image.dispose();
        return data;
    }

    /** Saves a screenshot as {@code target/screenshots/NAME.png}; returns the file. */
    static Path save(ImageData data, String name) throws IOException {
        Path dir = Path.of(System.getProperty("scope.test.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {data};
        loader.save(file.toString(), SWT.IMAGE_PNG);
        return file;
    }

    static RGB rgb(ImageData data, int x, int y) {
        return data.palette.getRGB(data.getPixel(x, y));
    }

    static RGB rgb(int packedRgb) {
        return new RGB(packedRgb >>> 16 & 0xFF, packedRgb >>> 8 & 0xFF, packedRgb & 0xFF);
    }

    /**
     * Disposes the shells and fails on any SWT resource collected undisposed. To know the
     * collector and SWT's cleaner have run, it leaves one resource undisposed on purpose and waits
     * until that one is reported.
     */
    /** Checks for leaks; see above. */
    @Override
    public void close() {
        for (Shell s : display.getShells()) {
            s.dispose();
        }
        canary();
        long end = System.nanoTime() + BOUND;
        while (!canaryReported()) {
            if (System.nanoTime() > end) {
                fail("the leak check's own undisposed image was never reported: SWT's tracking is off");
            }
            System.gc();
            display.readAndDispatch();
        }
        Resource.setNonDisposeHandler(e -> { });
        List<String> leaks = leaks();
        assertEquals(List.of(), leaks, "SWT resources collected undisposed");
    }

    private void canary() {
        new Image(display, 1, 1); // never disposed: the leak check's marker
    }

    private synchronized boolean canaryReported() {
        return undisposed.stream().anyMatch(Ui::isCanary);
    }

    private static boolean isCanary(Error e) {
        for (StackTraceElement s : e.getStackTrace()) {
            if (s.getMethodName().equals("canary") && s.getClassName().equals(Ui.class.getName())) {
                return true;
            }
        }
        return false;
    }

    private synchronized List<String> leaks() {
        List<String> out = new ArrayList<>();
        for (Error e : undisposed) {
            if (!isCanary(e)) {
                StringWriter w = new StringWriter();
                e.printStackTrace(new PrintWriter(w));
                out.add(w.toString());
            }
        }
        return out;
    }
}
