package dev.scope.ui.settings.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.osgi.service.component.annotations.Component;

import dev.scope.ui.settings.spi.FieldBinding;
import dev.scope.ui.settings.spi.FieldRenderer;
import dev.scope.ui.settings.spi.Testers;

/** An {@code enum} (also through {@code $ref}): a read-only dropdown of the values, "(none)" first when nullable. */
@Component(service = FieldRenderer.class)
public final class DropdownRenderer extends BuiltinRenderer {

    /** The entry shown for {@code null}. */
    static final String NONE = "(none)";

    /** Registered by DS. */
    public DropdownRenderer() {
        super(Testers.rankWith(TYPED, Testers.isEnum()));
    }

    @Override
    public Control create(Composite parent, FieldBinding binding) {
        List<Object> choices = new ArrayList<>();
        if (binding.nullable()) {
            choices.add(null);
        }
        choices.addAll((List<?>) binding.schema().get("enum"));
        Combo combo = new Combo(parent, SWT.DROP_DOWN | SWT.READ_ONLY);
        for (Object c : choices) {
            combo.add(c == null ? NONE : Values.format(c));
        }
        Runnable refresh = () -> {
            for (int i = 0; i < choices.size(); i++) {
                if (Values.same(choices.get(i), binding.value())) {
                    combo.select(i);
                    return;
                }
            }
            combo.deselectAll();
        };
        combo.addListener(SWT.Selection, e -> {
            int i = combo.getSelectionIndex();
            if (i >= 0 && !binding.set(choices.get(i))) {
                refresh.run();
            }
        });
        return Widgets.bind(combo, binding, refresh);
    }
}
