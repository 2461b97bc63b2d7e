package dev.scope.ui.settings.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;

import dev.scope.ui.settings.FieldRendererRegistry;
import dev.scope.ui.settings.SettingsForm;
import dev.scope.ui.settings.StageSettings;
import dev.scope.ui.settings.internal.SchemaFields.SchemaField;
import dev.scope.ui.settings.spi.FieldRenderer;

/**
 * The section of one chain stage: a group titled with the stage, one {@link FieldRow} per field
 * of this panel, or a note when it has none. A component group that no renderer above the generic
 * one takes is split into its fields.
 */
final class StageSection {

    private final List<Binding> bindings = new ArrayList<>();

    /** Context of one rendering, the same for every section of a form. */
    record Context(String category, String mode, boolean streaming, FieldRendererRegistry registry,
            Mnemonics mnemonics, FormController.Sink sink, Runnable relayout) {
    }

    StageSection(Composite parent, int index, StageSettings stage, Context context) {
        Group group = new Group(parent, SWT.NONE);
        group.setText(stage.loading() ? stage.title() + " (loading\u2026)" : stage.title());
        group.setData(SettingsForm.ID, "stage/" + index);
        group.setLayout(new GridLayout(4, false));
        group.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        Binding.Where where = new Binding.Where(stage.pipelineId(), context.mode(), context.streaming(), stage.loading());
        Binding.Sender sender = (key, value) -> context.sink().send(index, key, value);
        for (List<SchemaField> fields : SchemaFields.groups(stage.schema(), context.category(), context.mode())) {
            Binding binding = new Binding(fields, where, stage.values(), sender);
            List<Binding> rows = fields.size() > 1 && !taken(binding, context.registry())
                    ? fields.stream().map(f -> binding.single(f, stage.values())).toList() : List.of(binding);
            for (Binding b : rows) {
                new FieldRow(group, b, index + "/" + b.key(), context.registry(), context.mnemonics(), context.relayout());
                bindings.add(b);
            }
        }
        if (bindings.isEmpty()) {
            Label note = new Label(group, SWT.NONE);
            note.setText(SettingsForm.INPUT.equals(context.category()) ? "No input controls" : "No settings");
            note.setEnabled(false);
            note.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false, 4, 1));
        }
    }

    /** @return whether a renderer above the generic fallback takes the whole group */
    private static boolean taken(Binding group, FieldRendererRegistry registry) {
        return registry.candidates(group).stream().findFirst().map(r -> {
            try {
                return r.rank(group) > FieldRenderer.GENERIC;
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }).orElse(false);
    }

    List<Binding> bindings() {
        return bindings;
    }
}
