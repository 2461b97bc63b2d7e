package dev.scope.ui.settings.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTError;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Resource;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import dev.scope.ui.settings.FieldRendererRegistry;
import dev.scope.ui.settings.SettingsForm;

/**
 * The base of the UI tests: a {@link Display} created by the test (under Xvfb in the build), a
 * shell per test, real input through {@link Display#post}, bounded waits that spin the event loop,
 * screenshots, and a leak check: every SWT resource created and not disposed fails the test
 * ({@link Resource#setNonDisposeHandler}; a canary proves the tracker reports).
 */
abstract class UiTest {

    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final List<Error> LEAKS = new CopyOnWriteArrayList<>();
    static Display display;

    final BundleContext context = FrameworkUtil.getBundle(UiTest.class).getBundleContext();
    Shell shell;
    FieldRendererRegistry registry;

    @BeforeAll
    static void display() {
        Resource.setNonDisposeHandler(LEAKS::add);
        if (display == null || display.isDisposed()) {
            try {
                display = new Display();
            } catch (SWTError e) {
                fail("no display for the UI tests (" + e.getMessage() + "): run them under xvfb-run with GDK_BACKEND=x11,"
                        + " as releng/test does");
            }
        }
    }

    @BeforeEach
    void shellAndRegistry() throws InterruptedException {
        LEAKS.clear();
        shell = new Shell(display);
        shell.setLayout(new FillLayout());
        shell.setText(getClass().getSimpleName());
        shell.setSize(760, 980);
        registry = service(FieldRendererRegistry.class);
        spinUntil(() -> registry.size() >= 7, "the 7 built-in renderers are registered");
    }

    @AfterEach
    void noLeaks() {
        shell.dispose();
        new Image(display, 2, 2); // the canary: never disposed, so it must be reported
        for (long end = System.nanoTime() + WAIT_NANOS; canaries() == 0 && System.nanoTime() < end;) {
            System.gc();
            spin();
        }
        List<Error> leaks = new ArrayList<>(LEAKS);
        assertTrue(canaries() > 0, "the SWT leak tracker reports undisposed resources");
        leaks.removeIf(UiTest::isCanary);
        if (!leaks.isEmpty()) {
            AssertionError e = new AssertionError(leaks.size() + " SWT resources were not disposed; the first was created here");
            e.initCause(leaks.get(0));
            throw e;
        }
    }

    private static long canaries() {
        return LEAKS.stream().filter(UiTest::isCanary).count();
    }

    private static boolean isCanary(Error e) {
        for (StackTraceElement s : e.getStackTrace()) {
            if (s.getClassName().equals(UiTest.class.getName()) && s.getMethodName().equals("noLeaks")) {
                return true;
            }
        }
        return false;
    }

