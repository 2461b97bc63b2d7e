package dev.scope.ui.settings.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import dev.scope.ui.settings.SettingsForm;

/**
 * The prompts of a main pipeline that {@code supports_prompts}: a list of texts with weights,
 * sent as the runtime parameter {@code prompts} in Scope's shape
 * {@code [{"text": ..., "weight": ...}]} (weights are non-negative, 1 by default; prompts without
 * text are not sent). A change is sent on Enter or leaving a text, on a weight step, on remove.
 */
final class PromptsEditor {

    private static final double DEFAULT_WEIGHT = 1.0;

    /** One prompt while edited. */
    private static final class Item {
        String text;
        double weight;

        Item(String text, double weight) {
            this.text = text;
            this.weight = weight;
        }
    }

    private final Composite rows;
    private final boolean enabled;
    private final Consumer<Object> send;
    private final Runnable relayout;
    private final List<Item> items = new ArrayList<>();
    private Object sent;

    PromptsEditor(Composite parent, Object value, boolean enabled, Consumer<Object> send, Mnemonics mnemonics,
            Runnable relayout) {
        this.enabled = enabled;
        this.send = send;
        this.relayout = relayout;
        Group group = new Group(parent, SWT.NONE);
        group.setText("Prompts");
        group.setData(SettingsForm.ID, "prompts");
        group.setLayout(new GridLayout(1, false));
        group.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        rows = Widgets.row(group, 3);
        rows.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Button add = new Button(group, SWT.PUSH);
        add.setText(mnemonics.assign("Add prompt"));
        add.setData(SettingsForm.ID, "prompts#add");
        add.setEnabled(enabled);
        add.addListener(SWT.Selection, e -> {
            items.add(new Item("", DEFAULT_WEIGHT));
            build();
            ((Control) rows.getChildren()[rows.getChildren().length - 3]).setFocus();
        });
        take(value);
        sent = value();
        build();
    }

    /** Takes new values from the engine unless they are what is shown. */
    void refresh(Object value) {
        if (value != null && !value.equals(value())) {
            take(value);
            sent = value();
            build();
        }
    }

    private void take(Object value) {
        items.clear();
        if (value instanceof List<?> list) {
            for (Object o : list) {
                Map<String, Object> m = SchemaFields.map(o);
                if (m.get("text") instanceof String t) {
                    items.add(new Item(t, m.get("weight") instanceof Number w ? w.doubleValue() : DEFAULT_WEIGHT));
                }
            }
        }
        if (items.isEmpty()) {
            items.add(new Item("", DEFAULT_WEIGHT));
        }
    }

    /** @return the prompts in Scope's shape, those with text only */
    private List<Map<String, Object>> value() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Item item : items) {
            if (!item.text.isBlank()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("text", item.text);
                m.put("weight", item.weight);
                out.add(m);
            }
        }
        return out;
    }

    private void changed() {
        List<Map<String, Object>> now = value();
        if (!now.equals(sent)) {
            sent = now;
            send.accept(now);
        }
    }

    private void build() {
        for (Control c : rows.getChildren()) {
            c.dispose();
        }
        for (int i = 0; i < items.size(); i++) {
            row(i, items.get(i));
        }
        relayout.run();
    }

    private void row(int index, Item item) {
        String id = "prompts/" + index;
        Text text = new Text(rows, SWT.BORDER | SWT.SINGLE);
        text.setLayoutData(Widgets.fill());
        text.setText(item.text);
        text.setMessage("Prompt " + (index + 1));
        text.setData(SettingsForm.ID, id + "#text");
        text.setToolTipText("Prompt text; Enter sends it");
        Widgets.name(text, "Prompt " + (index + 1));
        Runnable commit = () -> {
            if (!text.isDisposed()) {
                item.text = text.getText();
                changed();
            }
        };
        text.addListener(SWT.DefaultSelection, e -> commit.run());
        text.addListener(SWT.FocusOut, e -> commit.run());
        Spinner weight = new Spinner(rows, SWT.BORDER);
        weight.setDigits(2);
        weight.setMinimum(0);
        weight.setMaximum(10_000);
        weight.setIncrement(10);
        weight.setSelection((int) Math.round(item.weight * 100));
        weight.setData(SettingsForm.ID, id + "#weight");
        weight.setToolTipText("Weight of this prompt in the blend (0 or more)");
        Widgets.name(weight, "Weight of prompt " + (index + 1));
        weight.addListener(SWT.Selection, e -> {
            item.weight = weight.getSelection() / 100.0;
            changed();
        });
        Button remove = new Button(rows, SWT.PUSH);
        remove.setText("\u2212");
        remove.setData(SettingsForm.ID, id + "#remove");
        remove.setToolTipText("Remove this prompt");
        Widgets.name(remove, "Remove prompt " + (index + 1));
        remove.addListener(SWT.Selection, e -> {
            items.remove(item);
            if (items.isEmpty()) {
                items.add(new Item("", DEFAULT_WEIGHT));
            }
            rows.getDisplay().asyncExec(() -> {
                if (!rows.isDisposed()) {
                    build();
                    changed();
                }
            });
        });
        for (Control c : new Control[] {text, weight, remove}) {
            c.setEnabled(enabled);
        }
    }
}
