package dev.scope.ui.chain.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.scope.engine.api.PipelineInfo;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The main pipeline's row of the chain editor: the selector (main pipelines only, marked when they
 * may not fit the device or cannot load), its bypass and state, and the input mode selector from
 * the pipeline's {@code supported_modes}. Widgets carry {@code test.id}s {@code chain.main*} and
 * {@code chain.mode}.
 */
final class MainRow {

    private final ChainEditor editor;
    private final Labels labels;
    private final Combo pipelines;
    private final Button bypass;
    private final Label state;
    private final Combo modes;
    private List<String> ids = List.of();
    private List<String> modeList = List.of();

    MainRow(Composite parent, ChainEditor editor, Labels labels) {
        this.editor = editor;
        this.labels = labels;
        Composite row = new Composite(parent, SWT.NONE);
        row.setLayout(new GridLayout(4, false));
        row.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        new Label(row, SWT.NONE).setText("&Main pipeline");
        pipelines = new Combo(row, SWT.READ_ONLY);
        pipelines.setData("test.id", "chain.main");
        pipelines.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        pipelines.addListener(SWT.Selection, e -> chosen());
        new Label(row, SWT.NONE).setText("&Input mode");
        modes = new Combo(row, SWT.READ_ONLY);
        modes.setData("test.id", "chain.mode");
        modes.setToolTipText("The main pipeline's input modes (supported_modes); pre- and postprocessors need video");
        modes.addListener(SWT.Selection, e -> chosen());
        bypass = new Button(row, SWT.CHECK);
        bypass.setText("&Bypass");
        bypass.setData("test.id", "chain.main.bypass");
        bypass.setToolTipText("Frames pass through the main pipeline unchanged");
        bypass.addListener(SWT.Selection, e -> editor.bypass(Role.MAIN, 0, bypass.getSelection()));
        state = new Label(row, SWT.NONE);
        state.setData("test.id", "chain.main.state");
        GridData stateData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        // the state takes the room that is left, and no more: a long reason (a failed stage) would
        // otherwise widen the row past the view and squeeze the selectors to a negative width,
        // which GTK refuses ("gtk_widget_queue_draw_area: assertion 'width >= 0' failed"); the
        // whole text is in the tooltip
        stateData.widthHint = 1;
        stateData.horizontalIndent = 12; // apart from the Bypass box beside it
        state.setLayoutData(stateData);
    }

    private void chosen() {
        int p = pipelines.getSelectionIndex();
        int m = modes.getSelectionIndex();
        if (p >= 0 && p < ids.size()) {
            String mode = m >= 0 && m < modeList.size() ? modeList.get(m) : null;
            Optional<PipelineInfo> next = labels.registry().find(ids.get(p));
            if (mode != null && next.isPresent() && !next.get().modes().contains(mode)) {
                mode = null; // another main pipeline without that mode: its default
            }
            editor.main(ids.get(p), mode);
        }
    }

    /**
     * Shows the main stage.
     *
     * @return the chain's input mode (the main pipeline's default when the chain names none)
     */
    String show(Edits now, StageList.Shown shown) {
        String id = now.chain().main().pipelineId();
        List<PipelineInfo> mains = Role.MAIN.choices(labels.registry().pipelines());
        List<String> items = new ArrayList<>();
        List<String> nextIds = new ArrayList<>();
        mains.forEach(p -> {
            items.add(labels.label(p));
            nextIds.add(p.id());
        });
        if (!nextIds.contains(id)) {
            items.add(labels.stage(id));
            nextIds.add(id);
        }
        if (!items.equals(List.of(pipelines.getItems()))) {
            pipelines.setItems(items.toArray(String[]::new));
        }
        ids = List.copyOf(nextIds);
        pipelines.select(ids.indexOf(id));
        pipelines.setToolTipText(shown.tooltip() != null ? shown.tooltip()
                : "Main pipelines only; \u26a0 marks one that may not fit into the device's memory");
        bypass.setSelection(now.mainBypassed());
        state.setText(shown.state());
        state.setToolTipText(shown.tooltip());
        return showModes(now, labels.registry().find(id));
    }

    private String showModes(Edits now, Optional<PipelineInfo> main) {
        String mode = now.chain().mode() != null ? now.chain().mode() : main.map(PipelineInfo::defaultMode).orElse("video");
        // a main pipeline that left shows the mode it ran in: GTK sizes an empty combo to a negative
        // width ("gtk_widget_queue_draw_area: assertion 'width >= 0' failed")
        List<String> next = main.map(PipelineInfo::modes).orElse(List.of(mode));
        if (!next.equals(modeList)) {
            modeList = List.copyOf(next);
            modes.setItems(next.toArray(String[]::new));
        }
        modes.select(modeList.indexOf(mode));
        modes.setEnabled(modeList.size() > 1);
        return mode;
    }

    void focus() {
        pipelines.setFocus();
    }
}
