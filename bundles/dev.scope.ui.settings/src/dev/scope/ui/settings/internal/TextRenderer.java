package dev.scope.ui.settings.internal;

import java.util.function.Consumer;
import java.util.function.ToIntFunction;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.component.annotations.Component;

import dev.scope.ui.settings.spi.FieldBinding;
import dev.scope.ui.settings.spi.FieldContext;
import dev.scope.ui.settings.spi.FieldRenderer;
import dev.scope.ui.settings.spi.Testers;

/** A {@code string}: a one-line text box, sent on Enter or when the box is left. */
@Component(service = FieldRenderer.class)
public final class TextRenderer implements FieldRenderer {

    private static final ToIntFunction<FieldContext> RANK = Testers.rankWith(TYPED,
            Testers.and(Testers.schemaTypeIs("string"), f -> f.keys().size() == 1, Testers.not(Testers.isEnum())));

    @Override
    public int rank(FieldContext field) {
        return RANK.applyAsInt(field);
    }

    @Override
    public Control create(Composite parent, FieldBinding binding) {
        Text text = new Text(parent, SWT.BORDER | SWT.SINGLE);
        Consumer<String> show = Widgets.entry(text, binding, () -> {
        });
        Runnable refresh = () -> show.accept(binding.value() == null ? "" : String.valueOf(binding.value()));
        binding.onValueChange(refresh);
        refresh.run();
        Widgets.name(text, binding.label());
        text.setEnabled(binding.enabled());
        return text;
    }
}
