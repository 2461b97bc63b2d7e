package dev.scope.ui.settings.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.scope.ui.settings.SettingsForm;

/**
 * The fields one panel shows for one pipeline, read from its schema entry by SCOPE-REFERENCE.md
 * §4: only properties with {@code ui}; {@code ui.category ?? "configuration"} picks the panel
 * (an unknown category shows in the Settings panel, so nothing is lost); a field whose non-empty
 * {@code ui.modes} lacks the mode is left out; sorted by {@code ui.order ?? 999}, then key; the
 * fields of one complex {@code ui.component} form one group at the place of its first field
 * ({@code image} and {@code audio} stay one field each). Pure functions of JSON-like trees.
 */
final class SchemaFields {

    /** Components rendered once per field, never grouped. */
    private static final Set<String> PER_FIELD = Set.of("image", "audio");
    private static final Set<String> KNOWN = Set.of(SettingsForm.CONFIGURATION, SettingsForm.INPUT);
    private static final double NO_ORDER = 999;

    private SchemaFields() {
    }

    /**
     * @param entry a pipeline's entry of {@code PipelineRegistry.schemas()}
     * @param category {@code configuration} or {@code input}
     * @param mode the input mode
     * @return the groups to show, in display order
     */
    static List<List<SchemaField>> groups(Map<String, Object> entry, String category, String mode) {
        List<SchemaField> fields = fields(entry).stream()
                .filter(f -> f.category().equals(category)
                        || !KNOWN.contains(f.category()) && category.equals(SettingsForm.CONFIGURATION))
                .filter(f -> f.modes().isEmpty() || f.modes().contains(mode))
                .sorted(Comparator.comparingDouble((SchemaField f) -> f.order()).thenComparing(SchemaField::key))
                .toList();
        Map<String, List<SchemaField>> groups = new LinkedHashMap<>();
        for (SchemaField f : fields) {
            String component = f.component();
            String id = component == null || PER_FIELD.contains(component) ? "field:" + f.key() : "component:" + component;
            groups.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
        }
        return groups.values().stream().map(List::copyOf).toList();
    }

    /**
     * @param entry a pipeline's schema entry
     * @return every property with a {@code ui} object, resolved, in schema order
     */
    static List<SchemaField> fields(Map<String, Object> entry) {
        Map<String, Object> config = map(entry.get("config_schema"));
        Map<String, Object> defs = map(config.get("$defs"));
        if (defs.isEmpty()) {
            defs = map(config.get("definitions"));
        }
        List<SchemaField> out = new ArrayList<>();
        for (Map.Entry<String, Object> p : map(config.get("properties")).entrySet()) {
            Map<String, Object> property = map(p.getValue());
            if (property.get("ui") instanceof Map<?, ?>) {
                SchemaResolver.Resolved r = SchemaResolver.resolve(property, defs);
                out.add(new SchemaField(p.getKey(), r.schema(), r.nullable()));
            }
        }
        return out;
    }

    /** @return whether the entry is a main pipeline (its {@code usage} is empty or absent) */
    static boolean isMain(Map<String, Object> entry) {
        return !(entry.get("usage") instanceof List<?> usage) || usage.isEmpty();
    }

    /** @return whether the entry's {@code supports_prompts} is true */
    static boolean supportsPrompts(Map<String, Object> entry) {
        return Boolean.TRUE.equals(entry.get("supports_prompts"));
    }

    /** @return {@code color_r} as {@code Color R}: words split at {@code _}, {@code -} and spaces, each capitalised */
    static String titleCase(String key) {
        StringBuilder out = new StringBuilder();
        for (String word : key.split("[_\\-\\s]+")) {
            if (!word.isEmpty()) {
                out.append(out.isEmpty() ? "" : " ").append(word.substring(0, 1).toUpperCase(Locale.ROOT))
                        .append(word.substring(1));
            }
        }
        return out.isEmpty() ? key : out.toString();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Collections.emptyMap();
    }

    /**
     * One property: its key, its resolved schema (outer {@code default}, {@code description},
     * {@code title} and {@code ui} kept) and whether it is nullable.
     */
    record SchemaField(String key, Map<String, Object> schema, boolean nullable) {

        Map<String, Object> ui() {
            return map(schema.get("ui"));
        }

        double order() {
            return ui().get("order") instanceof Number n ? n.doubleValue() : NO_ORDER;
        }

        String category() {
            return ui().get("category") instanceof String c && !c.isEmpty() ? c : SettingsForm.CONFIGURATION;
        }

        List<?> modes() {
            return ui().get("modes") instanceof List<?> m ? m : List.of();
        }

        boolean loadParam() {
            return Boolean.TRUE.equals(ui().get("is_load_param"));
        }

        String component() {
            return ui().get("component") instanceof String c && !c.isEmpty() ? c : null;
        }

        String description() {
            return schema.get("description") instanceof String d && !d.isBlank() ? d : null;
        }

        String label() {
            if (ui().get("label") instanceof String l && !l.isBlank()) {
                return l;
            }
            return description() != null ? description() : titleCase(key);
        }

        Object defaultValue() {
            return schema.get("default");
        }
    }
}
