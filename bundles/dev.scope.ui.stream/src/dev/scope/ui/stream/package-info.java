/**
 * The workbench's stream controller: one running stream (a source, a chain, the frames handed
 * to the preview, an optional MP4 recording) that the UI starts, pauses, changes and stops, and
 * that is remembered in {@code $SCOPE_HOME} from one start of the workbench to the next.
 *
 * <p>No SWT and no e4 type appears here: the {@link dev.scope.ui.stream.StreamController} is an
 * OSGi service whose methods block (a UI calls them from a Job) and whose listeners are called on
 * the controller's threads (a UI hops to its display thread itself, e.g. through e4's
 * {@code UISynchronize}).
 */
@Export
@Version("1.1.0")
package dev.scope.ui.stream;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
