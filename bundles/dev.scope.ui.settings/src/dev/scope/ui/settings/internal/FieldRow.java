package dev.scope.ui.settings.internal;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import dev.scope.ui.settings.FieldRendererRegistry;
import dev.scope.ui.settings.SettingsForm;
import dev.scope.ui.settings.spi.FieldRenderer;

/**
 * One field in a section's four-column grid: the label (with its mnemonic and the description as
 * tooltip), the load-parameter badge, the widget of the best renderer, "reset to default", and a
 * line below for the validation message or a warning. These decorators surround whatever renderer
 * won; they never compete with it. A renderer that throws is replaced by the next best.
 */
final class FieldRow {

    private static final System.Logger LOG = System.getLogger(FieldRow.class.getName());

    private final Binding binding;
    private final Runnable relayout;
    private final Label filler;
    private final Label message;
    private String warning;

    FieldRow(Composite grid, Binding binding, String id, FieldRendererRegistry registry, Mnemonics mnemonics,
            Runnable relayout) {
        this.binding = binding;
        this.relayout = relayout;
        Label label = new Label(grid, SWT.NONE);
        label.setText(mnemonics.assign(binding.label()));
        label.setToolTipText(binding.description());
        label.setData(SettingsForm.ID, id + "#label");
        label.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false));
        Composite cell = new Composite(grid, SWT.NONE);
        cell.setLayout(new FillLayout());
        cell.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        cell.setData(SettingsForm.ID, id);
        badge(grid, id); // after the widget: a label's mnemonic moves the focus to its next sibling
        Button reset = new Button(grid, SWT.PUSH);
        reset.setText("\u21ba");
        reset.setData(SettingsForm.ID, id + "#reset");
        reset.setToolTipText("Reset to default (" + defaults() + ")");
        Widgets.name(reset, "Reset " + binding.label() + " to default");
        reset.addListener(SWT.Selection, e -> binding.reset());
        Runnable resetState = () -> reset.setEnabled(binding.enabled() && !binding.atDefaults());
        binding.onStateChange(resetState);
        resetState.run();
        filler = new Label(grid, SWT.NONE);
        message = new Label(grid, SWT.WRAP);
        message.setData(SettingsForm.ID, id + "#message");
        message.setForeground(grid.getDisplay().getSystemColor(SWT.COLOR_RED));
        binding.messages(this::show);
        render(cell, registry);
        decorate(cell);
        show(null);
    }

    private void badge(Composite grid, String id) {
        Label badge = new Label(grid, SWT.NONE);
        badge.setData(SettingsForm.ID, id + "#badge");
        if (binding.loadParam()) {
            badge.setText("load");
            badge.setForeground(grid.getDisplay().getSystemColor(SWT.COLOR_DARK_BLUE));
            badge.setToolTipText(binding.streaming() ? "Load parameter: locked while streaming; stop the stream to change it"
                    : "Load parameter: a change reloads the pipeline");
        }
    }

    private String defaults() {
        return binding.keys().stream().map(k -> ReadOnlyRenderer.text(binding.defaultValue(k)))
                .reduce((a, b) -> a + " \u00d7 " + b).orElse("");
    }

    private void render(Composite cell, FieldRendererRegistry registry) {
        List<FieldRenderer> candidates = registry.candidates(binding);
        for (FieldRenderer renderer : candidates) {
            try {
                if (renderer.create(cell, binding) == null) {
                    throw new IllegalStateException("create() returned no control");
                }
                return;
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "renderer " + renderer.getClass().getName() + " of " + origin(renderer)
                        + " failed on field " + binding.key() + " of " + binding.pipelineId() + "; using the next best", e);
                warning = "\u26a0 The widget from " + origin(renderer) + " failed (" + e.getMessage()
                        + "); showing a simpler one";
                for (Control child : cell.getChildren()) {
                    child.dispose();
                }
                binding.dropValueListeners();
            }
        }
        new ReadOnlyRenderer().create(cell, binding);
    }

    /** @return the bundle that published the renderer (a plugin's name), else its class */
    private static String origin(FieldRenderer renderer) {
        Bundle bundle = FrameworkUtil.getBundle(renderer.getClass());
        return bundle != null ? bundle.getSymbolicName() : renderer.getClass().getName();
    }

    /** Every control of the widget gets the description as tooltip and the label as name when it has none. */
    private void decorate(Composite cell) {
        for (Control c : FocusMemory.controls(cell)) {
            if (c.getToolTipText() == null && binding.description() != null) {
                c.setToolTipText(binding.description());
            }
            if (c != cell) {
                Widgets.name(c, binding.label());
            }
        }
    }

    /** Shows a validation message, or the warning (if any) when it is null. */
    private void show(String problem) {
        String text = problem != null ? problem : warning;
        boolean visible = text != null;
        if (visible == message.getVisible() && (text == null || text.equals(message.getText()))) {
            return;
        }
        message.setText(text == null ? "" : text);
        message.setForeground(message.getDisplay().getSystemColor(problem != null ? SWT.COLOR_RED : SWT.COLOR_DARK_YELLOW));
        for (Label l : new Label[] {filler, message}) {
            GridData data = new GridData(SWT.FILL, SWT.TOP, l == message, false, l == message ? 3 : 1, 1);
            data.exclude = !visible;
            l.setLayoutData(data);
            l.setVisible(visible);
        }
        relayout.run();
    }
}
