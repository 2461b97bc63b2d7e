package dev.scope.ui.plugins.internal;

import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The inline confirmation of an uninstall, under the table: a question naming the plugin and its
 * pipelines, Uninstall (Alt+U again, or Enter: it takes the focus) and Cancel (Alt+C, Escape).
 * Hidden until asked. Test ids {@code plugins.confirm}, {@code plugins.confirm.yes},
 * {@code plugins.confirm.no}.
 */
final class Confirmation {

    private final Composite bar;
    private final Label question;
    private final Button yes;
    private PluginRow asked;

    Confirmation(Composite parent, Consumer<PluginRow> confirmed) {
        bar = new Composite(parent, SWT.NONE);
        bar.setData("test.id", "plugins.confirm");
        bar.setLayout(new GridLayout(3, false));
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
        bar.setLayoutData(data);
        question = new Label(bar, SWT.WRAP);
        question.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        yes = new Button(bar, SWT.PUSH);
        yes.setText("&Uninstall");
        yes.setData("test.id", "plugins.confirm.yes");
        Button no = new Button(bar, SWT.PUSH);
        no.setText("&Cancel");
        no.setToolTipText("Keep the plugin (Escape)");
        no.setData("test.id", "plugins.confirm.no");
        yes.addListener(SWT.Selection, e -> {
            PluginRow row = asked;
            hide();
            if (row != null) {
                confirmed.accept(row);
            }
        });
        no.addListener(SWT.Selection, e -> hide());
        for (Button b : new Button[] {yes, no}) {
            b.addListener(SWT.Traverse, e -> {
                if (e.detail == SWT.TRAVERSE_ESCAPE) {
                    e.doit = false;
                    hide();
                }
            });
        }
        show(false);
    }

    /** Asks whether to uninstall {@code row}, giving Uninstall the focus. */
    void ask(PluginRow row) {
        asked = row;
        question.setText("Uninstall " + row.name() + " " + row.version() + "?"
                + (row.pipelines().isEmpty() ? "" : " Its pipelines (" + String.join(", ", row.pipelines())
                        + ") leave the workbench; a running stage of them stops."));
        yes.setToolTipText("Uninstall " + row.name() + " now (Enter)");
        show(true);
        yes.setFocus();
    }

    /** Hides the question, if shown; nothing is uninstalled. */
    void hide() {
        if (asked != null || bar.isVisible()) {
            boolean hadFocus = bar.isVisible() && bar.getDisplay().getFocusControl() != null
                    && bar.getDisplay().getFocusControl().getParent() == bar;
            asked = null;
            show(false);
            if (hadFocus) {
                bar.getParent().setFocus();
            }
        }
    }

    private void show(boolean shown) {
        ((GridData) bar.getLayoutData()).exclude = !shown;
        bar.setVisible(shown);
        bar.getParent().layout(true, true);
    }
}
