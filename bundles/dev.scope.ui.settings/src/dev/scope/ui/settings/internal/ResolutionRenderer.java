package dev.scope.ui.settings.internal;

import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.osgi.service.component.annotations.Component;

import dev.scope.ui.settings.spi.FieldBinding;
import dev.scope.ui.settings.spi.FieldContext;
import dev.scope.ui.settings.spi.FieldRenderer;

/**
 * {@code ui.component: resolution}: the width and height fields rendered once, as two steppers
 * linked by "Keep aspect ratio" (on at first): with it on, changing one side changes the other in
 * proportion (within the other's bounds).
 */
@Component(service = FieldRenderer.class)
public final class ResolutionRenderer implements FieldRenderer {

    @Override
    public int rank(FieldContext field) {
        return "resolution".equals(field.component()) && field.keys().size() == 2 && side(field, "width") != null
                && side(field, "height") != null ? COMPONENT : NOT_APPLICABLE;
    }

    /** @return the integer key of the group whose name contains {@code side}, or null */
    private static String side(FieldContext field, String side) {
        List<String> keys = field.keys().stream().filter(k -> k.contains(side)
                && "integer".equals(field.schema(k).get("type"))).toList();
        return keys.size() == 1 ? keys.get(0) : null;
    }

    @Override
    public Control create(Composite parent, FieldBinding binding) {
        String widthKey = side(binding, "width");
        String heightKey = side(binding, "height");
        Composite box = Widgets.row(parent, 4);
        Spinner width = spinner(box, binding, widthKey);
        new Label(box, SWT.NONE).setText("\u00d7");
        Spinner height = spinner(box, binding, heightKey);
        Button keep = new Button(box, SWT.CHECK);
        keep.setText("Keep aspect ratio");
        keep.setSelection(true);
        double[] ratio = {ratio(binding, widthKey, heightKey)};
        keep.addListener(SWT.Selection, e -> ratio[0] = ratio(binding, widthKey, heightKey));
        width.addListener(SWT.Selection, e -> changed(binding, width, widthKey, height, heightKey,
                keep.getSelection() ? 1 / ratio[0] : 0));
        height.addListener(SWT.Selection, e -> changed(binding, height, heightKey, width, widthKey,
                keep.getSelection() ? ratio[0] : 0));
        Runnable refresh = () -> {
            width.setSelection(number(binding.value(widthKey)));
            height.setSelection(number(binding.value(heightKey)));
            ratio[0] = ratio(binding, widthKey, heightKey);
        };
        binding.onValueChange(refresh);
        refresh.run();
        Widgets.enable(box, binding.enabled());
        return box;
    }

    private static Spinner spinner(Composite box, FieldBinding binding, String key) {
        Spinner s = new Spinner(box, SWT.BORDER);
        s.setMinimum(bound(binding, key, "minimum", 1));
        s.setMaximum(bound(binding, key, "maximum", 16384));
        s.setToolTipText(binding.schema(key).get("description") instanceof String d ? d : key);
        Widgets.name(s, SchemaFields.titleCase(key));
        return s;
    }

    /** Sends the changed side, and with the ratio kept ({@code factor > 0}) the other side too. */
    private static void changed(FieldBinding binding, Spinner side, String key, Spinner other, String otherKey,
            double factor) {
        if (!binding.set(key, side.getSelection())) {
            side.setSelection(number(binding.value(key)));
            return;
        }
        if (factor > 0) {
            int linked = (int) Math.round(side.getSelection() * factor);
            linked = Math.max(other.getMinimum(), Math.min(other.getMaximum(), linked));
            if (binding.set(otherKey, linked)) {
                other.setSelection(linked);
            }
        }
    }

    private static double ratio(FieldBinding binding, String widthKey, String heightKey) {
        int w = number(binding.value(widthKey));
        int h = number(binding.value(heightKey));
        return w > 0 && h > 0 ? (double) w / h : 1;
    }

    private static int bound(FieldBinding binding, String key, String bound, int none) {
        return binding.schema(key).get(bound) instanceof Number n ? n.intValue() : none;
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }
}
