package dev.scope.ui.settings.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

import dev.scope.ui.settings.FieldRendererRegistry;
import dev.scope.ui.settings.SettingsForm;
import dev.scope.ui.settings.StageSettings;

/**
 * What a {@link SettingsForm} does: a scrolled column of stage sections (the prompts first in
 * the Input &amp; Controls panel), rebuilt when the chain, a schema, the mode, the streaming or
 * loading state or the set of renderers changes, and updated in place when only values change.
 * A rebuild keeps the scroll position and gives the focus back to the same field.
 */
public final class FormController {

    private static final System.Logger LOG = System.getLogger(FormController.class.getName());

    /** Where the sections send a valid change. */
    interface Sink {
        void send(int stage, String key, Object value);
    }

    /** What decides whether a rebuild is needed. */
    private record Structure(List<List<Object>> stages, String mode, boolean streaming) {
    }

    private final FieldRendererRegistry registry;
    private final String category;
    private final ScrolledComposite scrolled;
    private final Composite content;
    private final List<SettingsForm.ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean rebuildPosted = new AtomicBoolean();
    private final Runnable renderersChanged = this::postRebuild;
    private final List<StageSection> sections = new ArrayList<>();
    private List<StageSettings> stages = List.of();
    private Structure structure;
    private PromptsEditor prompts;
    private boolean rendering;

    /**
     * @param parent the parent composite
     * @param registry the renderers
     * @param category {@link SettingsForm#CONFIGURATION} or {@link SettingsForm#INPUT}
     */
    public FormController(Composite parent, FieldRendererRegistry registry, String category) {
        if (!SettingsForm.CONFIGURATION.equals(category) && !SettingsForm.INPUT.equals(category)) {
            throw new IllegalArgumentException("category " + category + " is not one of "
                    + SettingsForm.CONFIGURATION + ", " + SettingsForm.INPUT);
        }
        this.registry = Objects.requireNonNull(registry, "registry");
        this.category = category;
        scrolled = new ScrolledComposite(parent, SWT.V_SCROLL);
        scrolled.setExpandHorizontal(true);
        scrolled.setExpandVertical(true);
        scrolled.setShowFocusedControl(true);
        content = new Composite(scrolled, SWT.NONE);
        content.setLayout(new GridLayout(1, false));
        scrolled.setContent(content);
        scrolled.addListener(SWT.Resize, e -> relayout());
        registry.addListener(renderersChanged);
        scrolled.addListener(SWT.Dispose, e -> registry.removeListener(renderersChanged));
        build();
    }

    public Control control() {
        return scrolled;
    }

    public void addChangeListener(SettingsForm.ChangeListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeChangeListener(SettingsForm.ChangeListener listener) {
        listeners.remove(listener);
    }

    public void show(List<StageSettings> newStages, String mode, boolean streaming) {
        scrolled.getDisplay(); // throws off the UI thread or when disposed
        checkThread();
        Objects.requireNonNull(mode, "mode");
        List<StageSettings> copy = List.copyOf(newStages);
        Structure next = new Structure(copy.stream().map(s -> List.<Object>of(s.title(), s.pipelineId(), s.schema(),
                s.loading())).toList(), mode, streaming);
        stages = copy;
        if (next.equals(structure)) {
            for (int i = 0; i < sections.size(); i++) {
                for (Binding b : sections.get(i).bindings()) {
                    b.refresh(copy.get(i).values());
                }
            }
            if (prompts != null) {
                prompts.refresh(copy.get(mainStage()).values().get(SettingsForm.PROMPTS));
            }
            return;
        }
        structure = next;
        rebuild();
    }

    private void checkThread() {
        if (Display.getCurrent() != scrolled.getDisplay()) {
            throw new SWTException(SWT.ERROR_THREAD_INVALID_ACCESS);
        }
    }

    /** Renderers came or went: one rebuild, posted to the UI thread, however many changes arrive. */
    private void postRebuild() {
        if (!rebuildPosted.compareAndSet(false, true)) {
            return;
        }
        try {
            scrolled.getDisplay().asyncExec(() -> {
                rebuildPosted.set(false);
                if (!scrolled.isDisposed()) {
                    rebuild();
                }
            });
        } catch (SWTException e) {
            rebuildPosted.set(false); // the form or its display is gone
        }
    }

    private void rebuild() {
        FocusMemory focus = FocusMemory.capture(content);
        Point origin = scrolled.getOrigin();
        content.setRedraw(false);
        try {
            rendering = true;
            for (Control c : content.getChildren()) {
                c.dispose();
            }
            build();
        } finally {
            rendering = false;
            content.setRedraw(true);
        }
        relayout();
        scrolled.setOrigin(origin);
        focus.restore(content);
    }

    private void build() {
        sections.clear();
        prompts = null;
        Mnemonics mnemonics = new Mnemonics();
        boolean streaming = structure != null && structure.streaming();
        String mode = structure == null ? "" : structure.mode();
        int main = mainStage();
        if (SettingsForm.INPUT.equals(category) && main >= 0 && SchemaFields.supportsPrompts(stages.get(main).schema())) {
            prompts = new PromptsEditor(content, stages.get(main).values().get(SettingsForm.PROMPTS),
                    !stages.get(main).loading(), value -> send(main, SettingsForm.PROMPTS, value), mnemonics,
                    this::relayout);
        }
        StageSection.Context context = new StageSection.Context(category, mode, streaming, registry, mnemonics,
                this::send, this::relayout);
        for (int i = 0; i < stages.size(); i++) {
            sections.add(new StageSection(content, i, stages.get(i), context));
        }
        if (stages.isEmpty()) {
            Label note = new Label(content, SWT.NONE);
            note.setText("No pipeline in the chain");
            note.setEnabled(false);
            note.setLayoutData(new GridData(SWT.BEGINNING, SWT.TOP, false, false));
        }
    }

    /** @return the index of the first main pipeline (empty usage), or -1 */
    private int mainStage() {
        for (int i = 0; i < stages.size(); i++) {
            if (SchemaFields.isMain(stages.get(i).schema())) {
                return i;
            }
        }
        return -1;
    }

    private void send(int stage, String key, Object value) {
        if (rendering) {
            return; // a widget being disposed while the form rebuilds
        }
        for (SettingsForm.ChangeListener l : listeners) {
            try {
                l.changed(stage, key, value);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a settings change listener failed on " + key, e);
            }
        }
    }

    private void relayout() {
        if (rendering || content.isDisposed()) {
            return;
        }
        content.layout(true, true);
        int width = scrolled.getClientArea().width;
        scrolled.setMinSize(content.computeSize(width > 0 ? width : SWT.DEFAULT, SWT.DEFAULT));
    }
}
