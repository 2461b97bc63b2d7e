package dev.scope.ui.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bot against real widgets on the test's own Display (Xvfb in CI), with real posted input. */
class UiBotTest {

    @TempDir
    Path out;

    private Display display;
    private Shell shell;
    private UiBot bot;
    private LeakGuard leaks;

    @BeforeEach
    void open() {
        leaks = LeakGuard.install();
        display = Display.getCurrent() != null ? Display.getCurrent() : new Display();
        bot = new UiBot(display);
        shell = new Shell(display);
        shell.setText("UiBotTest");
        shell.setLayout(new FillLayout(SWT.VERTICAL));
        shell.setBounds(10, 10, 320, 200);
    }

    @AfterEach
    void close() {
        try {
            shell.dispose();
            leaks.check(bot);
        } finally {
            leaks.close();
        }
    }

    private void show() {
        shell.open();
        bot.spinUntil(shell::isVisible, Duration.ofSeconds(10), "the shell to show");
        shell.forceActive();
        bot.spin();
    }

    @Test
    void findsByTestIdAndClicksWithRealMouseEvents() {
        Composite nested = new Composite(shell, SWT.NONE);
        nested.setLayout(new FillLayout());
        Button button = new Button(nested, SWT.PUSH);
        button.setText("Press");
        button.setData(UiBot.TEST_ID, "test.press");
        AtomicInteger pressed = new AtomicInteger();
        button.addListener(SWT.Selection, e -> pressed.incrementAndGet());
        show();
        Button found = bot.find(Button.class, "test.press");
        assertEquals(button, found);
        bot.click(found);
        bot.spinUntil(() -> pressed.get() == 1, Duration.ofSeconds(10), "the click's selection event");
        assertTrue(bot.testIds().contains("test.press"));
        assertTrue(bot.findNow(Text.class, "test.press").isEmpty(), "the type must match too");
    }

    @Test
    void typesIntoTheFocusedText() {
        Text text = new Text(shell, SWT.BORDER);
        text.setData(UiBot.TEST_ID, "test.text");
        show();
        bot.click(bot.find(Text.class, "test.text"));
        bot.spinUntil(text::isFocusControl, Duration.ofSeconds(10), "the text to take the focus");
        bot.type("Scope 0.5:x");
        bot.spinUntil(() -> text.getText().equals("Scope 0.5:x"), Duration.ofSeconds(10),
                "the typed text (now '" + text.getText() + "')");
        bot.press(SWT.MOD1, 'a');
        bot.type("9");
        bot.spinUntil(() -> text.getText().equals("9"), Duration.ofSeconds(10), "Ctrl+A then 9 to replace it");
    }

    @Test
    void aConditionThatNeverHoldsFailsWithItsName() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> bot.spinUntil(() -> false, Duration.ofMillis(200), "the impossible"));
        assertEquals("waited 200 ms for the impossible", e.getMessage());
        assertThrows(AssertionError.class, () -> bot.find(Button.class, "no.such.id"));
    }

    @Test
    void screenshotsWhatTheControlShows() {
        Composite red = new Composite(shell, SWT.NONE);
        red.setBackground(display.getSystemColor(SWT.COLOR_RED));
        show();
        Path png = bot.screenshot(red, out.resolve("shots/red.png"));
        ImageData data = new ImageLoader().load(png.toString())[0];
        assertEquals(red.getSize().x, data.width);
        assertEquals(red.getSize().y, data.height);
        RGB middle = data.palette.getRGB(data.getPixel(data.width / 2, data.height / 2));
        assertEquals(new RGB(255, 0, 0), middle);
    }

    @Test
    void theLeakGuardCatchesAnImageThatWasNeverDisposed() {
        leak();
        AssertionError e = assertThrows(AssertionError.class, () -> leaks.check(bot));
        assertTrue(e.getMessage().contains("were not disposed"), e.getMessage());
        leaks.close();
        leaks = LeakGuard.install(); // the leak above is this test's purpose, not a failure of it
    }

    private void leak() {
        new Image(display, 8, 8); // dropped without dispose()
    }
}
