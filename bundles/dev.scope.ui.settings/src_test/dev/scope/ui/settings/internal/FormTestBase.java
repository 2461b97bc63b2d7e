package dev.scope.ui.settings.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

import dev.scope.ui.settings.SettingsForm;
import dev.scope.ui.settings.StageSettings;

/** A form in the test's shell, and every change it reports. */
abstract class FormTestBase extends UiTest {

    /** One reported change. */
    record Change(int stage, String key, Object value) {
    }

    final List<Change> changes = new ArrayList<>();

    SettingsForm form(String category) {
        SettingsForm form = new SettingsForm(shell, registry, category);
        form.addChangeListener((stage, key, value) -> changes.add(new Change(stage, key, value)));
        return form;
    }

    static StageSettings stage(String fixture, Map<String, Object> values, boolean loading) {
        Map<String, Object> schema = Fixtures.schema(fixture);
        return new StageSettings((String) schema.get("name"), (String) schema.get("id"), schema, values, loading);
    }

    static StageSettings stage(String fixture) {
        return stage(fixture, Map.of(), false);
    }

    /** @return the field ids of a section ({@code <stage>/<key>}), in display order */
    static List<String> fields(Control root, int stage) {
        List<String> out = new ArrayList<>();
        for (Control c : ((Composite) require(root, "stage/" + stage)).getChildren()) {
            if (c.getData(SettingsForm.ID) instanceof String id && !id.contains("#")) {
                out.add(id.substring(id.indexOf('/') + 1));
            }
        }
        return out;
    }

    static List<String> list(String... items) {
        return Arrays.asList(items);
    }
}
