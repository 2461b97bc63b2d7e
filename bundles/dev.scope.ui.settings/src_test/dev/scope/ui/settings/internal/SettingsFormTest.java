package dev.scope.ui.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

import dev.scope.ui.settings.SettingsForm;

/** The widgets the form builds from fixture schemas: kinds, ranges, steps, order, labels, states. */
class SettingsFormTest extends FormTestBase {

    @Test
    void goldenInvertGetsAnIntensitySliderWithANumericBox() {
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(stage("invert")), "video", false);
        open();
        Control root = form.control();
        assertEquals("Invert Colors", ((Group) require(root, "stage/0")).getText());
        assertEquals(List.of("intensity"), fields(root, 0));
        Scale scale = one(root, "0/intensity", Scale.class);
        assertEquals(0, scale.getMinimum());
        assertEquals(100, scale.getMaximum(), "0..1 in steps of 0.01");
        assertEquals(1, scale.getIncrement());
        assertEquals(100, scale.getSelection(), "the default, 1");
        assertEquals("1", one(root, "0/intensity", Text.class).getText());
        Label label = (Label) require(root, "0/intensity#label");
        assertEquals("&Intensity", label.getText(), "ui.label with a mnemonic");
        String description = "How strongly to invert the colors (0 = original, 1 = fully inverted)";
        assertEquals(description, label.getToolTipText());
        assertEquals(description, scale.getToolTipText());
        assertTrue(scale.isEnabled());
        assertFalse(require(root, "0/intensity#reset").isEnabled(), "at its default: nothing to reset");
        assertEquals("", ((Label) require(root, "0/intensity#badge")).getText(), "a runtime parameter");
        screenshot(shell, "golden-invert-settings");
    }

    @Test
    void goldenInvertHasNoInputControlsAndNoPrompts() {
        SettingsForm form = form(SettingsForm.INPUT);
        form.show(List.of(stage("invert")), "video", false);
        open();
        assertNull(find(form.control(), "prompts"), "invert does not support prompts");
        assertEquals(List.of(), fields(form.control(), 0));
        assertTrue(inside(form.control(), "stage/0", Label.class).stream().anyMatch(l -> l.getText().equals("No input controls")));
    }

    @Test
    void goldenColorGeneratorShowsNoField() {
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(stage("color-generator")), "text", false);
        open();
        assertEquals("Color Generator", ((Group) require(form.control(), "stage/0")).getText());
        assertEquals(List.of(), fields(form.control(), 0), "no property of the golden schema has ui");
        assertTrue(inside(form.control(), "stage/0", Label.class).stream().anyMatch(l -> l.getText().equals("No settings")));
        screenshot(shell, "golden-color-generator-settings");
    }

    @Test
    void everyShapeGetsItsWidgetInOrder() {
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(stage("kitchen-sink")), "video", false);
        open();
        Control root = form.control();
        assertEquals(list("segments", "strength", "mode", "style", "line_art", "seed", "title_text", "width",
                "denoise_steps", "noise_scale", "lost_ref", "gain"), fields(root, 0));
        Scale segments = one(root, "0/segments", Scale.class);
        assertEquals(22, segments.getMaximum(), "2..24 in steps of 1");
        assertEquals(4, segments.getSelection(), "the default 6 is step 4");
        assertEquals(400, one(root, "0/strength", Scale.class).getMaximum(), "0..4 in steps of 0.01");
        Combo mode = one(root, "0/mode", Combo.class);
        assertEquals(list("sobel", "lineart"), List.of(mode.getItems()), "a $ref enum is a dropdown");
        assertEquals("sobel", mode.getText());
        Combo style = one(root, "0/style", Combo.class);
        assertEquals(list(DropdownRenderer.NONE, "pencil", "ink"), List.of(style.getItems()), "nullable: (none) first");
        assertEquals(0, style.getSelectionIndex());
        Button lineArt = one(root, "0/line_art", Button.class);
        assertTrue((lineArt.getStyle() & SWT.CHECK) != 0, "a boolean is a toggle");
        assertFalse(lineArt.getSelection());
        Spinner seed = one(root, "0/seed", Spinner.class);
        assertEquals(0, seed.getMinimum());
        assertEquals(42, seed.getSelection());
        assertEquals(0, seed.getDigits(), "an integer stepper");
        assertEquals("load", ((Label) require(root, "0/seed#badge")).getText());
        Spinner gain = one(root, "0/gain", Spinner.class);
        assertEquals(2, gain.getDigits(), "a number stepper in steps of 0.01");
        assertEquals(150, gain.getSelection());
        assertEquals("hello", one(root, "0/title_text", Text.class).getText());
        assertEquals("Title Text", ((Label) require(root, "0/title_text#label")).getText().replace("&", ""),
                "the key in title case, lacking ui.label and description");
        List<Spinner> resolution = inside(root, "0/width", Spinner.class);
        assertEquals(2, resolution.size(), "width and height, rendered once");
        assertEquals(List.of(512, 288), resolution.stream().map(Spinner::getSelection).toList());
        assertNull(find(root, "0/height"), "height is part of the resolution widget");
        Scale noise = one(root, "0/noise_scale", Scale.class);
        assertEquals(100, noise.getMaximum(), "a nullable anyOf uses its number variant");
        assertEquals("", one(root, "0/noise_scale", Text.class).getText(), "null shows as empty");
        assertReadOnly(root, "0/denoise_steps", "[1000, 750]", "a list of integer values");
        assertReadOnly(root, "0/lost_ref", "\"x\"", "#/$defs/Missing");
        for (String absent : list("0/hidden_value", "0/text_only", "0/color", "0/speed")) {
            assertNull(find(root, absent), absent + " is not in this panel");
        }
        screenshot(shell, "kitchen-sink-settings");
    }

    private static void assertReadOnly(Control root, String id, String value, String reason) {
        Text text = one(root, id, Text.class);
        assertEquals(value, text.getText());
        assertFalse(text.getEditable(), id + " is read-only");
        assertTrue(text.getToolTipText().contains(reason), text.getToolTipText());
        assertTrue(inside(root, id, Label.class).stream().anyMatch(l -> l.getText().contains("read-only")));
    }

    @Test
    void theInputModeFiltersFields() {
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(stage("kitchen-sink")), "text", false);
        open();
        assertTrue(fields(form.control(), 0).contains("text_only"));
        assertFalse(fields(form.control(), 0).contains("noise_scale"), "ui.modes is [video]");
    }

    @Test
    void theInputPanelHoldsInputFieldsBelowThePrompts() {
        SettingsForm form = form(SettingsForm.INPUT);
        form.show(List.of(stage("kitchen-sink")), "video", false);
        open();
        Control[] children = ((org.eclipse.swt.widgets.Composite) ((org.eclipse.swt.custom.ScrolledComposite) form.control())
                .getContent()).getChildren();
        assertEquals("prompts", children[0].getData(SettingsForm.ID), "the prompts come first");
        assertEquals(list("color", "speed"), fields(form.control(), 0));
        assertEquals(9, one(form.control(), "0/speed", Scale.class).getMaximum());
        assertEquals("Animation speed", ((Label) require(form.control(), "0/speed#label")).getText().replace("&", ""),
                "the description, lacking ui.label");
        screenshot(shell, "kitchen-sink-input");
    }

    @Test
    void loadParametersAreDisabledWhileStreamingAndEverythingWhileLoading() {
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(stage("kitchen-sink")), "video", true);
        open();
        Control root = form.control();
        assertFalse(one(root, "0/seed", Spinner.class).isEnabled(), "a load parameter while streaming");
        assertTrue(inside(root, "0/width", Spinner.class).stream().noneMatch(Control::isEnabled));
        assertTrue(one(root, "0/segments", Scale.class).isEnabled(), "a runtime parameter while streaming");
        assertTrue(((Label) require(root, "0/seed#badge")).getToolTipText().contains("locked while streaming"));

        form.show(List.of(stage("kitchen-sink", Map.of(), true)), "video", false);
        assertTrue(((Group) require(root, "stage/0")).getText().endsWith("(loading\u2026)"));
        for (String id : list("0/segments", "0/strength", "0/mode", "0/line_art", "0/seed", "0/title_text", "0/width")) {
            assertTrue(inside(root, id, Control.class).stream().filter(c -> !(c instanceof org.eclipse.swt.widgets.Composite)
                    || c instanceof Spinner || c instanceof Combo).noneMatch(Control::isEnabled), id + " while loading");
        }
        screenshot(shell, "kitchen-sink-loading");
    }

    @Test
    void onlyValuesChangedUpdatesTheWidgetsInPlace() {
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(stage("invert")), "video", false);
        Scale before = one(form.control(), "0/intensity", Scale.class);
        form.show(List.of(stage("invert", Map.of("intensity", 0.3), false)), "video", false);
        assertSame(before, one(form.control(), "0/intensity", Scale.class), "no re-render");
        assertEquals(30, before.getSelection());
        assertEquals("0.3", one(form.control(), "0/intensity", Text.class).getText());
        assertTrue(require(form.control(), "0/intensity#reset").isEnabled());
        assertEquals(List.of(), changes, "values from the engine are not reported back");
    }

    @Test
    void severalStagesGetOneSectionEach() {
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(stage("preprocessor"), stage("invert")), "video", false);
        assertEquals("Sharpen", ((Group) require(form.control(), "stage/0")).getText());
        assertEquals(list("amount"), fields(form.control(), 0));
        assertEquals(list("intensity"), fields(form.control(), 1));
    }

    @Test
    void everyLabelHasItsOwnMnemonic() {
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(stage("kitchen-sink"), stage("preprocessor")), "video", false);
        List<Character> mnemonics = FocusMemory.controls(form.control()).stream()
                .filter(c -> c instanceof Label l && l.getText().matches(".*&[^&].*"))
                .map(c -> Character.toLowerCase(((Label) c).getText().replace("&&", "").charAt(
                        ((Label) c).getText().replace("&&", "").indexOf('&') + 1)))
                .toList();
        assertEquals(13, mnemonics.size(), "12 fields of the kitchen sink, 1 of the preprocessor: " + mnemonics);
        assertEquals(mnemonics.size(), mnemonics.stream().distinct().count(), "distinct: " + mnemonics);
    }

    @Test
    void badArgumentsAreRefusedWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SettingsForm(shell, registry, "advanced"));
        assertEquals("category advanced is not one of configuration, input", e.getMessage());
    }
}
