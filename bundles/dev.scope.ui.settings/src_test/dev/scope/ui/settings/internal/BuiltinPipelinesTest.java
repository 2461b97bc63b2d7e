package dev.scope.ui.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

import dev.scope.engine.api.PipelineRegistry;
import dev.scope.ui.settings.SettingsForm;
import dev.scope.ui.settings.StageSettings;

/**
 * Every built-in pipeline's schema, as the real {@link PipelineRegistry} publishes it, in both
 * panels and every mode it supports: each field with {@code ui} gets the widget its schema calls
 * for (worked out here from the raw schema), with its range, step, label and tooltip.
 */
class BuiltinPipelinesTest extends FormTestBase {

    private static final List<String> BUILT_IN = List.of("blur", "color-grade", "edges", "gray", "interpolate",
            "kaleidoscope", "passthrough");

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> schemas() throws InterruptedException {
        PipelineRegistry pipelines = service(PipelineRegistry.class);
        spinUntil(() -> BUILT_IN.stream().allMatch(id -> pipelines.find(id).isPresent()), "the built-ins are listed");
        return (Map<String, Map<String, Object>>) pipelines.schemas().get("pipelines");
    }

    @Test
    void everyBuiltInFieldGetsTheWidgetItsSchemaCallsFor() throws Exception {
        Map<String, Map<String, Object>> schemas = schemas();
        int checked = 0;
        for (String id : BUILT_IN) {
            Map<String, Object> entry = schemas.get(id);
            for (Object mode : (List<?>) entry.get("supported_modes")) {
                for (String category : List.of(SettingsForm.CONFIGURATION, SettingsForm.INPUT)) {
                    checked += check(id, entry, (String) mode, category);
                }
            }
        }
        assertTrue(checked >= 15, "the built-ins have at least 15 fields with ui: " + checked);
    }

    private int check(String id, Map<String, Object> entry, String mode, String category) {
        SettingsForm form = form(category);
        form.show(List.of(new StageSettings((String) entry.get("name"), id, entry, Map.of(), false)), mode, false);
        List<String> expected = expectedOrder(entry, mode, category);
        assertEquals(expected, fields(form.control(), 0), id + " " + category + " in " + mode);
        for (String key : expected) {
            checkField(form.control(), id, key, property(entry, key), SchemaFields.map(entry.get("config_schema")));
        }
        form.control().dispose();
        return expected.size();
    }

    private static void checkField(Control root, String id, String key, Map<String, Object> p, Map<String, Object> config) {
        String where = id + "." + key;
        String cell = "0/" + key;
        Map<String, Object> ui = SchemaFields.map(p.get("ui"));
        Map<String, Object> target = p.get("$ref") instanceof String ref
                ? SchemaFields.map(SchemaFields.map(config.get("$defs")).get(ref.substring("#/$defs/".length()))) : p;
        String label = ((Label) require(root, cell + "#label")).getText().replace("&", "");
        assertEquals(ui.get("label") != null ? ui.get("label") : p.get("description"), label, where + " label");
        Object tooltip = ((Label) require(root, cell + "#label")).getToolTipText();
        assertEquals(p.get("description"), tooltip, where + " tooltip");
        if (target.get("enum") instanceof List<?> choices) {
            Combo combo = one(root, cell, Combo.class);
            assertEquals(choices, List.of(combo.getItems()), where + " choices");
            assertEquals(p.get("default"), combo.getText(), where + " default");
        } else if ("boolean".equals(p.get("type"))) {
            Button toggle = one(root, cell, Button.class);
            assertTrue((toggle.getStyle() & SWT.CHECK) != 0, where + " is a toggle");
            assertEquals(p.get("default"), toggle.getSelection(), where + " default");
        } else if (p.get("minimum") instanceof Number min && p.get("maximum") instanceof Number max) {
            Scale scale = one(root, cell, Scale.class);
            double step = "integer".equals(p.get("type")) ? 1 : 0.01;
            assertEquals(Math.round((max.doubleValue() - min.doubleValue()) / step), scale.getMaximum(), where + " steps");
            assertEquals(Math.round((((Number) p.get("default")).doubleValue() - min.doubleValue()) / step),
                    scale.getSelection(), where + " default");
            assertEquals(Values.format(p.get("default")), one(root, cell, Text.class).getText(), where + " box");
        } else if ("integer".equals(p.get("type")) || "number".equals(p.get("type"))) {
            assertNotNull(one(root, cell, Spinner.class), where + " stepper");
        } else if ("string".equals(p.get("type"))) {
            assertEquals(p.get("default"), one(root, cell, Text.class).getText(), where + " text");
        } else {
            throw new AssertionError(where + " has a shape this test does not expect: " + p);
        }
        assertFalse(inside(root, cell, Label.class).stream().anyMatch(l -> l.getText().contains("read-only")),
                where + " is not read-only");
    }

    /** @return the keys with ui for this panel and mode, by ui.order then key (worked out from the raw schema) */
    private static List<String> expectedOrder(Map<String, Object> entry, String mode, String category) {
        Map<String, Object> properties = SchemaFields.map(SchemaFields.map(entry.get("config_schema")).get("properties"));
        List<String> keys = new ArrayList<>();
        properties.forEach((key, value) -> {
            Map<String, Object> ui = SchemaFields.map(SchemaFields.map(value).get("ui"));
            boolean shown = !ui.isEmpty() && category.equals(ui.getOrDefault("category", SettingsForm.CONFIGURATION))
                    && (!(ui.get("modes") instanceof List<?> modes) || modes.isEmpty() || modes.contains(mode));
            if (shown) {
                keys.add(key);
            }
        });
        keys.sort(Comparator.comparingDouble((String k) -> SchemaFields.map(property(entry, k).get("ui"))
                .get("order") instanceof Number n ? n.doubleValue() : 999).thenComparing(k -> k));
        return keys;
    }

    private static Map<String, Object> property(Map<String, Object> entry, String key) {
        return SchemaFields.map(SchemaFields.map(SchemaFields.map(entry.get("config_schema")).get("properties")).get(key));
    }

    @Test
    void aChainOfBuiltInsGetsOneSectionPerStage() throws Exception {
        Map<String, Map<String, Object>> schemas = schemas();
        List<StageSettings> chain = new ArrayList<>();
        for (String id : List.of("edges", "kaleidoscope", "color-grade")) {
            chain.add(new StageSettings((String) schemas.get(id).get("name"), id, schemas.get(id), Map.of(), false));
        }
        shell.setSize(760, 1000);
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(chain, "video", true);
        open();
        for (int i = 0; i < chain.size(); i++) {
            assertFalse(fields(form.control(), i).isEmpty(), chain.get(i).pipelineId() + " has fields");
        }
        screenshot(shell, "built-in-chain-settings");
    }
}
