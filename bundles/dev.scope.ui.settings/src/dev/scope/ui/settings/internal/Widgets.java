package dev.scope.ui.settings.internal;

import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.accessibility.AccessibleAdapter;
import org.eclipse.swt.accessibility.AccessibleEvent;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;

import dev.scope.ui.settings.spi.FieldBinding;

/** Small SWT helpers shared by the built-in renderers and the form. */
final class Widgets {

    private Widgets() {
    }

    /** @return a composite with a margin-less grid of {@code columns} columns */
    static Composite row(Composite parent, int columns) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(columns, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        box.setLayout(layout);
        return box;
    }

    /** @return layout data that fills the row horizontally */
    static GridData fill() {
        return new GridData(SWT.FILL, SWT.CENTER, true, false);
    }

    /** @return layout data {@code chars} average characters wide */
    static GridData chars(Control control, int chars) {
        GridData data = new GridData(SWT.BEGINNING, SWT.CENTER, false, false);
        GC gc = new GC(control);
        try {
            data.widthHint = (int) Math.ceil(gc.getFontMetrics().getAverageCharacterWidth() * chars);
        } finally {
            gc.dispose();
        }
        return data;
    }

    /** Gives a control an accessible name when the platform has none (e.g. a check box without text). */
    static void name(Control control, String name) {
        control.getAccessible().addAccessibleListener(new AccessibleAdapter() {
            @Override
            public void getName(AccessibleEvent e) {
                if (e.result == null || e.result.isEmpty()) {
                    e.result = name;
                }
            }
        });
    }

    /**
     * The common end of a built-in renderer: the widget shows the value now and whenever it changes
     * from outside, is named for accessibility, and is disabled where the field is.
     *
     * @return the control
     */
    static <C extends Control> C bind(C control, FieldBinding binding, Runnable refresh) {
        binding.onValueChange(refresh);
        refresh.run();
        name(control, binding.label());
        enable(control, binding.enabled());
        return control;
    }

    /** Sets the enabled state of a control and all controls inside it. */
    static void enable(Control control, boolean enabled) {
        control.setEnabled(enabled);
        if (control instanceof Composite c) {
            for (Control child : c.getChildren()) {
                enable(child, enabled);
            }
        }
    }

    /**
     * Makes a text box a validated entry of {@code binding}: every keystroke is checked and its
     * problem shown beside the field (nothing is sent), Enter or leaving the box sends a valid value.
     *
     * @param text the box
     * @param binding the field
     * @param committed told after a valid value was taken, with the box's text
     * @return what puts a value into the box without it counting as typing
     */
    static Consumer<String> entry(Text text, FieldBinding binding, Runnable committed) {
        boolean[] quiet = {false};
        text.addListener(SWT.Modify, e -> {
            if (!quiet[0]) {
                binding.check(text.getText()).ifPresentOrElse(binding::setError, binding::clearError);
            }
        });
        Runnable commit = () -> {
            if (!quiet[0] && !text.isDisposed() && binding.setText(text.getText())) {
                committed.run();
            }
        };
        text.addListener(SWT.DefaultSelection, e -> commit.run());
        text.addListener(SWT.FocusOut, e -> commit.run());
        return shown -> {
            quiet[0] = true;
            try {
                if (!text.getText().equals(shown)) {
                    text.setText(shown);
                }
            } finally {
                quiet[0] = false;
            }
        };
    }

    /** @return the value as the boxes show it: numbers without a trailing .0, null as empty */
    static String shown(Object value) {
        return value == null ? "" : Values.format(value);
    }
}
