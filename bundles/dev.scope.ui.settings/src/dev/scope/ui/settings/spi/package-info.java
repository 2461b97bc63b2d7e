/**
 * The renderer SPI of the settings form: how a bundle contributes the widget for a field.
 *
 * <p>A {@link dev.scope.ui.settings.spi.FieldRenderer} is an OSGi service. For every field the form
 * shows, it asks each renderer for its {@link dev.scope.ui.settings.spi.FieldRenderer#rank rank}
 * ({@code -1}: not applicable) and lets the best one {@link
 * dev.scope.ui.settings.spi.FieldRenderer#create create} the widget; ties go to the higher
 * {@code service.ranking}, then to the lower {@code service.id}. The built-in renderers rank 1
 * (the read-only fallback for any shape), 2 (the typed widgets: dropdown, toggle, slider, stepper,
 * text) and 3 (an explicit {@code ui.component}, e.g. {@code resolution}); plugins use 5 or more.
 * The form adds the label, the load-parameter badge, the validation message and "reset to default"
 * around the chosen widget, so a renderer draws the editing widget only.
 *
 * <p>{@link dev.scope.ui.settings.spi.Testers} composes the {@code rank} of a renderer in a line:
 * <pre>{@code
 * rankWith(5, and(schemaTypeIs("number"), optionIs("component", "knob")))
 * }</pre>
 *
 * <p>Everything here is called on the SWT UI thread.
 */
@Export
@Version("1.0.0")
package dev.scope.ui.settings.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
