package dev.scope.schema.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.scope.schema.InvalidParameterException;
import dev.scope.schema.ParamSpec;

/** Checks, normalizes, parses and describes parameter values. Stateless. */
public final class Values {

    private static final BigDecimal INT_MIN = BigDecimal.valueOf(Integer.MIN_VALUE);
    private static final BigDecimal INT_MAX = BigDecimal.valueOf(Integer.MAX_VALUE);
    private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private Values() {
    }

    /**
     * @return the value in normalized form: Integer (int), Long (long), Double (float, double),
     *         Boolean, String (also for enums), an unmodifiable List, or null
     * @throws InvalidParameterException when the parameter does not accept the value; the
     *         message starts with the parameter, the caller adds whose parameter it is
     */
    public static Object normalize(Binding b, Object value) {
        ParamSpec s = b.spec();
        if (value == null) {
            if (s.nullable()) {
                return null;
            }
            throw problem(b, s.key(), null, "is not allowed", allowed(b));
        }
        if (b.kind() != Kind.LIST) {
            return scalar(b, b.kind(), s.key(), value);
        }
        if (!(value instanceof List<?> list)) {
            throw problem(b, s.key(), value, "is not a list", allowed(b));
        }
        List<Object> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(scalar(b, b.itemKind(), s.key() + "[" + i + "]", list.get(i)));
        }
        return Collections.unmodifiableList(out);
    }

    private static InvalidParameterException problem(Binding b, String path, Object value, String reason,
            String allowed) {
        return new InvalidParameterException(path + " = " + render(value) + " " + reason + "; allowed: " + allowed,
                b.key(), value, allowed);
    }

    private static Object scalar(Binding b, Kind kind, String path, Object value) {
        ParamSpec s = b.spec();
        switch (kind) {
            case INT, LONG -> {
                BigDecimal n = decimal(value);
                if (n == null || n.signum() != 0 && n.stripTrailingZeros().scale() > 0) {
                    throw problem(b, path, value, "is not an integer", allowed(b));
                }
                checkRange(b, kind, path, value, n);
                return kind == Kind.INT ? (Object) n.intValue() : (Object) n.longValue();
            }
            case FLOAT, DOUBLE -> {
                BigDecimal n = decimal(value);
                if (n == null || Double.isInfinite(n.doubleValue())) {
                    throw problem(b, path, value, "is not a number", allowed(b));
                }
                checkRange(b, kind, path, value, n);
                return n.doubleValue();
            }
            case BOOLEAN -> {
                if (value instanceof Boolean) {
                    return value;
                }
                throw problem(b, path, value, "is not a boolean", allowed(b));
            }
            case STRING -> {
                if (!(value instanceof String)) {
                    throw problem(b, path, value, "is not a string", allowed(b));
                }
                return s.choices().isEmpty() ? value : choice(b, path, value);
            }
            case ENUM -> {
                return value instanceof Enum<?> e && e.getDeclaringClass() == b.enumType()
                        ? choice(b, path, enumValue(e)) : choice(b, path, value);
            }
            default -> throw new IllegalStateException("nested list in " + path);
        }
    }

    /**
     * The one rule for enum values: a choice as the schema lists it, in any case, comes back in the
     * schema's spelling.
     */
    private static String choice(Binding b, String path, Object value) {
        if (value instanceof String text) {
            for (String choice : b.spec().choices()) {
                if (choice.equalsIgnoreCase(text)) {
                    return choice;
                }
            }
        }
        throw problem(b, path, value, "is not one of the choices", allowed(b));
    }

    private static void checkRange(Binding b, Kind kind, String path, Object value, BigDecimal n) {
        ParamSpec s = b.spec();
        BigDecimal lo = s.minimum() == null ? null : BigDecimal.valueOf(s.minimum());
        BigDecimal hi = s.maximum() == null ? null : BigDecimal.valueOf(s.maximum());
        if (outside(n, lo, hi)) {
            throw problem(b, path, value, "is out of range", range(kind, lo, hi));
        }
        if (kind.integral()) {
            BigDecimal typeMin = kind == Kind.INT ? INT_MIN : LONG_MIN;
            BigDecimal typeMax = kind == Kind.INT ? INT_MAX : LONG_MAX;
            lo = lo == null ? typeMin : lo.max(typeMin);
            hi = hi == null ? typeMax : hi.min(typeMax);
            if (outside(n, lo, hi)) {
                throw problem(b, path, value, "is out of range", range(kind, lo, hi));
            }
        }
    }

    private static boolean outside(BigDecimal n, BigDecimal lo, BigDecimal hi) {
        return lo != null && n.compareTo(lo) < 0 || hi != null && n.compareTo(hi) > 0;
    }

    /** @return the exact decimal value of a finite number, or {@code null} for anything else */
    private static BigDecimal decimal(Object value) {
        if (!(value instanceof Number n) || n instanceof Double d && !Double.isFinite(d)
                || n instanceof Float f && !Float.isFinite(f)) {
            return null;
        }
        if (n instanceof BigDecimal bd) {
            return bd;
        }
        if (n instanceof BigInteger bi) {
            return new BigDecimal(bi);
        }
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return BigDecimal.valueOf(n.longValue());
        }
        try {
            // Float.toString keeps 0.1f as 0.1, the value its author wrote
            return new BigDecimal(n.toString());
        } catch (NumberFormatException e) {
            double d = n.doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
    }

    /** @return the schema spelling of an enum constant: its name in lower case */
    public static String enumValue(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** @return what the parameter accepts, e.g. {@code integer 0 to 255} or {@code one of a, b} */
    public static String allowed(Binding b) {
        ParamSpec s = b.spec();
        BigDecimal lo = s.minimum() == null ? null : BigDecimal.valueOf(s.minimum());
        BigDecimal hi = s.maximum() == null ? null : BigDecimal.valueOf(s.maximum());
        String range = lo == null && hi == null ? "" : " " + range(b.kind(), lo, hi);
        String text = switch (b.kind()) {
            case INT, LONG -> "integer" + range;
            case FLOAT, DOUBLE -> "number" + range;
            case BOOLEAN -> "true or false";
            case STRING -> s.choices().isEmpty() ? "any string" : "one of " + String.join(", ", s.choices());
            case ENUM -> "one of " + String.join(", ", s.choices());
            case LIST -> "list of " + b.itemKind().schemaType();
        };
        return s.nullable() ? text + " or null" : text;
    }

    private static String range(Kind kind, BigDecimal lo, BigDecimal hi) {
        if (lo != null && hi != null) {
            return bound(kind, lo) + " to " + bound(kind, hi);
        }
        return lo != null ? "at least " + bound(kind, lo) : "at most " + bound(kind, hi);
    }

    private static String bound(Kind kind, BigDecimal value) {
        return kind.integral() ? value.stripTrailingZeros().toPlainString() : Double.toString(value.doubleValue());
    }

    /** @return the value as it reads in a message: JSON for JSON values, quoted strings */
    public static String render(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        if (value instanceof Enum<?> e) {
            return e.name();
        }
        if (value instanceof String || value instanceof List<?> || value instanceof Map<?, ?>) {
            try {
                return JsonCodec.write(value, false);
            } catch (IllegalArgumentException e) {
                return String.valueOf(value);
            }
        }
        return String.valueOf(value);
    }

    /**
     * Parses command-line text to a raw value of the parameter's type; {@link #normalize} then
     * checks it. Text that does not parse comes back as the text, so that normalize reports it.
     */
    public static Object parse(Binding b, String text) {
        String t = text.strip();
        if (t.equals("null") && (b.spec().nullable() || b.kind() != Kind.STRING)) {
            return null;
        }
        if (b.kind() != Kind.LIST) {
            return parseScalar(b.kind(), text);
        }
        if (t.startsWith("[")) {
            try {
                return JsonCodec.read(t);
            } catch (IllegalArgumentException e) {
                return text;
            }
        }
        List<Object> items = new ArrayList<>();
        if (!t.isEmpty()) {
            for (String part : t.split(",", -1)) {
                items.add(parseScalar(b.itemKind(), part.strip()));
            }
        }
        return items;
    }

    private static Object parseScalar(Kind kind, String text) {
        String t = text.strip();
        return switch (kind) {
            case INT, LONG, FLOAT, DOUBLE -> {
                try {
                    yield new BigDecimal(t);
                } catch (NumberFormatException e) {
                    yield text;
                }
            }
            // booleans are true or false only, as in JSON: no yes, no 1, no TRUE
            case BOOLEAN -> switch (t) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> text;
            };
            case ENUM -> t;
            default -> text;
        };
    }

    /** @return a normalized value converted to what the field holds (Float, enum constant) */
    public static Object toField(Binding b, Object normalized) {
        if (normalized == null) {
            return null;
        }
        if (b.kind() == Kind.FLOAT) {
            return ((Double) normalized).floatValue();
        }
        if (b.kind() == Kind.ENUM) {
            for (Object constant : b.enumType().getEnumConstants()) {
                if (enumValue((Enum<?>) constant).equals(normalized)) {
                    return constant;
                }
            }
        }
        return normalized;
    }
}
