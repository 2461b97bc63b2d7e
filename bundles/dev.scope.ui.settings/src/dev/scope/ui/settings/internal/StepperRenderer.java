package dev.scope.ui.settings.internal;

import java.math.BigDecimal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Spinner;
import org.osgi.service.component.annotations.Component;

import dev.scope.ui.settings.spi.FieldBinding;
import dev.scope.ui.settings.spi.FieldContext;
import dev.scope.ui.settings.spi.FieldRenderer;
import dev.scope.ui.settings.spi.Testers;

/**
 * An integer or number without both bounds: a number stepper (an SWT {@link Spinner}), steps of 1
 * for integers and 0.01 for numbers (finer when the schema's values have more decimals), limited
 * by the bound the schema has.
 */
@Component(service = FieldRenderer.class)
public final class StepperRenderer extends BuiltinRenderer {

    /** Registered by DS. */
    public StepperRenderer() {
        super(Testers.rankWith(TYPED, Testers.and(
            Testers.or(Testers.schemaTypeIs("integer"), Testers.schemaTypeIs("number")),
            Testers.isSingle(), Testers.not(Testers.isRange()), Testers.not(Testers.isEnum()))));
    }

    @Override
    public Control create(Composite parent, FieldBinding binding) {
        Spinner spinner = new Spinner(parent, SWT.BORDER);
        int digits = "integer".equals(binding.type()) ? 0 : digits(binding);
        double scale = Math.pow(10, digits);
        spinner.setDigits(digits);
        spinner.setMinimum(limit(binding, "minimum", "exclusiveMinimum", scale, Integer.MIN_VALUE));
        spinner.setMaximum(limit(binding, "maximum", "exclusiveMaximum", scale, Integer.MAX_VALUE));
        spinner.setIncrement(digits == 0 ? 1 : (int) Math.max(1, scale / 100));
        Runnable refresh = () -> {
            if (binding.value() instanceof Number n) {
                spinner.setSelection((int) Math.round(n.doubleValue() * scale));
            }
        };
        spinner.addListener(SWT.Modify,
                e -> binding.check(spinner.getText()).ifPresentOrElse(binding::setError, binding::clearError));
        spinner.addListener(SWT.Selection, e -> {
            double v = spinner.getSelection() / scale;
            binding.set(digits == 0 ? (Object) Math.round(v) : (Object) v);
        });
        return Widgets.bind(spinner, binding, refresh);
    }

    /** @return at least 2 decimals, more (up to 6) when the default or a bound has them */
    private static int digits(FieldContext field) {
        int digits = 2;
        for (String key : new String[] {"default", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}) {
            if (field.schema().get(key) instanceof Number n && Double.isFinite(n.doubleValue())) {
                digits = Math.max(digits, Math.min(6, BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().scale()));
            }
        }
        return digits;
    }

    private static int limit(FieldContext field, String inclusive, String exclusive, double scale, int none) {
        double bound;
        if (field.schema().get(inclusive) instanceof Number n) {
            bound = n.doubleValue();
        } else if (field.schema().get(exclusive) instanceof Number n) {
            bound = n.doubleValue() + (none < 0 ? 1 : -1) / scale;
        } else {
            return none;
        }
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, Math.round(bound * scale)));
    }
}
