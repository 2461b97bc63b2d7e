package dev.scope.ui.settings;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import dev.scope.ui.settings.spi.FieldContext;
import dev.scope.ui.settings.spi.FieldRenderer;

/**
 * The {@link FieldRenderer} services published right now, ranked per field: an OSGi service (a DS
 * component of this bundle that binds every renderer dynamically and greedily) that a
 * {@link SettingsForm} is given.
 *
 * <p>Order: the highest {@link FieldRenderer#rank rank} first; equal ranks by higher
 * {@code service.ranking}, then by lower {@code service.id} (the older service). A renderer whose
 * {@code rank} throws is left out for that field and logged. Thread-safe; the lists are snapshots.
 */
@ProviderType
public interface FieldRendererRegistry {

    /**
     * @param field a field (called on the UI thread: renderers rank there)
     * @return the renderers that apply to it, best first; empty when none does
     */
    List<FieldRenderer> candidates(FieldContext field);

    /**
     * @param field a field
     * @return the best renderer for it, if any applies
     */
    default Optional<FieldRenderer> choose(FieldContext field) {
        return candidates(field).stream().findFirst();
    }

    /** @return how many renderers are registered */
    int size();

    /**
     * Registers a listener called after a renderer arrived or left, on the thread that changed the
     * service registry (not the UI thread). A form posts one re-render to its display.
     *
     * @param listener a listener that returns quickly
     */
    void addListener(Runnable listener);

    /** @param listener a listener given to {@link #addListener} */
    void removeListener(Runnable listener);
}
