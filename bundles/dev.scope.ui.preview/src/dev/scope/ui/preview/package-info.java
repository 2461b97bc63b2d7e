/**
 * Pure SWT widgets of the workbench (no e4): {@link dev.scope.ui.preview.PreviewCanvas}, the live
 * preview of a stream's input and output frames, and {@link dev.scope.ui.preview.TimeSeriesPlot},
 * named series over the last minute for the performance view. The workbench's parts wrap them;
 * the benchmark paints into them.
 *
 * <p>Threads: each type says which of its methods may be called from any thread; every other
 * method belongs to the widget's UI thread, as everywhere in SWT.
 */
@Export
@Version("1.0.0")
package dev.scope.ui.preview;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
