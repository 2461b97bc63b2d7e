package dev.scope.ui.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The one line a user without a display reads. */
class DisplayCheckTest {

    @Test
    void noDisplayNamedIsSaidWithTheHeadlessCommands() {
        Optional<String> line = DisplayCheck.missing(Map.of("DISPLAY", " "));
        assertTrue(line.isPresent());
        assertEquals("no display to open the workbench on (neither DISPLAY nor WAYLAND_DISPLAY is set); the headless"
                + " commands need none: pipelines, schemas, render, run, probe, plugins (see ./scope help)", line.get());
        assertEquals(Optional.empty(), DisplayCheck.missing(Map.of("DISPLAY", ":0")));
        assertEquals(Optional.empty(), DisplayCheck.missing(Map.of("WAYLAND_DISPLAY", "wayland-0")));
    }

    @Test
    void aDisplayGtkCannotOpenIsNamed() {
        assertTrue(DisplayCheck.cannotOpen(Map.of("DISPLAY", ":99")).startsWith(
                "cannot open the X11 display ':99' (GTK could not connect to it); the headless commands need none"));
        assertTrue(DisplayCheck.cannotOpen(Map.of("WAYLAND_DISPLAY", "wayland-1")).startsWith(
                "cannot open the Wayland display 'wayland-1'"));
        assertTrue(DisplayCheck.cannotOpen(Map.of("DISPLAY", ":0", "WAYLAND_DISPLAY", "wayland-1", "GDK_BACKEND",
                "wayland")).startsWith("cannot open the Wayland display 'wayland-1'"));
    }
}
