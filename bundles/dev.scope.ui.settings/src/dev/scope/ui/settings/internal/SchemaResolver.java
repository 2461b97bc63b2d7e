package dev.scope.ui.settings.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves one property schema into the shape renderers rank: a nullable {@code anyOf} /
 * {@code oneOf} becomes its first non-null variant, a one-element {@code allOf} its element, a
 * {@code $ref} into {@code $defs} the definition, a type list such as {@code ["number","null"]} its
 * first non-null type. The property's own keys win over what they point to. A reference that
 * names nothing stays in the result as {@code $ref}, so that the field degrades to read-only.
 */
final class SchemaResolver {

    private static final Set<String> COMBINATORS = Set.of("anyOf", "oneOf", "allOf", "$ref");
    private static final int MAX_DEPTH = 8;

    private SchemaResolver() {
    }

    /**
     * @param schema the resolved schema, unmodifiable
     * @param nullable whether {@code null} is allowed
     */
    record Resolved(Map<String, Object> schema, boolean nullable) {
    }

    static Resolved resolve(Map<String, Object> property, Map<String, Object> defs) {
        boolean[] nullable = {false};
        Map<String, Object> out = flatten(property, defs, nullable, 0);
        if (out.get("type") instanceof List<?> types) {
            Object first = types.stream().filter(t -> !"null".equals(t)).findFirst().orElse(null);
            nullable[0] |= types.contains("null");
            if (first == null) {
                out.remove("type");
            } else {
                out.put("type", first);
            }
        }
        return new Resolved(Collections.unmodifiableMap(out), nullable[0]);
    }

    private static Map<String, Object> flatten(Map<String, Object> node, Map<String, Object> defs, boolean[] nullable,
            int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (depth < MAX_DEPTH) {
            Map<String, Object> inner = inner(node, defs, nullable);
            if (inner != null) {
                out.putAll(flatten(inner, defs, nullable, depth + 1));
            } else if (node.get("$ref") != null) {
                out.put("$ref", node.get("$ref"));
            }
        }
        node.forEach((k, v) -> {
            if (!COMBINATORS.contains(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    /** @return what the node's combinator or reference points to, or null */
    private static Map<String, Object> inner(Map<String, Object> node, Map<String, Object> defs, boolean[] nullable) {
        if (node.get("$ref") instanceof String ref) {
            String name = ref.startsWith("#/$defs/") ? ref.substring(8)
                    : ref.startsWith("#/definitions/") ? ref.substring(14) : null;
            return name != null && defs.get(name) instanceof Map<?, ?> ? SchemaFields.map(defs.get(name)) : null;
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            if (node.get(combinator) instanceof List<?> variants) {
                Map<String, Object> first = null;
                for (Object v : variants) {
                    Map<String, Object> variant = SchemaFields.map(v);
                    if (isNull(variant)) {
                        nullable[0] = true;
                    } else if (first == null && v instanceof Map<?, ?>) {
                        first = variant;
                    }
                }
                return first;
            }
        }
        if (node.get("allOf") instanceof List<?> parts && parts.size() == 1 && parts.get(0) instanceof Map<?, ?>) {
            return SchemaFields.map(parts.get(0));
        }
        return null;
    }

    private static boolean isNull(Map<String, Object> variant) {
        return "null".equals(variant.get("type")) || variant.containsKey("const") && variant.get("const") == null;
    }
}
