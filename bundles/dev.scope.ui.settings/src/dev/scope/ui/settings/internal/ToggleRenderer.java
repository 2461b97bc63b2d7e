package dev.scope.ui.settings.internal;

import java.util.function.ToIntFunction;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.osgi.service.component.annotations.Component;

import dev.scope.ui.settings.spi.FieldBinding;
import dev.scope.ui.settings.spi.FieldContext;
import dev.scope.ui.settings.spi.FieldRenderer;
import dev.scope.ui.settings.spi.Testers;

/** A {@code boolean}: a toggle (a check box; {@code null} shows as off). */
@Component(service = FieldRenderer.class)
public final class ToggleRenderer implements FieldRenderer {

    private static final ToIntFunction<FieldContext> RANK = Testers.rankWith(TYPED,
            Testers.and(Testers.schemaTypeIs("boolean"), f -> f.keys().size() == 1, Testers.not(Testers.isEnum())));

    @Override
    public int rank(FieldContext field) {
        return RANK.applyAsInt(field);
    }

    @Override
    public Control create(Composite parent, FieldBinding binding) {
        Button toggle = new Button(parent, SWT.CHECK);
        Runnable refresh = () -> toggle.setSelection(Boolean.TRUE.equals(binding.value()));
        toggle.addListener(SWT.Selection, e -> {
            if (!binding.set(toggle.getSelection())) {
                refresh.run();
            }
        });
        binding.onValueChange(refresh);
        refresh.run();
        Widgets.name(toggle, binding.label());
        toggle.setEnabled(binding.enabled());
        return toggle;
    }
}
