package dev.scope.ui.app.internal;

import dev.scope.ui.settings.SettingsForm;

/** The Settings view: every stage's fields of category {@code configuration}. */
public final class SettingsPart extends SchemaFormPart {

    @Override
    String category() {
        return SettingsForm.CONFIGURATION;
    }
}