    <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T s = tracker.waitForService(TimeUnit.SECONDS.toMillis(10));
        assertNotNull(s, type.getSimpleName() + " service did not appear");
        return s;
    }

    /** Opens the shell and gives it the input focus (Xvfb has no window manager). */
    void open() {
        shell.open();
        shell.forceActive();
        spinUntil(() -> display.getActiveShell() == shell, "the shell is active");
        roundTrip();
        // Under Xvfb without a window manager the first key a new shell gets makes GTK deactivate
        // and reactivate it (a focus out on the focused field): a Shift press takes that cycle.
        boolean[] released = {false};
        Listener filter = e -> released[0] = true;
        display.addFilter(SWT.KeyUp, filter);
        try {
            key(SWT.SHIFT, (char) 0);
            spinUntil(() -> released[0], "a posted Shift key arrives");
        } finally {
            display.removeFilter(SWT.KeyUp, filter);
        }
        spinUntil(() -> display.getActiveShell() == shell, "the shell is active again");
        roundTrip();
    }

    /**
     * Posts a mouse move into the shell and waits until it arrives: the X events queued before it
     * (late focus changes of a shell just opened) have then been dispatched.
     */
    void roundTrip() {
        boolean[] seen = {false};
        Listener filter = e -> seen[0] = true;
        display.addFilter(SWT.MouseMove, filter);
        display.addFilter(SWT.MouseEnter, filter); // a shell just mapped under the pointer reports an enter
        try {
            Point p = shell.toDisplay(4, 4);
            if (p.equals(display.getCursorLocation())) {
                p.x++; // a move to where the pointer is would report nothing
            }
            Event move = new Event();
            move.type = SWT.MouseMove;
            move.x = p.x;
            move.y = p.y;
            post(move);
            spinUntil(() -> seen[0], "a posted mouse move arrives");
        } finally {
            display.removeFilter(SWT.MouseMove, filter);
            display.removeFilter(SWT.MouseEnter, filter);
        }
    }

    /** Dispatches every event that is queued now. */
    static void spin() {
        while (display.readAndDispatch()) {
            // dispatching
        }
    }

    /** Spins the event loop until the condition holds, failing after 10 seconds. */
    static void spinUntil(BooleanSupplier condition, String what) {
        long end = System.nanoTime() + WAIT_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                fail("timed out waiting until " + what);
            }
            if (!display.readAndDispatch()) {
                display.timerExec(10, () -> {
                });
                display.sleep();
            }
        }
    }

    /** Gives the control the focus and waits until it has it. */
    void focus(Control control) {
        control.forceFocus();
        spinUntil(() -> display.getFocusControl() == control, "the focus is on " + control);
        roundTrip();
    }

    static void post(Event e) {
        assertTrue(display.post(e), "Display.post accepted " + e);
    }

    /** Presses and releases a key: a key code (SWT.ARROW_RIGHT, SWT.TAB, ...) or a character. */
    static void key(int keyCode, char character) {
        for (int type : new int[] {SWT.KeyDown, SWT.KeyUp}) {
            Event e = new Event();
            e.type = type;
            e.keyCode = keyCode;
            e.character = character;
            post(e);
        }
        spin();
    }

    static void type(String text) {
        for (char c : text.toCharArray()) {
            key(0, c);
        }
    }

    /** Clicks with the left button at a point of the control (its own coordinates). */
    static void click(Control control, int x, int y) {
        Point p = control.toDisplay(x, y);
        Event move = new Event();
        move.type = SWT.MouseMove;
        move.x = p.x;
        move.y = p.y;
        post(move);
        for (int type : new int[] {SWT.MouseDown, SWT.MouseUp}) {
            Event e = new Event();
            e.type = type;
            e.button = 1;
            post(e);
        }
        spin();
    }

    static void click(Control control) {
        Point size = control.getSize();
        click(control, size.x / 2, size.y / 2);
    }

    /** @return the control with this {@link SettingsForm#ID}, or null */
    static Control find(Control root, String id) {
        return FocusMemory.controls(root).stream().filter(c -> id.equals(c.getData(SettingsForm.ID))).findFirst()
                .orElse(null);
    }

    static Control require(Control root, String id) {
        Control c = find(root, id);
        assertNotNull(c, "a control with id " + id);
        return c;
    }

    /** @return the controls of a type inside the control with this id */
    static <T extends Control> List<T> inside(Control root, String id, Class<T> type) {
        return FocusMemory.controls(require(root, id)).stream().filter(type::isInstance).map(type::cast).toList();
    }

    static <T extends Control> T one(Control root, String id, Class<T> type) {
        List<T> all = inside(root, id, type);
        assertTrue(all.size() == 1, "one " + type.getSimpleName() + " in " + id + ", found " + all.size());
        return all.get(0);
    }

    /** Saves what the control shows as a PNG into target/screenshots/ and returns the file. */
    static Path screenshot(Control control, String name) {
        spin();
        // GTK repaints on its frame clock: let a few frames pass (the event loop runs meanwhile), or
        // print() shows what was painted last. Only the picture waits for this, never an assertion.
        boolean[] framesPassed = {false};
        display.timerExec(150, () -> framesPassed[0] = true);
        spinUntil(() -> framesPassed[0], "GTK painted");
        Point size = control.getSize();
        Image image = new Image(display, Math.max(1, size.x), Math.max(1, size.y));
        GC gc = new GC(image);
        try {
            control.print(gc);
            ImageData data = image.getImageData();
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {data};
            Path dir = screenshots();
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            loader.save(file.toString(), SWT.IMAGE_PNG);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    private static Path screenshots() {
        Path work = Path.of("").toAbsolutePath();
        return work.getFileName().toString().equals("work") ? work.resolveSibling("screenshots")
                : work.resolve("target").resolve("screenshots");
    }
}
