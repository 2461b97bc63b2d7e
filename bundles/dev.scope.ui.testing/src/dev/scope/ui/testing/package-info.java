/**
 * Test support for the workbench's SWT user interface, for OSGi tests that create their own
 * {@link org.eclipse.swt.widgets.Display} under Xvfb (no 3.x UI harness) and for the in-product
 * workbench driver: {@link dev.scope.ui.testing.UiBot} finds widgets by their {@code test.id}
 * data, drives them with real input events ({@code Display.post}), spins the event loop until a
 * condition holds (bounded, never a fixed sleep) and takes screenshots;
 * {@link dev.scope.ui.testing.LeakGuard} fails a test on an SWT resource that was never disposed.
 */
@Export
@Version("1.1.0")
package dev.scope.ui.testing;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
