package dev.scope.ui.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import dev.scope.ui.stream.SourceSpec;
import dev.scope.ui.testing.LeakGuard;
import dev.scope.ui.testing.UiBot;

import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Source view's fields, driven with real clicks and key presses. */
class SourceFieldsTest {

    private Display display;
    private Shell shell;
    private UiBot bot;
    private LeakGuard leaks;
    private SourceFields fields;

    @BeforeEach
    void open() {
        leaks = LeakGuard.install();
        display = Display.getCurrent() != null ? Display.getCurrent() : new Display();
        bot = new UiBot(display);
        shell = new Shell(display);
        shell.setLayout(new GridLayout(2, false));
        fields = new SourceFields(shell);
        shell.setBounds(20, 20, 480, 320);
        shell.open();
        bot.spinUntil(shell::isVisible, Duration.ofSeconds(10), "the shell to show");
        shell.forceActive();
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

    @Test
    void onlyTheChosenKindsFieldsAreEnabled() {
        fields.showKind(SourceSpec.Kind.TEST_PATTERN.ordinal());
        assertTrue(bot.find(Spinner.class, "source.width").isEnabled());
        assertFalse(bot.find(Text.class, "source.path").isEnabled());
        fields.showKind(SourceSpec.Kind.IMAGE.ordinal());
        assertTrue(bot.find(Text.class, "source.path").isEnabled());
        assertFalse(bot.find(Button.class, "source.loop").isEnabled(), "an image does not loop");
        fields.showKind(SourceSpec.Kind.WEBCAM.ordinal());
        assertTrue(bot.find(Text.class, "source.device").isEnabled());
    }

    @Test
    void aVideoFileAsTypedWithLoopUnticked() {
        fields.showKind(SourceSpec.Kind.VIDEO_FILE.ordinal());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> fields.spec(SourceSpec.Kind.VIDEO_FILE));
        assertEquals("choose a file first (Browse...)", e.getMessage());
        Text path = bot.find(Text.class, "source.path");
        bot.click(path);
        bot.spinUntil(path::isFocusControl, Duration.ofSeconds(10), "the path field to take the focus");
        bot.type("/tmp/clip.mp4");
        Button loop = bot.find(Button.class, "source.loop");
        bot.click(loop);
        bot.spinUntil(() -> !loop.getSelection(), Duration.ofSeconds(10), "the click to untick Loop");
        assertEquals(SourceSpec.videoFile(Path.of("/tmp/clip.mp4"), false), fields.spec(SourceSpec.Kind.VIDEO_FILE));
    }

    @Test
    void theTestPatternsSizeAndRate() {
        fields.show(SourceSpec.testPattern(640, 360, 25));
        assertEquals(SourceSpec.testPattern(640, 360, 25), fields.spec(SourceSpec.Kind.TEST_PATTERN));
        Spinner width = bot.find(Spinner.class, "source.width");
        assertEquals(8192, width.getMaximum(), "frames are at most 8192 pixels a side");
        assertEquals(16, width.getMinimum());
    }

    @Test
    void filesAreImagesByTheirExtension() {
        assertEquals(SourceSpec.Kind.IMAGE, OpenSourceHandler.source(Path.of("/x/still.PNG"), true).kind());
        assertEquals(SourceSpec.Kind.VIDEO_FILE, OpenSourceHandler.source(Path.of("/x/clip.webm"), true).kind());
    }
}
