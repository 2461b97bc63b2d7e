package dev.scope.ui.chain.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.StageStatus;
import dev.scope.ui.stream.StreamController;
import dev.scope.ui.stream.StreamListener;
import dev.scope.ui.stream.StreamState;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

/**
 * The chain editor: the main pipeline (main pipelines only) with its bypass, the input mode (the
 * main pipeline's {@code supported_modes}), and the preprocessor and postprocessor lists. A change
 * of stages builds a new chain from the current one (stages that stay keep their values and their
 * bypass) and gives it to {@link StreamController#setChain} in a Job with progress, while the view
 * shows the new stage as loading; a refusal leaves the old chain, and its line goes to
 * {@code errors} and beside the lists. Bypass goes to {@link StreamController#setBypass} at once.
 * The view follows the controller's state, its stages (a failed stage shows its reason) and the
 * registry (a plugin coming or going, the device that decides the VRAM warnings). Everything the
 * editor lists comes from the registry. UI thread only, but for the listeners it registers.
 */
final class ChainEditor implements StageList.Owner {

    private final StreamController controller;
    private final PipelineRegistry registry;
    private final Labels labels;
    private final Consumer<String> errors;
    private final Composite root;
    private final org.eclipse.swt.widgets.Display display;
    private final MainRow main;
    private final StageList pre;
    private final StageList post;
    private final Label message;
    private final StreamListener onState = s -> later();
    private final Runnable onPipelines = this::later;
    private Edits pending;
    private String loading;
    private int jobs;
    private String failure = "";

    /**
     * @param parent where the editor goes
     * @param controller the stream whose chain it edits
     * @param registry the pipelines it offers
     * @param vram a pipeline's VRAM warning ({@code Engine::vramWarning})
     * @param errors told (on the UI thread) each refusal in one line, for the status line
     */
    ChainEditor(Composite parent, StreamController controller, PipelineRegistry registry,
            Function<PipelineInfo, Optional<String>> vram, Consumer<String> errors) {
        this.controller = controller;
        this.registry = registry;
        this.labels = new Labels(registry, vram);
        this.errors = errors;
        root = new Composite(parent, SWT.NONE);
        display = root.getDisplay();
        root.setLayout(new GridLayout(2, false));
        root.setData("test.id", "chain");
        main = new MainRow(root, this, labels);
        pre = new StageList(root, Role.PRE, "P&reprocessors (before the main pipeline)", this);
        post = new StageList(root, Role.POST, "P&ostprocessors (after the main pipeline)", this);
        message = new Label(root, SWT.WRAP);
        message.setData("test.id", "chain.message");
        message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        controller.addListener(onState);
        registry.addListener(onPipelines);
        root.addListener(SWT.Dispose, e -> {
            controller.removeListener(onState);
            registry.removeListener(onPipelines);
        });
        refresh();
    }

    /** @return the editor's top control */
    Control control() {
        return root;
    }

    /** Gives the keyboard focus to the main pipeline's selector. */
    void focus() {
        main.focus();
    }

    private void later() {
        if (!display.isDisposed()) {
            display.asyncExec(this::refresh);
        }
    }

    private void later(Runnable work) {
        if (!display.isDisposed()) {
            display.asyncExec(() -> {
                if (!root.isDisposed()) {
                    work.run();
                }
            });
        }
    }

    private Edits current() {
        StreamState s = controller.state();
        return pending != null ? pending : new Edits(s.chain(), s.bypass());
    }

    /** Shows the chain (the one being loaded while a change is under way), its stages and the choices. */
    void refresh() {
        if (root.isDisposed()) {
            return;
        }
        Edits now = current();
        List<StageStatus> stages = pending == null ? controller.stages() : List.of();
        String mode = main.show(now, mainStatus(now, stages));
        boolean video = !"text".equals(mode);
        String hint = video ? "" : "Pre- and postprocessors need video mode";
        show(pre, Role.PRE, now, stages, video, hint);
        show(post, Role.POST, now, stages, video, hint);
        message.setText(failure);
        root.layout(true, true);
    }

    private StageList.Shown mainStatus(Edits now, List<StageStatus> stages) {
        int at = now.chain().pre().size();
        String id = now.chain().main().pipelineId();
        return labels.shown(id, status(stages, at, id), now.mainBypassed(), id.equals(loading) && pending != null);
    }

    private void show(StageList list, Role role, Edits now, List<StageStatus> stages, boolean video, String hint) {
        List<Row> rows = now.rows(role);
        int first = role == Role.PRE ? 0 : now.chain().pre().size() + 1;
        List<StageList.Shown> shown = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String id = rows.get(i).spec().pipelineId();
            boolean isLoading = pending != null && id.equals(loading);
            shown.add(labels.shown(id, status(stages, first + i, id), rows.get(i).bypass(), isLoading));
        }
        list.show(rows, shown, labels.choices(role), video, hint);
    }

    private static StageStatus status(List<StageStatus> stages, int index, String id) {
        return index < stages.size() && stages.get(index).pipelineId().equals(id) ? stages.get(index) : null;
    }

    @Override
    public void changed(Role role, List<Row> rows, String what, String load) {
        apply(current().withRows(role, rows), what, load);
    }

    @Override
    public void bypass(Role role, int index, boolean bypass) {
        int at = role == Role.PRE ? index : role == Role.MAIN ? current().chain().pre().size()
                : current().chain().pre().size() + 1 + index;
        if (pending != null) { // given with the chain once it is loaded
            List<Boolean> flags = new ArrayList<>(pending.bypass());
            flags.set(at, bypass);
            pending = new Edits(pending.chain(), flags);
            refresh();
            return;
        }
        try {
            controller.setBypass(at, bypass);
        } catch (RuntimeException e) {
            fail((bypass ? "Bypassing" : "Enabling") + " stage " + (at + 1) + " failed: " + ChainJob.readable(e));
        }
        refresh();
    }

    /** Chooses another main pipeline or mode: refuses an unavailable one with its reason. */
    void main(String id, String mode) {
        Optional<PipelineInfo> p = registry.find(id);
        if (p.isPresent() && !p.get().available()) {
            fail(labels.reason(p.get()));
            refresh();
            return;
        }
        boolean same = id.equals(current().chain().main().pipelineId());
        apply(current().withMain(id, mode), same ? "Switching to " + mode + " mode" : "Loading " + id, id);
    }

    private void apply(Edits next, String what, String load) {
        pending = next;
        loading = load;
        jobs++;
        failure = "";
        refresh();
        ChainJob.schedule(what + " ...", () -> {
            controller.setChain(next.chain());
            for (int i = 0; i < next.bypass().size(); i++) {
                if (next.bypass().get(i)) {
                    controller.setBypass(i, true);
                }
            }
        }, failed -> later(() -> done(next, what, failed)));
    }

    private void done(Edits next, String what, String failed) {
        if (--jobs == 0 || pending == next) {
            pending = jobs == 0 ? null : pending;
            loading = jobs == 0 ? null : loading;
        }
        if (failed != null) {
            fail(what + " failed: " + failed);
        }
        refresh();
    }

    private void fail(String line) {
        failure = line;
        errors.accept(line);
    }
}
