package dev.scope.ui.settings;

import java.util.List;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

import dev.scope.ui.settings.internal.FormController;

/**
 * The settings of a chain, rendered from its pipelines' schemas alone (SCOPE-REFERENCE.md §4):
 * one section per stage, the fields of one panel in each, every widget chosen by rank among the
 * {@link dev.scope.ui.settings.spi.FieldRenderer} services of the {@link FieldRendererRegistry}.
 * Only properties with a {@code ui} object show; {@code ui.category} picks the panel, {@code
 * ui.modes} the input modes, {@code ui.order} (999 when unset) then the key the order. Load
 * parameters are disabled while streaming, and every field of a loading stage. Each field has
 * a label with a mnemonic (its description as tooltip), "reset to default", and a line for its
 * validation message: a value the schema does not allow is shown as a problem and never sent. A
 * shape no renderer takes is shown read-only with a warning. The Input &amp; Controls panel starts
 * with the main pipeline's prompts when it {@code supports_prompts}.
 *
 * <p>A pure SWT widget (no JFace, no e4): an e4 part creates it in its composite. Created, used
 * and disposed on the UI thread; it is disposed with its parent. When renderers arrive or leave,
 * the form renders again by itself (posted to the UI thread).
 */
public final class SettingsForm {

    /** The Settings panel's category. */
    public static final String CONFIGURATION = "configuration";
    /** The Input &amp; Controls panel's category. */
    public static final String INPUT = "input";
    /** The runtime parameter the prompts are sent as: a list of {@code {"text": String, "weight": Double}}. */
    public static final String PROMPTS = "prompts";
    /**
     * The {@link org.eclipse.swt.widgets.Widget#getData(String) data} key of the form's stable ids
     * (for tests and automation): {@code stage/<i>} on a section, {@code <i>/<key>} on the composite
     * holding a field's widget, with {@code #label}, {@code #badge}, {@code #reset} and
     * {@code #message} for its decorators; {@code prompts}, {@code prompts/<n>#text},
     * {@code #weight}, {@code #remove} and {@code prompts#add} for the prompts.
     */
    public static final String ID = "test.id";

    /** Told about every valid change the user makes. */
    @FunctionalInterface
    public interface ChangeListener {

        /**
         * Called on the UI thread at once when the user changed a value and it is valid; the
         * application sends it to the engine.
         *
         * @param stage the index of the stage in the list given to {@link SettingsForm#show}
         * @param key the parameter ({@link SettingsForm#PROMPTS} for the prompts)
         * @param value the new value: JSON-like ({@link Integer}/{@link Long} for integers,
         *        {@link Double} for numbers, {@link Boolean}, {@link String}, lists, maps, {@code null})
         */
        void changed(int stage, String key, Object value);
    }

    private final FormController controller;

    /**
     * @param parent the composite to create the form in (UI thread)
     * @param registry the renderers (the {@link FieldRendererRegistry} service)
     * @param category {@link #CONFIGURATION} (the Settings panel) or {@link #INPUT} (Input &amp; Controls)
     * @throws IllegalArgumentException when the category is neither
     */
    public SettingsForm(Composite parent, FieldRendererRegistry registry, String category) {
        controller = new FormController(parent, registry, category);
    }

    /**
     * Shows these stages. When only values changed the widgets are updated in place (without change
     * events); otherwise the form renders again, keeping the scroll position and the focused field.
     *
     * @param stages the chain's stages in order; each gets a section
     * @param mode the input mode ({@code text} or {@code video}): fields whose {@code ui.modes} lack it are left out
     * @param streaming whether the session streams: load parameters are disabled
     * @throws org.eclipse.swt.SWTException off the UI thread or after disposal
     */
    public void show(List<StageSettings> stages, String mode, boolean streaming) {
        controller.show(stages, mode, streaming);
    }

    /** @param listener told about valid changes, on the UI thread */
    public void addChangeListener(ChangeListener listener) {
        controller.addChangeListener(listener);
    }

    /** @param listener a listener given to {@link #addChangeListener} */
    public void removeChangeListener(ChangeListener listener) {
        controller.removeChangeListener(listener);
    }

    /** @return the form's top control (a scrolled composite), for layout data; disposing it disposes the form */
    public Control control() {
        return controller.control();
    }
}
