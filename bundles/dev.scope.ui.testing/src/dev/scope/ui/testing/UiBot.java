package dev.scope.ui.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.ToolBar;
import org.eclipse.swt.widgets.ToolItem;
import org.eclipse.swt.widgets.Widget;

/**
 * Drives an SWT user interface as a user does: widgets are found by their {@value #TEST_ID}
 * data ({@code widget.setData("test.id", "source.apply")}), input is real (mouse and key events
 * posted to the display's event queue with {@link Display#post}, so every listener a user would
 * trigger runs), and waiting is spinning the event loop until a condition holds, bounded, never a
 * fixed sleep.
 *
 * <p>May be used on the display's thread (a test that created the Display: the bot runs the event
 * loop itself while it waits) or on any other thread while the display's thread runs its own loop
 * (the workbench driver): widget work then goes through {@link Display#syncExec}. Not thread-safe
 * itself: one bot per thread.
 */
public final class UiBot {

    /** The widget data key that names a widget for tests and automation. */
    public static final String TEST_ID = "test.id";

    /** How long {@link #find} waits for a widget to appear. */
    public static final Duration FIND_BOUND = Duration.ofSeconds(10);

    private static final int WAKE_MILLIS = 10;

    private final Display display;
    private final Runnable wake = () -> {
    };

    /** @param display the display whose widgets are driven */
    public UiBot(Display display) {
        this.display = display;
    }

    /** @return the display */
    public Display display() {
        return display;
    }

    /**
     * Runs {@code work} on the display's thread and returns its result.
     *
     * @param work what to do with widgets
     * @param <T> the result type
     * @return the result
     */
    public <T> T onUi(Supplier<T> work) {
        if (Display.getCurrent() == display) {
            return work.get();
        }
        AtomicReference<T> result = new AtomicReference<>();
        display.syncExec(() -> result.set(work.get()));
        return result.get();
    }

    /**
     * Runs the event loop (or, off the display's thread, lets it run) until {@code condition}
     * holds. The condition is evaluated on the display's thread.
     *
     * @param condition what to wait for
     * @param bound how long to wait at most
     * @param what the condition in words, for the failure message
     * @throws AssertionError when the bound passes first
     */
    public void spinUntil(BooleanSupplier condition, Duration bound, String what) {
        spinUntil(condition, bound, () -> what);
    }

