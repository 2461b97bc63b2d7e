package dev.scope.ui.app.internal;

import java.util.Map;
import java.util.Optional;

/**
 * Whether the workbench has a display to open on, and the one line that says so when it has not:
 * it names what is missing and the commands that need no display.
 */
final class DisplayCheck {

    /** The exit code when there is no display: bad usage (the README's exit code rule). */
    static final int NO_DISPLAY = 2;

    private static final String HEADLESS = "the headless commands need none: pipelines, schemas, render, run, probe,"
            + " plugins (see ./scope help)";

    private DisplayCheck() {
    }

    /**
     * @param env the environment
     * @return the line to print when neither an X11 nor a Wayland display is named
     */
    static Optional<String> missing(Map<String, String> env) {
        if (blank(env.get("DISPLAY")) && blank(env.get("WAYLAND_DISPLAY"))) {
            return Optional.of("no display to open the workbench on (neither DISPLAY nor WAYLAND_DISPLAY is set); "
                    + HEADLESS);
        }
        return Optional.empty();
    }

    /**
     * @param env the environment
     * @return the line to print when GTK could not open the display the environment names
     */
    static String cannotOpen(Map<String, String> env) {
        String x11 = env.get("DISPLAY");
        String wayland = env.get("WAYLAND_DISPLAY");
        String named = !blank(x11) && !"wayland".equals(env.get("GDK_BACKEND")) ? "the X11 display '" + x11 + "'"
                : "the Wayland display '" + wayland + "'";
        return "cannot open " + named + " (GTK could not connect to it); " + HEADLESS;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
