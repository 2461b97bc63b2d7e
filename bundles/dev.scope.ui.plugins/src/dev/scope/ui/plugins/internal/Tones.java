package dev.scope.ui.plugins.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Control;

/**
 * Colours a line by what it says: an error, a warning or plain information. The system colour is
 * set at once, and the e4 CSS class the workbench's themes colour ({@code scope-error},
 * {@code scope-warning}, {@code scope-info}, as the status line's): a theme restyling the view
 * would otherwise put its label colour back over the set one.
 */
final class Tones {

    /** The widget data key of the e4 CSS engine's class names. */
    private static final String CSS_CLASS = "org.eclipse.e4.ui.css.CssClassName";

    private Tones() {
    }

    /** @param topic {@link PluginJobs#ERROR}, {@link PluginJobs#WARNING} or {@link PluginJobs#INFO} */
    static void apply(Control control, String topic) {
        boolean error = PluginJobs.ERROR.equals(topic);
        boolean warning = PluginJobs.WARNING.equals(topic);
        // plain information takes the parent's colour, which a theme set: none would be GTK's own, dark on
        // the dark theme
        control.setForeground(error ? control.getDisplay().getSystemColor(SWT.COLOR_RED)
                : warning ? control.getDisplay().getSystemColor(SWT.COLOR_DARK_YELLOW)
                        : control.getParent().getForeground());
        control.setData(CSS_CLASS, error ? "scope-error" : warning ? "scope-warning" : "scope-info");
    }
}
