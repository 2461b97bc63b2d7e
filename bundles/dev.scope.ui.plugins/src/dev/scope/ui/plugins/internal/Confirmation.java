package dev.scope.ui.plugins.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

/**
 * An inline confirmation in a grid layout (under the plugin table before an uninstall, in the
 * history dialog before a rollback): a question, the button that does it (Enter: it takes the
 * focus; or its mnemonic) and Cancel (Alt+C, Escape). Hidden until asked; the focus goes back
 * where it was when it hides. Test ids
 * {@code ID}, {@code ID.yes}, {@code ID.no}.
 */
final class Confirmation {

    private final Composite bar;
    private final Label question;
    private final Button yes;
    private Runnable asked;
    /** Where the focus was when asked: it goes back there when the bar hides. */
    private Control before;

    /**
     * @param parent a composite with a grid layout
     * @param testId the bar's test id, and the prefix of its buttons'
     * @param span how many of the parent's columns it spans
     */
    Confirmation(Composite parent, String testId, int span) {
        bar = new Composite(parent, SWT.NONE);
        bar.setData("test.id", testId);
        bar.setLayout(new GridLayout(3, false));
        bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, span, 1));
        question = new Label(bar, SWT.WRAP);
        question.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        yes = new Button(bar, SWT.PUSH);
        yes.setData("test.id", testId + ".yes");
        Button no = new Button(bar, SWT.PUSH);
        no.setText("&Cancel");
        no.setToolTipText("Do nothing (Escape)");
        no.setData("test.id", testId + ".no");
        yes.addListener(SWT.Selection, e -> {
            Runnable then = asked;
            hide();
            if (then != null) {
                then.run();
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

    /**
     * Asks, giving the confirming button the focus.
     *
     * @param text the question
     * @param action the confirming button's text, with its mnemonic
     * @param tip the confirming button's tooltip
     * @param confirmed what to do when confirmed (on the UI thread)
     */
    void ask(String text, String action, String tip, Runnable confirmed) {
        asked = confirmed;
        before = bar.getDisplay().getFocusControl();
        question.setText(text);
        yes.setText(action);
        yes.setToolTipText(tip + " (Enter)");
        show(true);
        yes.setFocus();
    }

    /** Hides the question, if shown; nothing is done. */
    void hide() {
        if (asked != null || bar.isVisible()) {
            boolean hadFocus = bar.isVisible() && bar.getDisplay().getFocusControl() != null
                    && bar.getDisplay().getFocusControl().getParent() == bar;
            asked = null;
            show(false);
            if (hadFocus && before != null && !before.isDisposed()) {
                before.setFocus();
            } else if (hadFocus) {
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
