package dev.scope.ui.settings.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

import dev.scope.ui.settings.SettingsForm;

/**
 * Which field had the focus, by the id of the nearest tagged ancestor ({@link SettingsForm#ID})
 * and the position of the focused control inside it, so that a re-rendered form gives the focus
 * back to the same field.
 *
 * @param id the tagged ancestor's id, or null when the focus was elsewhere
 * @param index the focused control's place among the ancestor's controls, depth first
 */
record FocusMemory(String id, int index) {

    static FocusMemory capture(Composite root) {
        Control focus = root.getDisplay().getFocusControl();
        for (Control c = focus; c != null && c != root; c = c.getParent()) {
            if (c.getData(SettingsForm.ID) instanceof String id) {
                return new FocusMemory(id, controls(c).indexOf(focus));
            }
        }
        return new FocusMemory(null, -1);
    }

    void restore(Composite root) {
        if (id == null) {
            return;
        }
        for (Control c : controls(root)) {
            if (id.equals(c.getData(SettingsForm.ID))) {
                List<Control> inside = controls(c);
                inside.get(Math.max(0, Math.min(index, inside.size() - 1))).setFocus();
                return;
            }
        }
    }

    /** @return the control and every control inside it, depth first */
    static List<Control> controls(Control control) {
        List<Control> out = new ArrayList<>();
        out.add(control);
        if (control instanceof Composite c) {
            for (Control child : c.getChildren()) {
                out.addAll(controls(child));
            }
        }
        return out;
    }
}
