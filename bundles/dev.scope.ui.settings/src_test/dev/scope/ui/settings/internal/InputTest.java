package dev.scope.ui.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;

import dev.scope.ui.settings.SettingsForm;

/** The form driven by real input events (Display.post): sliders, typing, reset, focus, the keyboard. */
class InputTest extends FormTestBase {

    private SettingsForm showInvert() {
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(stage("invert")), "video", false);
        open();
        return form;
    }

    @Test
    void arrowKeysMoveASliderOneStep() {
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(stage("kitchen-sink")), "video", false);
        open();
        Scale segments = one(form.control(), "0/segments", Scale.class);
        focus(segments);
        key(SWT.ARROW_RIGHT, (char) 0);
        spinUntil(() -> !changes.isEmpty(), "the slider reports a change");
        assertEquals(List.of(new Change(0, "segments", 7)), changes, "6 + one step of 1, as an Integer");
        assertEquals("7", one(form.control(), "0/segments", Text.class).getText());
    }

    @Test
    void aClickOnTheSliderReportsTheValueItShows() {
        SettingsForm form = showInvert();
        Scale scale = one(form.control(), "0/intensity", Scale.class);
        click(scale, scale.getSize().x / 4, scale.getSize().y / 2);
        spinUntil(() -> !changes.isEmpty(), "the slider reports a change");
        Change last = changes.get(changes.size() - 1);
        assertEquals("intensity", last.key());
        double value = (Double) last.value();
        assertTrue(value < 1.0, "moved down from 1: " + value);
        assertEquals(scale.getSelection() / 100.0, value, 1e-9, "the value the slider shows");
        assertEquals(Values.format(value), one(form.control(), "0/intensity", Text.class).getText());
        screenshot(shell, "invert-slider-moved");
    }

    @Test
    void anOutOfRangeNumberIsShownAsAProblemAndNeverSent() {
        SettingsForm form = showInvert();
        Text box = one(form.control(), "0/intensity", Text.class);
        Label message = (Label) require(form.control(), "0/intensity#message");
        focus(box);
        box.selectAll();
        type("5");
        spinUntil(() -> message.isVisible(), "the problem is shown");
        assertEquals("Intensity: 5 is above the maximum 1; expected a number from 0 to 1", message.getText());
        screenshot(shell, "invert-out-of-range");
        key(SWT.CR, '\r');
        key(SWT.TAB, '\t');
        spinUntil(() -> display.getFocusControl() != box, "the focus left the box");
        assertEquals(List.of(), changes, "an invalid value is never sent");
        assertEquals(100, one(form.control(), "0/intensity", Scale.class).getSelection(), "the slider stays");

        focus(box);
        box.selectAll();
        type("0.25");
        key(SWT.CR, '\r');
        spinUntil(() -> !changes.isEmpty(), "the valid value is sent");
        assertEquals(List.of(new Change(0, "intensity", 0.25)), changes);
        assertEquals(25, one(form.control(), "0/intensity", Scale.class).getSelection());
        assertFalse(message.isVisible(), "the problem is gone");
    }

    @Test
    void resetRestoresTheDefault() {
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(stage("kitchen-sink", Map.of("segments", 11), false)), "video", false);
        open();
        Button reset = (Button) require(form.control(), "0/segments#reset");
        assertTrue(reset.isEnabled(), "11 is not the default");
        click(reset);
        spinUntil(() -> !changes.isEmpty(), "reset reports the default");
        assertEquals(List.of(new Change(0, "segments", 6)), changes);
        assertEquals(4, one(form.control(), "0/segments", Scale.class).getSelection());
        assertEquals("6", one(form.control(), "0/segments", Text.class).getText());
        assertFalse(reset.isEnabled(), "at its default again");
    }

    @Test
    void theResolutionKeepsItsAspectRatio() {
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(stage("kitchen-sink", Map.of("width", 640, "height", 360), false)), "video", false);
        open();
        List<Spinner> sides = inside(form.control(), "0/width", Spinner.class);
        focus(sides.get(0));
        key(SWT.ARROW_UP, (char) 0);
        spinUntil(() -> changes.size() == 2, "width and height are sent");
        assertEquals(List.of(new Change(0, "width", 641), new Change(0, "height", 361)), changes,
                "641 / (640 / 360) = 360.6");
        changes.clear();
        Button keep = one(form.control(), "0/width", Button.class);
        click(keep);
        spinUntil(() -> !keep.getSelection(), "the ratio is released");
        focus(sides.get(1));
        key(SWT.ARROW_UP, (char) 0);
        spinUntil(() -> !changes.isEmpty(), "the height is sent");
        assertEquals(List.of(new Change(0, "height", 362)), changes, "the width stays");
    }

    @Test
    void tabReachesEveryField() {
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(stage("kitchen-sink")), "video", false);
        open();
        List<String> expected = fields(form.control(), 0).stream().map(k -> "0/" + k).toList();
        focus(one(form.control(), "0/segments", Scale.class));
        Set<String> visited = new LinkedHashSet<>();
        for (int i = 0; i < 60 && !visited.containsAll(expected); i++) {
            visited.add(fieldOf(display.getFocusControl()));
            Control before = display.getFocusControl();
            key(SWT.TAB, '\t');
            spinUntil(() -> display.getFocusControl() != before, "Tab moves the focus");
        }
        assertTrue(visited.containsAll(expected), "visited " + visited + ", expected " + expected);
    }

    @Test
    void altAndALabelsMnemonicMoveTheFocusToItsField() {
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(stage("kitchen-sink")), "video", false);
        open();
        focus(one(form.control(), "0/segments", Scale.class));
        for (String field : List.of("0/width", "0/mode", "0/gain")) {
            String label = ((Label) require(form.control(), field + "#label")).getText();
            char mnemonic = Character.toLowerCase(label.charAt(label.indexOf('&') + 1));
            org.eclipse.swt.widgets.Event alt = new org.eclipse.swt.widgets.Event();
            alt.type = SWT.KeyDown;
            alt.keyCode = SWT.ALT;
            post(alt);
            key(0, mnemonic);
            alt = new org.eclipse.swt.widgets.Event();
            alt.type = SWT.KeyUp;
            alt.keyCode = SWT.ALT;
            post(alt);
            spinUntil(() -> field.equals(fieldOf(display.getFocusControl())), "Alt+" + mnemonic + " focuses " + field);
        }
        assertEquals(List.of(), changes, "moving the focus changes nothing");
    }

    private static String fieldOf(Control focus) {
        for (Control c = focus; c != null; c = c.getParent()) {
            if (c.getData(SettingsForm.ID) instanceof String id) {
                return id.contains("#") ? id.substring(0, id.indexOf('#')) : id;
            }
        }
        return "none";
    }

    @Test
    void aRebuildGivesTheFocusBackToTheSameField() {
        SettingsForm form = form(SettingsForm.CONFIGURATION);
        form.show(List.of(stage("kitchen-sink")), "video", false);
        open();
        Text strength = one(form.control(), "0/strength", Text.class);
        focus(strength);
        form.show(List.of(stage("kitchen-sink")), "video", true);
        spin();
        Text again = one(form.control(), "0/strength", Text.class);
        assertNotSame(strength, again, "streaming changed: the form was rendered again");
        assertEquals(again, display.getFocusControl());
    }

    @Test
    void promptsAreSentAsTextsWithWeights() {
        SettingsForm form = form(SettingsForm.INPUT);
        form.show(List.of(stage("preprocessor"), stage("kitchen-sink")), "video", false);
        open();
        Text first = (Text) require(form.control(), "prompts/0#text");
        focus(first);
        type("a cat");
        key(SWT.CR, '\r');
        spinUntil(() -> !changes.isEmpty(), "the prompt is sent");
        assertEquals(List.of(new Change(1, SettingsForm.PROMPTS, List.of(Map.of("text", "a cat", "weight", 1.0)))),
                changes, "to the main pipeline (stage 1), not the preprocessor");
        changes.clear();
        Spinner weight = (Spinner) require(form.control(), "prompts/0#weight");
        focus(weight);
        key(SWT.ARROW_UP, (char) 0);
        spinUntil(() -> !changes.isEmpty(), "the weight is sent");
        assertEquals(List.of(Map.of("text", "a cat", "weight", 1.1)), changes.get(0).value());
        changes.clear();
        click(require(form.control(), "prompts#add"));
        spinUntil(() -> find(form.control(), "prompts/1#text") != null, "a second prompt row");
        Text second = (Text) require(form.control(), "prompts/1#text");
        focus(second);
        type("a dog");
        key(SWT.CR, '\r');
        spinUntil(() -> !changes.isEmpty(), "both prompts are sent");
        assertEquals(List.of(Map.of("text", "a cat", "weight", 1.1), Map.of("text", "a dog", "weight", 1.0)),
                changes.get(0).value());
        screenshot(shell, "kitchen-sink-prompts");
        changes.clear();
        click(require(form.control(), "prompts/0#remove"));
        spinUntil(() -> !changes.isEmpty(), "the removal is sent");
        assertEquals(List.of(Map.of("text", "a dog", "weight", 1.0)), changes.get(0).value());
        assertEquals(new ArrayList<>(List.of("a dog")), List.of(((Text) require(form.control(), "prompts/0#text")).getText()));
    }
}
