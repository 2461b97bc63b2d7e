package dev.scope.ui.settings.internal;

import java.util.function.ToIntFunction;

import dev.scope.ui.settings.spi.FieldContext;
import dev.scope.ui.settings.spi.FieldRenderer;

/** A built-in renderer ranked by a tester, as the SPI's {@code Testers} compose one. */
abstract class BuiltinRenderer implements FieldRenderer {

    private final ToIntFunction<FieldContext> rank;

    BuiltinRenderer(ToIntFunction<FieldContext> rank) {
        this.rank = rank;
    }

    @Override
    public final int rank(FieldContext field) {
        return rank.applyAsInt(field);
    }
}
