package dev.scope.schema.internal;

import java.lang.reflect.Field;
import java.util.List;

import dev.scope.schema.ParamSpec;

/**
 * A parameter and the Java fields that hold it.
 *
 * @param spec the public description
 * @param kind the field's shape
 * @param itemKind for {@link Kind#LIST}: the items' shape; otherwise {@code null}
 * @param enumType for {@link Kind#ENUM}: the enum class; otherwise {@code null}
 * @param fields the field in the most derived class first, then fields it hides (a subclass
 *        that re-declares a base field to show it); a value is written to all of them
 */
public record Binding(ParamSpec spec, Kind kind, Kind itemKind, Class<?> enumType, List<Field> fields) {

    /** @return the same binding with the normalized default in its spec */
    Binding withDefault(Object defaultValue) {
        ParamSpec s = spec;
        return new Binding(new ParamSpec(s.key(), s.fieldName(), s.type(), s.itemType(), s.nullable(), defaultValue,
                s.minimum(), s.maximum(), s.choices(), s.description(), s.title(), s.ui()), kind, itemKind, enumType,
                fields);
    }

    /** @return the schema name */
    public String key() {
        return spec.key();
    }
}
