package dev.scope.pipeline.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable snapshot of named parameter values: the Java form of Scope's {@code **kwargs}.
 *
 * <p>Keys are the schema's parameter names ({@code snake_case}, e.g. {@code color_r}). Values are
 * JSON-like: {@link Number}, {@link Boolean}, {@link String}, {@link List}, {@link Map}, or
 * {@code null}; extra outputs of earlier stages may add other objects. The typed getters convert
 * between number types and fall back to the given default when the key is absent or
 * {@code null}.
 *
 * <p>Thread-safe (immutable).
 */
public final class Params {

    private static final Params EMPTY = new Params(Map.of());

    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = values;
    }

    /** @return the empty snapshot */
    public static Params empty() {
        return EMPTY;
    }

    /**
     * @param values the values to copy; {@code null} values are kept
     * @return a snapshot of a copy of the map, in its iteration order
     */
    public static Params of(Map<String, ?> values) {
        return values.isEmpty() ? EMPTY : new Params(Collections.unmodifiableMap(new LinkedHashMap<>(values)));
    }

    /**
     * @param key a parameter name
     * @param value its value
     * @return a new snapshot with the value set (replacing any earlier one)
     */
    public Params with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(Objects.requireNonNull(key, "key"), value);
        return new Params(Collections.unmodifiableMap(copy));
    }

    /**
     * @param other values that take precedence
     * @return a new snapshot holding these values overridden by {@code other}
     */
    public Params withAll(Map<String, ?> other) {
        if (other.isEmpty()) {
            return this;
        }
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.putAll(other);
        return new Params(Collections.unmodifiableMap(copy));
    }

    /** @return whether the key is present (possibly with a {@code null} value) */
    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /** @return the raw value, or {@code null} */
    public Object get(String key) {
        return values.get(key);
    }

    /** @return the value as a double, or {@code fallback} when absent or null */
    public double getDouble(String key, double fallback) {
        Object v = values.get(key);
        return v == null ? fallback : number(key, v).doubleValue();
    }

    /** @return the value as an int (rounded toward zero), or {@code fallback} */
    public int getInt(String key, int fallback) {
        Object v = values.get(key);
        return v == null ? fallback : number(key, v).intValue();
    }

    /** @return the value as a long, or {@code fallback} */
    public long getLong(String key, long fallback) {
        Object v = values.get(key);
        return v == null ? fallback : number(key, v).longValue();
    }

    /** @return the value as a boolean, or {@code fallback} */
    public boolean getBoolean(String key, boolean fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException("parameter '" + key + "' is " + v + ", not a boolean");
    }

    /** @return the value as a string ({@code toString()} of non-strings), or {@code fallback} */
    public String getString(String key, String fallback) {
        Object v = values.get(key);
        return v == null ? fallback : v.toString();
    }

    /**
     * Reads an enum parameter. Schema enum values are the constants' names in lower case (see
     * {@link Param}); this accepts either spelling.
     *
     * @return the constant, or {@code fallback} when absent or null
     */
    public <E extends Enum<E>> E getEnum(String key, Class<E> type, E fallback) {
        Object v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (type.isInstance(v)) {
            return type.cast(v);
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(v.toString())) {
                return constant;
            }
        }
        throw new IllegalArgumentException("parameter '" + key + "' is '" + v + "', not one of "
                + List.of(type.getEnumConstants()));
    }

    /** @return an unmodifiable view of all values, in order */
    public Map<String, Object> asMap() {
        return values;
    }

    private static Number number(String key, Object v) {
        if (v instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("parameter '" + key + "' is " + v + ", not a number");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Params p && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
