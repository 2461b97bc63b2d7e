package dev.scope.schema.internal;

import java.util.List;

/** The Java shape of a parameter field, which decides its schema type and its normalized form. */
public enum Kind {
    /** int or Integer: normalized to Integer. */
    INT("integer"),
    /** long or Long: normalized to Long. */
    LONG("integer"),
    /** float or Float: normalized to Double. */
    FLOAT("number"),
    /** double or Double: normalized to Double. */
    DOUBLE("number"),
    /** boolean or Boolean. */
    BOOLEAN("boolean"),
    /** String, with or without choices. */
    STRING("string"),
    /** List of one of the item kinds. */
    LIST("array"),
    /** A Java enum, written as its lower-case constant name. */
    ENUM("enum");

    private final String schemaType;

    Kind(String schemaType) {
        this.schemaType = schemaType;
    }

    /** @return {@code integer}, {@code number}, {@code boolean}, {@code string}, {@code array} or {@code enum} */
    public String schemaType() {
        return schemaType;
    }

    /** @return whether values are integers */
    public boolean integral() {
        return this == INT || this == LONG;
    }

    /** @return whether min/max apply */
    public boolean numeric() {
        return integral() || this == FLOAT || this == DOUBLE;
    }

    /** @return the kind of a field's raw type, or {@code null} when it is not supported */
    public static Kind ofField(Class<?> raw) {
        if (raw.isEnum()) {
            return ENUM;
        }
        if (raw == List.class) {
            return LIST;
        }
        if (raw == String.class) {
            return STRING;
        }
        return ofBoxed(raw.isPrimitive() ? box(raw) : raw);
    }

    /** @return the kind of a List's item class, or {@code null} when it is not supported */
    public static Kind ofItem(Class<?> item) {
        return item == String.class ? STRING : item == Float.class ? null : ofBoxed(item);
    }

    private static Kind ofBoxed(Class<?> type) {
        if (type == Integer.class) {
            return INT;
        }
        if (type == Long.class) {
            return LONG;
        }
        if (type == Float.class) {
            return FLOAT;
        }
        if (type == Double.class) {
            return DOUBLE;
        }
        return type == Boolean.class ? BOOLEAN : null;
    }

    private static Class<?> box(Class<?> primitive) {
        if (primitive == int.class) {
            return Integer.class;
        }
        if (primitive == long.class) {
            return Long.class;
        }
        if (primitive == float.class) {
            return Float.class;
        }
        if (primitive == double.class) {
            return Double.class;
        }
        return primitive == boolean.class ? Boolean.class : primitive;
    }
}
