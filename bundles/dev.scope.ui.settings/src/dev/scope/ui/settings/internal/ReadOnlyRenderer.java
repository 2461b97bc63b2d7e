package dev.scope.ui.settings.internal;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.component.annotations.Component;

import dev.scope.ui.settings.spi.FieldBinding;
import dev.scope.ui.settings.spi.FieldContext;
import dev.scope.ui.settings.spi.FieldRenderer;

/**
 * Any field: its value, read-only, and a warning naming the shape no widget exists for. It ranks
 * lowest, so it shows only where nothing else applies (an array, an object, a reference that names
 * nothing); the form also falls back to it when every other renderer failed.
 */
@Component(service = FieldRenderer.class)
public final class ReadOnlyRenderer implements FieldRenderer {

    @Override
    public int rank(FieldContext field) {
        return GENERIC;
    }

    @Override
    public Control create(Composite parent, FieldBinding binding) {
        Composite box = Widgets.row(parent, 2);
        Text value = new Text(box, SWT.BORDER | SWT.SINGLE | SWT.READ_ONLY);
        value.setLayoutData(Widgets.fill());
        Label warning = new Label(box, SWT.NONE);
        warning.setText("\u26a0 read-only");
        warning.setForeground(box.getDisplay().getSystemColor(SWT.COLOR_DARK_YELLOW));
        String why = "No widget for " + shape(binding.schema()) + ": shown read-only";
        warning.setToolTipText(why);
        value.setToolTipText(why);
        Runnable refresh = () -> value.setText(binding.keys().size() == 1 ? text(binding.value())
                : binding.keys().stream().map(k -> k + " = " + text(binding.value(k))).collect(Collectors.joining(", ")));
        binding.onValueChange(refresh);
        refresh.run();
        Widgets.name(value, binding.label() + " (read-only: " + why + ")");
        return box;
    }

    /** @return the schema's shape in words, for the warning */
    static String shape(Map<String, Object> schema) {
        if (schema.get("$ref") instanceof String ref) {
            return "a reference " + ref + " that names no definition";
        }
        Object type = schema.get("type");
        if ("array".equals(type)) {
            Object items = SchemaFields.map(schema.get("items")).get("type");
            return items == null ? "a list" : "a list of " + items + " values";
        }
        if ("object".equals(type)) {
            return "an object";
        }
        return type == null ? "a schema without a type" : "the type " + type;
    }

    /** @return a JSON-like value as compact text */
    static String text(Object value) {
        if (value == null) {
            return "none";
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ReadOnlyRenderer::text).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> map) {
            return map.entrySet().stream().map(e -> e.getKey() + ": " + text(e.getValue()))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        return Values.format(value);
    }
}
