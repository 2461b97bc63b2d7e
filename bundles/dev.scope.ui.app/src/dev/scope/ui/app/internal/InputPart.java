package dev.scope.ui.app.internal;

import dev.scope.ui.settings.SettingsForm;

/** The Input &amp; Controls view: the prompts (when the main pipeline takes them) and the fields of category {@code input}. */
public final class InputPart extends SchemaFormPart {

    @Override
    String category() {
        return SettingsForm.INPUT;
    }
}
