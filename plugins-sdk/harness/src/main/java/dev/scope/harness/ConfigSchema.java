package dev.scope.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.schema.ConfigModel;
import dev.scope.schema.Json;

/**
 * The checked schema of a pipeline config class: Scope's {@code get_schema_with_metadata()} JSON as
 * the workbench serves it, and the parameters its settings UI shows. Made by {@link #check}.
 * Immutable apart from {@link #schema()}, which is the caller's.
 *
 * @param id the pipeline id
 * @param schema the schema tree as it reads back from its JSON text (see {@link Json}); the caller's
 * @param fields the shown parameters in the UI's order ({@code ui.order}, then key), both panels
 */
public record ConfigSchema(String id, Map<String, Object> schema, List<UiField> fields) {

    /** Scope's known complex components (SCOPE-REFERENCE.md section 2). */
    private static final Set<String> COMPONENTS = Set.of("vace", "lora", "resolution", "cache", "denoising_steps",
            "noise", "quantization", "image", "audio");
    private static final Set<String> CATEGORIES = Set.of("configuration", "input");
    private static final int UNORDERED = 999;

    /** Copies {@code fields}. */
    public ConfigSchema {
        fields = List.copyOf(fields);
    }

    /**
     * Checks a config class as the workbench and Scope's UI will use it:
     * <ul>
     * <li>its schema is generated (the {@code @PipelineConfig}, the fields' types and annotations, a
     * public no-argument constructor) and written as JSON and read back;</li>
     * <li>every default, and every value a mode's {@code ModeDefaults} overrides, passes the schema's
     * validation, and a config object can be made from them;</li>
     * <li>every parameter with a {@code ui} object has the shape the UI renders: {@code category}
     * {@code configuration} or {@code input}, {@code is_load_param} a boolean, an integer
     * {@code order}, {@code modes} among the pipeline's supported modes, a known {@code component},
     * and a type with a widget (a string with choices or an enum: dropdown; a string: text; a
     * number with both {@code min} and {@code max}: slider; another number: stepper; a boolean:
     * toggle). A shown list, for example, has none and is refused unless a component renders it.</li>
     * </ul>
     *
     * @param configClass the config class
     * @return the schema and the shown fields
     * @throws AssertionError naming the class or pipeline and every problem found, in one line
     */
    public static ConfigSchema check(Class<? extends BasePipelineConfig> configClass) {
        ConfigModel model = PipelineHarness.model(configClass);
        String id = model.id();
        Map<String, Object> schema;
        try {
            schema = asMap(Json.read(Json.write(model.schemaWithMetadata())));
        } catch (RuntimeException e) {
            throw new AssertionError(id + ": the schema cannot be written as JSON: " + PipelineHarness.oneLine(e), e);
        }
        List<String> problems = new ArrayList<>();
        checkValues(model, model.defaults(), "default", problems);
        if (schema.get("mode_defaults") instanceof Map<?, ?> byMode) {
            byMode.forEach((mode, overrides) -> {
                Map<String, Object> known = new LinkedHashMap<>();
                asMap(overrides).forEach((k, v) -> {
                    if (model.param(k).isPresent()) {
                        known.put(k, v);
                    }
                });
                checkValues(model, known, mode + " mode's default", problems);
            });
        }
        List<String> modes = model.supportedModes();
        Map<String, Object> config = asMap(schema.get("config_schema"));
        Map<String, Object> defs = config.get("$defs") instanceof Map<?, ?> d ? asMap(d) : Map.of();
        List<UiField> fields = new ArrayList<>();
        asMap(config.get("properties")).forEach((key, property) -> {
            Map<String, Object> p = asMap(property);
            if (p.containsKey("ui")) {
                UiField field = field(key, p, defs, modes, problems);
                if (field != null) {
                    fields.add(field);
                }
            }
        });
        if (!problems.isEmpty()) {
            throw new AssertionError(id + " (" + configClass.getSimpleName() + "): " + String.join("; ", problems));
        }
        fields.sort(Comparator.comparingInt(UiField::order).thenComparing(UiField::key));
        return new ConfigSchema(id, schema, fields);
    }

    /**
     * @param key a schema name
     * @return the shown field of that name
     * @throws AssertionError when the UI does not show it (it has no {@code @Ui})
     */
    public UiField field(String key) {
        return fields.stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow(() -> new AssertionError(
                id + ": the UI shows no parameter '" + key + "'; it shows "
                        + String.join(", ", fields.stream().map(UiField::key).toList())));
    }

    /**
     * @param category {@code configuration} or {@code input}
     * @return the keys of that panel's fields, in the UI's order
     */
    public List<String> keys(String category) {
        return fields.stream().filter(f -> f.category().equals(category)).map(UiField::key).toList();
    }