    /**
     * As {@link #spinUntil(BooleanSupplier, Duration, String)}, with the words made when the bound
     * passes (on the display's thread), so that they can say how things stood then.
     *
     * @param condition what to wait for
     * @param bound how long to wait at most
     * @param what the condition in words and what was seen instead, for the failure message
     * @throws AssertionError when the bound passes first
     */
    public void spinUntil(BooleanSupplier condition, Duration bound, Supplier<String> what) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!test(condition)) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + bound.toMillis() + " ms for " + onUi(what));
            }
            pass();
        }
    }

    private boolean test(BooleanSupplier condition) {
        if (display.isDisposed()) {
            return condition.getAsBoolean();
        }
        try {
            return onUi(condition::getAsBoolean);
        } catch (SWTException disposedMeanwhile) {
            return condition.getAsBoolean();
        }
    }

    /** Lets the event loop run once: dispatches what is queued, else waits briefly for more. */
    private void pass() {
        if (display.isDisposed()) {
            return;
        }
        if (Display.getCurrent() == display) {
            if (!display.readAndDispatch()) {
                display.timerExec(WAKE_MILLIS, wake); // wakes the sleep below when nothing else does
                display.sleep();
            }
            return;
        }
        CountDownLatch passed = new CountDownLatch(1);
        try {
            display.asyncExec(() -> display.timerExec(WAKE_MILLIS, passed::countDown));
            passed.await(1, TimeUnit.SECONDS);
        } catch (SWTException disposed) {
            // the display went away: the caller's condition decides
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting");
        }
    }

    /** Dispatches every event queued now (on the display's thread), or lets the loop catch up. */
    public void spin() {
        if (Display.getCurrent() == display) {
            while (display.readAndDispatch()) {
                // dispatch everything queued
            }
        } else {
            pass();
        }
    }

    /**
     * Waits up to {@link #FIND_BOUND} for a widget with the given {@value #TEST_ID} in any shell.
     *
     * @param type the widget's class
     * @param testId its test id
     * @param <T> the widget's type
     * @return the widget
     * @throws AssertionError when none appears
     */
    public <T extends Widget> T find(Class<T> type, String testId) {
        AtomicReference<T> found = new AtomicReference<>();
        spinUntil(() -> {
            findNow(type, testId).ifPresent(found::set);
            return found.get() != null;
        }, FIND_BOUND, "a " + type.getSimpleName() + " with test.id '" + testId + "'");
        return found.get();
    }

    /**
     * @param type the widget's class
     * @param testId its test id
     * @param <T> the widget's type
     * @return the widget, if one of the display's shells holds it now
     */
    public <T extends Widget> Optional<T> findNow(Class<T> type, String testId) {
        return onUi(() -> {
            for (Shell shell : display.getShells()) {
                Optional<T> w = search(shell, type, testId);
                if (w.isPresent()) {
                    return w;
                }
            }
            return Optional.empty();
        });
    }

    /**
     * Waits up to {@link #FIND_BOUND} for a tool bar item with the given {@value #TEST_ID} in any
     * shell (tool items are not controls, so {@link #find} does not see them).
     *
     * @param testId its test id
     * @return the item
     * @throws AssertionError when none appears
     * @since 1.1
     */
    public ToolItem findToolItem(String testId) {
        AtomicReference<ToolItem> found = new AtomicReference<>();
        spinUntil(() -> {
            for (Shell shell : display.getShells()) {
                toolItem(shell, testId).ifPresent(found::set);
            }
            return found.get() != null;
        }, FIND_BOUND, "a ToolItem with test.id '" + testId + "'");
        return found.get();
    }

    private static Optional<ToolItem> toolItem(Control c, String testId) {
        if (c instanceof ToolBar bar && !bar.isDisposed()) {
            for (ToolItem item : bar.getItems()) {
                if (testId.equals(item.getData(TEST_ID))) {
                    return Optional.of(item);
                }
            }
        }
        if (c instanceof Composite parent && !c.isDisposed()) {
            for (Control child : parent.getChildren()) {
                Optional<ToolItem> item = toolItem(child, testId);
                if (item.isPresent()) {
                    return item;
                }
            }
        }
        return Optional.empty();
    }

    private static <T extends Widget> Optional<T> search(Control c, Class<T> type, String testId) {
        if (!c.isDisposed() && type.isInstance(c) && testId.equals(c.getData(TEST_ID))) {
            return Optional.of(type.cast(c));
        }
        if (c instanceof Composite parent && !c.isDisposed()) {
            for (Control child : parent.getChildren()) {
                Optional<T> w = search(child, type, testId);
                if (w.isPresent()) {
                    return w;
                }
            }
        }
        return Optional.empty();
    }

    /** @return every {@value #TEST_ID} shown now, for failure messages */
    public List<String> testIds() {
        return onUi(() -> {
            List<String> ids = new ArrayList<>();
            for (Shell shell : display.getShells()) {
                collect(shell, ids);
            }
            return ids;
        });
    }

    private static void collect(Control c, List<String> ids) {
        if (c.getData(TEST_ID) instanceof String id) {
            ids.add(id);
        }
        if (c instanceof Composite parent) {
            for (Control child : parent.getChildren()) {
                collect(child, ids);
            }
        }
    }

    /**
     * Moves the mouse to the middle of a control and clicks the first button.
     *
     * @param control the control, shown on screen
     */
    public void click(Control control) {
        Point size = onUi(control::getSize);
        click(control, size.x / 2, size.y / 2);
    }

    /**
     * Moves the mouse to a point of a control and clicks the first button.
     *
     * @param control the control
     * @param x x in the control's coordinates
     * @param y y in the control's coordinates
     */
    public void click(Control control, int x, int y) {
        moveTo(control, x, y);
        post(mouse(SWT.MouseDown, 1));
        post(mouse(SWT.MouseUp, 1));
        spin();
    }

    /**
     * Moves the mouse to the middle of a tool bar item and clicks the first button.
     *
     * @param item the item, shown on screen
     * @since 1.1
     */
    public void click(ToolItem item) {
        Rectangle bounds = onUi(item::getBounds);
        click(onUi(item::getParent), bounds.x + bounds.width / 2, bounds.y + bounds.height / 2);
    }

    /**
     * Presses the first button at one point of a control, moves to another and releases it there.
     *
     * @param control the control
     * @param from the start, in the control's coordinates
     * @param to the end, in the control's coordinates
     */
    public void drag(Control control, Point from, Point to) {
        moveTo(control, from.x, from.y);
        post(mouse(SWT.MouseDown, 1));
        int steps = 8;
        for (int i = 1; i <= steps; i++) {
            moveTo(control, from.x + (to.x - from.x) * i / steps, from.y + (to.y - from.y) * i / steps);
        }
        post(mouse(SWT.MouseUp, 1));
        spin();
    }

    /**
     * Moves the mouse pointer over a point of a control.
     *
     * @param control the control
     * @param x x in the control's coordinates
     * @param y y in the control's coordinates
     */
    public void moveTo(Control control, int x, int y) {
        Point p = onUi(() -> control.toDisplay(x, y));
        Event move = new Event();
        move.type = SWT.MouseMove;
        move.x = p.x;
        move.y = p.y;
        post(move);
        spin();
    }

    /**
     * Types text into the control that has the keyboard focus, one key press a character.
     *
     * @param text plain characters (letters, digits, punctuation, space)
     */
    public void type(String text) {
        for (char c : text.toCharArray()) {
            boolean shift = Character.isUpperCase(c) || "~!@#$%^&*()_+{}|:\"<>?".indexOf(c) >= 0;
            if (shift) {
                post(key(SWT.KeyDown, SWT.SHIFT, '\0'));
            }
            post(key(SWT.KeyDown, 0, c));
            post(key(SWT.KeyUp, 0, c));
            if (shift) {
                post(key(SWT.KeyUp, SWT.SHIFT, '\0'));
            }
        }
        spin();
    }

    /**
     * Presses a key with modifiers, e.g. {@code press(SWT.MOD1, 'q')} for Ctrl+Q or
     * {@code press(SWT.NONE, SWT.F5)}.
     *
     * @param modifiers {@link SWT#MOD1}, {@link SWT#SHIFT}, {@link SWT#ALT} or a combination, or
     *        {@link SWT#NONE}
     * @param keyCode a character (lower case) or an SWT key code such as {@link SWT#F5},
     *        {@link SWT#CR} or {@link SWT#DEL}
     */
    public void press(int modifiers, int keyCode) {
        int[] mods = {SWT.MOD1, SWT.SHIFT, SWT.ALT};
        for (int m : mods) {
            if ((modifiers & m) != 0) {
                post(key(SWT.KeyDown, m == SWT.MOD1 ? SWT.CTRL : m, '\0'));
            }
        }
        // control characters (Enter, Tab, Escape, Backspace, Delete) go as key codes: GTK maps no
        // key to them as characters, so a posted one never arrived
        boolean character = keyCode >= 0x20 && keyCode != SWT.DEL && keyCode < 0x10000
                && (keyCode & SWT.KEYCODE_BIT) == 0;
        post(key(SWT.KeyDown, character ? 0 : keyCode, character ? (char) keyCode : '\0'));
        // the key may close the window (Ctrl+Q): releasing keys after that is no failure
        releaseAfter(key(SWT.KeyUp, character ? 0 : keyCode, character ? (char) keyCode : '\0'));
        for (int i = mods.length - 1; i >= 0; i--) {
            if ((modifiers & mods[i]) != 0) {
                releaseAfter(key(SWT.KeyUp, mods[i] == SWT.MOD1 ? SWT.CTRL : mods[i], '\0'));
            }
        }
        spin();
    }

    private static Event mouse(int type, int button) {
        Event e = new Event();
        e.type = type;
        e.button = button;
        return e;
    }

    private static Event key(int type, int keyCode, char character) {
        Event e = new Event();
        e.type = type;
        e.keyCode = keyCode;
        e.character = character;
        return e;
    }

    /** Posts a key release, which a display that is closing may refuse. */
    private void releaseAfter(Event event) {
        try {
            if (!display.isDisposed() && !onUi(() -> display.post(event)) && !display.isDisposed()
                    && onUi(() -> display.getShells().length) > 0 && onUi(() -> display.getShells()[0].isVisible())) {
                throw new AssertionError("the display refused a posted key release");
            }
        } catch (SWTException disposed) {
            // the display closed meanwhile
        }
    }

    private void post(Event event) {
        boolean posted = onUi(() -> display.post(event));
        if (!posted) {
            throw new AssertionError("the display refused a posted " + (event.type == SWT.MouseMove ? "mouse move"
                    : "event of type " + event.type) + " (is there an X server with the XTEST extension?)");
        }
    }

    /**
     * Saves what a control shows as a PNG ({@link Control#print}, which needs no window on top).
     *
     * @param control the control (a shell for the whole window)
     * @param png where to write; folders are created
     * @return {@code png}
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public Path screenshot(Control control, Path png) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        onUi(() -> {
            Rectangle size = control.getBounds();
            Image image = new Image(display, Math.max(1, size.width), Math.max(1, size.height));
            GC gc = new GC(image);
            try {
                control.print(gc);
                ImageLoader loader = new ImageLoader();
                loader.data = new org.eclipse.swt.graphics.ImageData[] {image.getImageData()};
                loader.save(png.toString(), SWT.IMAGE_PNG);
            } finally {
                gc.dispose();
                image.dispose();
            }
            return null;
        });
        return png;
    }
}
