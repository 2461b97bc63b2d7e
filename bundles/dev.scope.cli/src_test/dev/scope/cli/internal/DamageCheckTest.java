package dev.scope.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.TimedFrame;

import org.junit.jupiter.api.Test;

/** run and probe refuse a damaged input (exit 2) unless --accept-damaged, which only warns. */
class DamageCheckTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    /** A source that ended, damaged or not. */
    record Ended(Optional<String> damage) implements FrameSource {
        @Override
        public String description() {
            return "clip.mp4";
        }

        @Override
        public double frameRate() {
            return 30;
        }

        @Override
        public int width() {
            return 16;
        }

        @Override
        public int height() {
            return 16;
        }

        @Override
        public TimedFrame next() {
            return null;
        }

        @Override
        public void close() {
        }
    }

    private static Args args(String... a) {
        return new Args(List.of(a), Set.of(), Set.of(DamageCheck.FLAG));
    }

    private static final Ended DAMAGED =
            new Ended(Optional.of("clip.mp4 is damaged: 6 of the 60 frames its container promises could be read"));

    @Test
    void aDamagedInputIsRefusedWithOneLineSayingWhatToPass() {
        assertTrue(DamageCheck.refuse(DAMAGED, args(), err));
        assertEquals("scope: clip.mp4 is damaged: 6 of the 60 frames its container promises could be read; pass"
                + " --accept-damaged to use what could be read" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void acceptedItIsAWarning() {
        assertFalse(DamageCheck.refuse(DAMAGED, args("--accept-damaged"), err));
        assertEquals("scope: warning: clip.mp4 is damaged: 6 of the 60 frames its container promises could be read"
                + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aWholeInputOrNoneSaysNothing() {
        assertFalse(DamageCheck.refuse(new Ended(Optional.empty()), args(), err));
        assertFalse(DamageCheck.refuse(null, args(), err));
        assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void runAndProbeTakeTheFlagAndTheHelpNamesIt() {
        assertTrue(Cli.HELP.contains("[--accept-damaged]"), Cli.HELP);
        assertTrue(Cli.HELP.contains("probe FILE [--json] [--accept-damaged]"), Cli.HELP);
    }
}
