package dev.scope.ui.settings.internal;


import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.osgi.service.component.annotations.Component;

import dev.scope.ui.settings.spi.FieldBinding;
import dev.scope.ui.settings.spi.FieldRenderer;
import dev.scope.ui.settings.spi.Testers;

/** A {@code boolean}: a toggle (a check box; {@code null} shows as off). */
@Component(service = FieldRenderer.class)
public final class ToggleRenderer extends BuiltinRenderer {

    /** Registered by DS. */
    public ToggleRenderer() {
        super(Testers.rankWith(TYPED,
            Testers.and(Testers.schemaTypeIs("boolean"), Testers.isSingle(), Testers.not(Testers.isEnum()))));
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
        return Widgets.bind(toggle, binding, refresh);
    }
}
