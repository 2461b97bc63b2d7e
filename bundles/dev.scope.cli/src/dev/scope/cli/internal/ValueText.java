package dev.scope.cli.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns the text of {@code --set key=value} into a JSON-like value of the type the parameter's
 * JSON schema declares. Range and enum checks are the engine's; this only parses.
 */
final class ValueText {

    private ValueText() {
    }

    static Object parse(String pipelineId, String key, String text, Map<?, ?> property) {
        String type = typeOf(property);
        String t = text.strip();
        if (t.equals("null") && isNullable(property)) {
            return null;
        }
        try {
            return switch (type) {
                case "integer" -> {
                    long v = Long.parseLong(t);
                    yield v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
                }
                case "number" -> {
                    double v = Double.parseDouble(t);
                    if (!Double.isFinite(v)) {
                        throw new NumberFormatException();
                    }
                    yield v;
                }
                case "boolean" -> switch (t.toLowerCase(java.util.Locale.ROOT)) {
                    case "true", "1", "yes", "on" -> true;
                    case "false", "0", "no", "off" -> false;
                    default -> throw new NumberFormatException();
                };
                case "array" -> {
                    List<Object> items = new ArrayList<>();
                    String body = t.startsWith("[") && t.endsWith("]") ? t.substring(1, t.length() - 1) : t;
                    Map<?, ?> itemSchema = property.get("items") instanceof Map<?, ?> m ? m : innerItems(property);
                    for (String part : body.split(",")) {
                        if (!part.isBlank()) {
                            items.add(parse(pipelineId, key, part.strip().replaceAll("^\"|\"$", ""), itemSchema));
                        }
                    }
                    yield items;
                }
                default -> t;
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(pipelineId + ": " + key + " = '" + text + "' is not " + article(type));
        }
    }

    private static String article(String type) {
        return switch (type) {
            case "integer" -> "an integer";
            case "number" -> "a number";
            case "boolean" -> "a boolean (true or false)";
            case "array" -> "a list (comma-separated)";
            default -> "a " + type;
        };
    }

    /** The declared type, looking through {@code anyOf [X, null]}; enums count as strings. */
    static String typeOf(Map<?, ?> property) {
        if (property.get("type") instanceof String s) {
            return s;
        }
        if (property.get("anyOf") instanceof List<?> variants) {
            for (Object v : variants) {
                if (v instanceof Map<?, ?> m && m.get("type") instanceof String s && !s.equals("null")) {
                    return s;
                }
            }
        }
        return "string";
    }

    private static boolean isNullable(Map<?, ?> property) {
        return property.get("anyOf") instanceof List<?> variants
                && variants.stream().anyMatch(v -> v instanceof Map<?, ?> m && "null".equals(m.get("type")));
    }

    private static Map<?, ?> innerItems(Map<?, ?> property) {
        if (property.get("anyOf") instanceof List<?> variants) {
            for (Object v : variants) {
                if (v instanceof Map<?, ?> m && m.get("items") instanceof Map<?, ?> items) {
                    return items;
                }
            }
        }
        return Map.of("type", "string");
    }
}