    private static void checkValues(ConfigModel model, Map<String, Object> values, String what, List<String> problems) {
        try {
            model.validate(values);
        } catch (RuntimeException e) {
            problems.add("a " + what + " fails validation: " + PipelineHarness.oneLine(e));
            return;
        }
        try {
            model.instantiate(values);
        } catch (RuntimeException e) {
            problems.add("no config object can be made of the " + what + "s: " + PipelineHarness.oneLine(e));
        }
    }

    private static UiField field(String key, Map<String, Object> p, Map<String, Object> defs, List<String> modes,
            List<String> problems) {
        if (!(p.get("ui") instanceof Map<?, ?> rawUi)) {
            problems.add(key + ": ui is not an object");
            return null;
        }
        Map<String, Object> ui = asMap(rawUi);
        int before = problems.size();
        Object category = ui.get("category");
        if (!(category instanceof String c) || !CATEGORIES.contains(c)) {
            problems.add(key + ": ui.category is " + quote(category) + "; the UI knows configuration and input");
        }
        if (!(ui.get("is_load_param") instanceof Boolean)) {
            problems.add(key + ": ui.is_load_param is " + quote(ui.get("is_load_param")) + ", not a boolean");
        }
        Object order = ui.get("order");
        if (order != null && !(order instanceof Integer || order instanceof Long)) {
            problems.add(key + ": ui.order is " + quote(order) + ", not an integer");
        }
        List<String> shownIn = new ArrayList<>();
        if (ui.get("modes") instanceof List<?> list) {
            for (Object m : list) {
                if (!modes.contains(m)) {
                    problems.add(key + ": ui.modes lists " + quote(m) + ", which is not a mode of this pipeline ("
                            + String.join(", ", modes) + ")");
                } else {
                    shownIn.add((String) m);
                }
            }
        } else if (ui.containsKey("modes")) {
            problems.add(key + ": ui.modes is " + quote(ui.get("modes")) + ", not a list");
        }
        Object label = ui.get("label");
        if (label != null && !(label instanceof String)) {
            problems.add(key + ": ui.label is " + quote(label) + ", not a string");
        }
        String widget = widget(p, defs);
        Object component = ui.get("component");
        if (component != null) {
            if (!(component instanceof String name) || !COMPONENTS.contains(name)) {
                problems.add(key + ": ui.component is " + quote(component) + "; the UI knows "
                        + String.join(", ", COMPONENTS.stream().sorted().toList()));
            } else {
                widget = name;
            }
        } else if (widget == null) {
            problems.add(key + ": the UI has no widget for " + describeType(p)
                    + " (it renders enums and strings with choices, strings, numbers and booleans); remove its @Ui");
        }
        if (problems.size() > before) {
            return null;
        }
        Object description = p.get("description");
        String shownLabel = label instanceof String l && !l.isEmpty() ? l
                : description instanceof String d && !d.isEmpty() ? d : titleCase(key);
        return new UiField(key, widget, (String) category, order == null ? UNORDERED : ((Number) order).intValue(),
                shownLabel, (Boolean) ui.get("is_load_param"), shownIn);
    }

    /** Scope's {@code inferPrimitiveFieldType}: the first non-null variant of a nullable field. */
    private static String widget(Map<String, Object> p, Map<String, Object> defs) {
        Map<String, Object> t = p;
        if (p.get("anyOf") instanceof List<?> variants) {
            t = null;
            for (Object v : variants) {
                if (v instanceof Map<?, ?> m && !"null".equals(m.get("type"))) {
                    t = asMap(m);
                    break;
                }
            }
            if (t == null) {
                return null;
            }
        }
        if (t.containsKey("enum")) {
            return UiField.DROPDOWN;
        }
        if (t.get("$ref") instanceof String ref) {
            String name = ref.startsWith("#/$defs/") ? ref.substring("#/$defs/".length()) : ref;
            return defs.get(name) instanceof Map<?, ?> def && def.containsKey("enum") ? UiField.DROPDOWN : null;
        }
        Object type = t.get("type");
        if ("string".equals(type)) {
            return UiField.TEXT;
        }
        if ("integer".equals(type) || "number".equals(type)) {
            return t.containsKey("minimum") && t.containsKey("maximum") ? UiField.SLIDER : UiField.NUMBER;
        }
        if ("boolean".equals(type)) {
            return UiField.TOGGLE;
        }
        return null;
    }

    private static String describeType(Map<String, Object> p) {
        Object type = p.get("type");
        if (type == null && p.get("anyOf") instanceof List<?> variants && !variants.isEmpty()
                && variants.get(0) instanceof Map<?, ?> m) {
            type = m.get("type");
        }
        return type == null ? "its type" : "type " + type;
    }

    private static String titleCase(String key) {
        List<String> words = new ArrayList<>();
        for (String w : key.split("_")) {
            if (!w.isEmpty()) {
                words.add(w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1));
            }
        }
        return String.join(" ", words);
    }

    private static String quote(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Collections.emptyMap();
    }
}
