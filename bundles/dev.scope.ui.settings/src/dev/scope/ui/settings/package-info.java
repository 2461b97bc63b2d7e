/**
 * The schema-driven settings form of the workbench: {@link dev.scope.ui.settings.SettingsForm}
 * renders the chain's {@link dev.scope.ui.settings.StageSettings} with the widgets the
 * {@link dev.scope.ui.settings.FieldRendererRegistry} service chooses; a plugin adds widgets
 * through {@link dev.scope.ui.settings.spi}. Pure SWT and DS: no e4, no JFace.
 */
@Export
@Version("1.0.0")
package dev.scope.ui.settings;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
