package dev.scope.ui.app.internal;

import java.util.Map;
import java.util.Optional;

import org.eclipse.e4.ui.internal.workbench.swt.E4Application;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.SWTError;
import org.eclipse.swt.widgets.Display;

/**
 * The workbench's entry point, application id {@code dev.scope.ui.app.workbench} (with the product
 * {@code dev.scope.ui.app.product}): makes sure there is a display, then runs the Eclipse 4
 * workbench, whose model, saved layout and theme come from {@link LayoutStore}.
 *
 * <p>Without a display it prints one line on stderr naming what is missing and the headless
 * commands, and returns {@link DisplayCheck#NO_DISPLAY} (the launcher's exit code). Runs on the
 * main thread, which becomes SWT's UI thread.
 */
public final class WorkbenchApplication implements IApplication {

    private final E4Application workbench = new E4Application();

    @Override
    public Object start(IApplicationContext context) throws Exception {
        Map<String, String> env = System.getenv();
        Optional<String> missing = DisplayCheck.missing(env);
        if (missing.isPresent()) {
            return noDisplay(missing.get());
        }
        Display.setAppName("Scope Workbench");
        if (blank(env.get("DBUS_SESSION_BUS_ADDRESS"))) {
            // no session bus (Xvfb, a bare X server): SWT's session-manager client would only print
            // that it cannot reach one
            System.setProperty("org.eclipse.swt.internal.SessionManagerDBus.disable", "true");
        }
        try {
            new Display(); // the workbench takes it as its default display, and disposes of it
        } catch (SWTError e) {
            return noDisplay(DisplayCheck.cannotOpen(env));
        }
        return workbench.start(context);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Integer noDisplay(String line) {
        System.err.println("scope: " + line);
        System.err.flush();
        return Integer.valueOf(DisplayCheck.NO_DISPLAY);
    }

    @Override
    public void stop() {
        workbench.stop();
    }
}
