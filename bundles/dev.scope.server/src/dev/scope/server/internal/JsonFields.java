package dev.scope.server.internal;

import java.util.List;
import java.util.Map;

/** Typed reads of the fields of a JSON request body; a wrong type is a 422 naming the field. */
final class JsonFields {

    private JsonFields() {
    }

    /** @return the JSON kind of a value, for messages: {@code "a string"}, {@code "an array"}, ... */
    static String kind(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof List) {
            return "an array";
        }
        return value instanceof Map ? "an object" : value.getClass().getSimpleName();
    }

    private static ApiException wrong(String field, String expected, Object value) {
        return new ApiException(422, "'" + field + "' must be " + expected + ", not " + kind(value));
    }

    /** @return the string field, required and not blank */
    static String string(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null) {
            throw new ApiException(422, "'" + field + "' is required (a string)");
        }
        if (!(v instanceof String s)) {
            throw wrong(field, "a string", v);
        }
        if (s.isBlank()) {
            throw new ApiException(422, "'" + field + "' must not be empty");
        }
        return s;
    }

    /** @return the boolean field, or {@code fallback} when absent or null */
    static boolean bool(Map<String, Object> body, String field, boolean fallback) {
        Object v = body.get(field);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Boolean b)) {
            throw wrong(field, "true or false", v);
        }
        return b;
    }

    /** @return the object field, or an empty map when absent or null */
    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw wrong(field, "an object", v);
        }
        return (Map<String, Object>) m;
    }

    /** @return the array field (null when absent) */
    static List<?> array(Map<String, Object> body, String field) {
        Object v = body.get(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof List<?> l)) {
            throw wrong(field, "an array", v);
        }
        return l;
    }
}
