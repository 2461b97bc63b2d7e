package dev.scope.ui.settings.internal;

import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.component.annotations.Component;

import dev.scope.ui.settings.spi.FieldBinding;
import dev.scope.ui.settings.spi.FieldRenderer;
import dev.scope.ui.settings.spi.Testers;

/** A {@code string}: a one-line text box, sent on Enter or when the box is left. */
@Component(service = FieldRenderer.class)
public final class TextRenderer extends BuiltinRenderer {

    /** Registered by DS. */
    public TextRenderer() {
        super(Testers.rankWith(TYPED,
            Testers.and(Testers.schemaTypeIs("string"), Testers.isSingle(), Testers.not(Testers.isEnum()))));
    }

    @Override
    public Control create(Composite parent, FieldBinding binding) {
        Text text = new Text(parent, SWT.BORDER | SWT.SINGLE);
        Consumer<String> show = Widgets.entry(text, binding, () -> {
        });
        Runnable refresh = () -> show.accept(binding.value() == null ? "" : String.valueOf(binding.value()));
        return Widgets.bind(text, binding, refresh);
    }
}
