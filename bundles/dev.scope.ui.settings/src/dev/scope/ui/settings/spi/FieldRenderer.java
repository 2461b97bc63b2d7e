package dev.scope.ui.settings.spi;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Draws the editing widget of a settings field; published as an OSGi service (the whiteboard
 * pattern) by the settings bundle for the built-in widgets and by any plugin bundle for its own.
 *
 * <p>For each field the form asks every renderer for {@link #rank}; the highest non-negative rank
 * wins (ties: higher {@code service.ranking}, then lower {@code service.id}) and {@link #create}s
 * the widget. A renderer that throws from {@code rank} is treated as not applicable; one that
 * throws from {@code create} is replaced by the next best, and the field shows a warning: a plugin
 * never breaks the form. A renderer arriving or leaving re-renders open forms.
 *
 * <p>Both methods are called on the UI thread and must return quickly.
 */
@ConsumerType
public interface FieldRenderer {

    /** Rank for "this renderer does not apply". */
    int NOT_APPLICABLE = -1;
    /** Rank of the built-in read-only fallback, which applies to every field. */
    int GENERIC = 1;
    /** Rank of the built-in typed widgets (dropdown, toggle, slider, stepper, text). */
    int TYPED = 2;
    /** Rank of the built-in renderers of an explicit {@code ui.component} ({@code resolution}). */
    int COMPONENT = 3;
    /** The lowest rank meant for plugins: above every built-in renderer. */
    int PLUGIN = 5;

    /**
     * @param field the field, its schema resolved
     * @return {@link #NOT_APPLICABLE} or how well this renderer fits (higher wins)
     */
    int rank(FieldContext field);

    /**
     * Creates the widget in {@code parent} and wires it to {@code binding}: user edits go to
     * {@link FieldBinding#set} (or {@link FieldBinding#setText}), and {@link
     * FieldBinding#onValueChange} updates the widget. The widget starts disabled when
     * {@link FieldBinding#enabled()} is false. The form owns and disposes what is created;
     * resources the renderer allocates itself (fonts, images) it disposes with its control.
     *
     * @param parent an empty composite with a {@code FillLayout}, for this field alone
     * @param binding the field
     * @return the control created in {@code parent} (a composite when there are several widgets)
     */
    Control create(Composite parent, FieldBinding binding);
}
