package dev.scope.ui.settings.internal;

import java.math.BigDecimal;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.component.annotations.Component;

import dev.scope.ui.settings.spi.FieldBinding;
import dev.scope.ui.settings.spi.FieldContext;
import dev.scope.ui.settings.spi.FieldRenderer;
import dev.scope.ui.settings.spi.Testers;

/**
 * An integer or number with both {@code minimum} and {@code maximum}: a slider (an SWT
 * {@link Scale}, moved by mouse or arrow keys) and a numeric box beside it. The slider moves in
 * steps of 1 for integers and 0.01 for numbers; the box takes any value the schema allows.
 */
@Component(service = FieldRenderer.class)
public final class SliderRenderer extends BuiltinRenderer {

    /** Registered by DS. */
    public SliderRenderer() {
        super(Testers.rankWith(TYPED, Testers.and(Testers.isRange(), Testers.not(Testers.isEnum()))));
    }

    @Override
    public Control create(Composite parent, FieldBinding binding) {
        Steps steps = Steps.of(binding);
        Composite box = Widgets.row(parent, 2);
        Scale scale = new Scale(box, SWT.HORIZONTAL);
        scale.setLayoutData(Widgets.fill());
        scale.setMinimum(0);
        scale.setMaximum(steps.count());
        scale.setIncrement(1);
        scale.setPageIncrement(Math.max(1, steps.count() / 10));
        Text number = new Text(box, SWT.BORDER | SWT.SINGLE | SWT.RIGHT);
        number.setLayoutData(Widgets.chars(number, 9));
        Consumer<String> show = Widgets.entry(number, binding,
                () -> scale.setSelection(steps.position(binding.value())));
        scale.addListener(SWT.Selection, e -> {
            Object value = steps.value(scale.getSelection());
            if (binding.set(value)) {
                show.accept(Widgets.shown(binding.value()));
            }
        });
        Runnable refresh = () -> {
            scale.setSelection(steps.position(binding.value()));
            show.accept(Widgets.shown(binding.value()));
        };
        binding.onValueChange(refresh);
        refresh.run();
        Widgets.name(scale, binding.label());
        Widgets.name(number, binding.label() + " value");
        Widgets.enable(box, binding.enabled());
        return box;
    }

    /**
     * The slider's scale: {@code count} steps of {@code step} from {@code min}. A range of more
     * than a million steps is covered in a million coarser steps (the box stays exact).
     */
    record Steps(BigDecimal min, BigDecimal step, int count, boolean integer, double max) {

        private static final int MAX_STEPS = 1_000_000;

        static Steps of(FieldContext field) {
            boolean integer = "integer".equals(field.type());
            double min = ((Number) field.schema().get("minimum")).doubleValue();
            double max = ((Number) field.schema().get("maximum")).doubleValue();
            BigDecimal step = integer ? BigDecimal.ONE : new BigDecimal("0.01");
            double count = Math.max(1, Math.ceil((max - min) / step.doubleValue() - 1e-9));
            if (count > MAX_STEPS) {
                step = BigDecimal.valueOf((max - min) / MAX_STEPS);
                count = MAX_STEPS;
            }
            return new Steps(BigDecimal.valueOf(min), step, (int) count, integer, max);
        }

        int position(Object value) {
            if (!(value instanceof Number n)) {
                return 0;
            }
            double p = (n.doubleValue() - min.doubleValue()) / step.doubleValue();
            return (int) Math.max(0, Math.min(count, Math.round(p)));
        }

        Object value(int position) {
            double v = position >= count ? max : min.add(step.multiply(BigDecimal.valueOf(position))).doubleValue();
            return integer ? (Object) Math.round(v) : (Object) v;
        }
    }
}
