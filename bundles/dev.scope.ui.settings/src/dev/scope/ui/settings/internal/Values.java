package dev.scope.ui.settings.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The value rules of one resolved field schema: parsing typed text, checking a value (type,
 * minimum, maximum, exclusive bounds, enum, string length) and normalising it (integers as
 * {@link Integer} or {@link Long}, numbers as {@link Double}). A problem is one line: what was
 * wrong, then what is expected ("5 is above the maximum 1; expected a number from 0 to 1").
 *
 * @param schema the resolved schema
 * @param nullable whether {@code null} is allowed
 */
record Values(Map<String, Object> schema, boolean nullable) {

    /** Thrown by {@link #parse} with the one-line reason. */
    static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        Invalid(String message) {
            super(message);
        }
    }

    String type() {
        return schema.get("type") instanceof String t ? t : null;
    }

    List<?> choices() {
        return schema.get("enum") instanceof List<?> e ? e : null;
    }

    /** @return the value as typed text is read, checked and normalised */
    Object parse(String text) {
        String t = text.strip();
        if (t.isEmpty() && nullable && !"string".equals(type())) {
            return null;
        }
        if (choices() != null) {
            return choices().stream().filter(c -> String.valueOf(c).equalsIgnoreCase(t)).findFirst()
                    .orElseThrow(() -> new Invalid(quote(t) + " is not a choice; expected " + expected()));
        }
        Object value = switch (String.valueOf(type())) {
            case "integer", "number" -> number(t);
            case "boolean" -> switch (t) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new Invalid(quote(t) + " is not true or false");
            };
            default -> text;
        };
        problem(value).ifPresent(p -> {
            throw new Invalid(p);
        });
        return normalize(value);
    }

    private Object number(String t) {
        try {
            BigDecimal d = new BigDecimal(t);
            if ("integer".equals(type()) && d.stripTrailingZeros().scale() > 0) {
                throw new Invalid(t + " is not a whole number; expected " + expected());
            }
            return "integer".equals(type()) ? (Object) d.longValueExact() : d.doubleValue();
        } catch (NumberFormatException | ArithmeticException e) {
            throw new Invalid(quote(t) + " is not a " + ("integer".equals(type()) ? "whole number" : "number")
                    + "; expected " + expected());
        }
    }

    /** @return empty when the value is allowed, else the reason */
    Optional<String> problem(Object value) {
        if (value == null) {
            return nullable ? Optional.empty() : Optional.of("a value is required; expected " + expected());
        }
        if (choices() != null) {
            boolean known = choices().stream().anyMatch(c -> same(c, value));
            return known ? Optional.empty() : Optional.of(quote(value) + " is not a choice; expected " + expected());
        }
        return switch (String.valueOf(type())) {
            case "integer" -> value instanceof Number n && whole(n) ? range(n.doubleValue(), value)
                    : Optional.of(quote(value) + " is not a whole number; expected " + expected());
            case "number" -> value instanceof Number n && Double.isFinite(n.doubleValue()) ? range(n.doubleValue(), value)
                    : Optional.of(quote(value) + " is not a number; expected " + expected());
            case "boolean" -> value instanceof Boolean ? Optional.empty()
                    : Optional.of(quote(value) + " is not true or false");
            case "string" -> value instanceof String s ? length(s) : Optional.of(quote(value) + " is not text");
            default -> Optional.empty();
        };
    }

    private Optional<String> range(double v, Object value) {
        String shown = format(value);
        if (bound("minimum") != null && v < bound("minimum")) {
            return Optional.of(shown + " is below the minimum " + format(bound("minimum")) + "; expected " + expected());
        }
        if (bound("maximum") != null && v > bound("maximum")) {
            return Optional.of(shown + " is above the maximum " + format(bound("maximum")) + "; expected " + expected());
        }
        if (bound("exclusiveMinimum") != null && v <= bound("exclusiveMinimum")) {
            return Optional.of(shown + " is not above " + format(bound("exclusiveMinimum")) + "; expected " + expected());
        }
        if (bound("exclusiveMaximum") != null && v >= bound("exclusiveMaximum")) {
            return Optional.of(shown + " is not below " + format(bound("exclusiveMaximum")) + "; expected " + expected());
        }
        return Optional.empty();
    }

    private Optional<String> length(String s) {
        if (bound("minLength") != null && s.length() < bound("minLength")) {
            return Optional.of("the text is shorter than " + format(bound("minLength")) + " characters");
        }
        if (bound("maxLength") != null && s.length() > bound("maxLength")) {
            return Optional.of("the text is longer than " + format(bound("maxLength")) + " characters");
        }
        return Optional.empty();
    }

    /** @return a number bound of the schema, or null */
    Double bound(String key) {
        return schema.get(key) instanceof Number n ? n.doubleValue() : null;
    }

    /** @return what is allowed, as words: "a number from 0 to 1", "one of sobel, lineart" */
    String expected() {
        if (choices() != null) {
            return "one of " + choices().stream().map(Values::format).collect(Collectors.joining(", "));
        }
        String what = switch (String.valueOf(type())) {
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "boolean" -> "true or false";
            case "string" -> "text";
            default -> "a value";
        };
        Double min = bound("minimum");
        Double max = bound("maximum");
        if (min != null && max != null) {
            what += " from " + format(min) + " to " + format(max);
        } else if (min != null) {
            what += " of at least " + format(min);
        } else if (max != null) {
            what += " of at most " + format(max);
        }
        return nullable ? what + ", or empty for none" : what;
    }

    /** @return integers as Integer (Long beyond int), numbers as Double, the rest unchanged */
    Object normalize(Object value) {
        if (value instanceof Number n && "integer".equals(type()) && whole(n)) {
            long l = n.longValue();
            return l == (int) l ? (Object) (int) l : (Object) l;
        }
        if (value instanceof Number n && "number".equals(type())) {
            return n.doubleValue();
        }
        return value;
    }

    /** @return numbers without a trailing {@code .0} ({@code 1}, {@code 0.25}), other values as text */
    static String format(Object value) {
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d).stripTrailingZeros().toPlainString() : String.valueOf(d);
        }
        return String.valueOf(value);
    }

    /** @return whether two JSON-like values are the same (numbers by value) */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return Objects.equals(a, b);
    }

    private static boolean whole(Number n) {
        double d = n.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d);
    }

    private static String quote(Object value) {
        return value instanceof String s ? "'" + s + "'" : format(value);
    }
}
