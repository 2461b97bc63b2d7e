package dev.scope.schema;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.schema.internal.Binding;
import dev.scope.schema.internal.Introspector;
import dev.scope.schema.internal.JsonCodec;
import dev.scope.schema.internal.Model;
import dev.scope.schema.internal.Prompts;
import dev.scope.schema.internal.SchemaWriter;
import dev.scope.schema.internal.Values;

/**
 * The introspected form of a pipeline config class: its {@link PipelineConfig} metadata and its
 * {@link dev.scope.pipeline.api.Param} fields. It produces Scope's schema JSON, validates and
 * normalizes parameter values, and creates config objects for
 * {@link dev.scope.pipeline.api.PipelineFactory#create}.
 *
 * <p>Parameters are ordered as pydantic orders fields: the fields of
 * {@link BasePipelineConfig} first, then each subclass's own, each class in declaration order.
 * A subclass may re-declare a base field (same name and type) to change its annotations, for
 * example to show it with {@link dev.scope.pipeline.api.Ui}; it keeps the base field's position,
 * and values are written to both fields.
 *
 * <p>Immutable and thread-safe; every method may be called from any thread. Returned maps and
 * lists are unmodifiable unless documented otherwise.
 */
public final class ConfigModel {

    /**
     * The runtime parameter that carries a pipeline's text prompts when it {@link #supportsPrompts}
     * (Scope's {@code prompts}): a list of {@code {"text": String, "weight": Double}}. It is not a
     * field of the config class, so it is not in the schema's properties; {@link #validate}
     * accepts and normalizes it, {@link #instantiate} leaves it out.
     *
     * @since 1.2
     */
    public static final String PROMPTS = "prompts";

    /**
     * @param prompts a {@link #PROMPTS} value as {@link #validate} returns it, or {@code null}
     * @return the prompts' texts, in order
     * @since 1.2
     */
    public static List<String> promptTexts(Object prompts) {
        return Prompts.texts(prompts);
    }

    private final Model model;
    private final Map<String, Binding> byKey;
    private final List<ParamSpec> params;
    private final Map<String, Object> defaults;

    private ConfigModel(Model model) {
        this.model = model;
        Map<String, Binding> keys = new LinkedHashMap<>();
        List<ParamSpec> specs = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Binding b : model.bindings()) {
            keys.put(b.key(), b);
            specs.add(b.spec());
            values.put(b.key(), b.spec().defaultValue());
        }
        this.byKey = Collections.unmodifiableMap(keys);
        this.params = List.copyOf(specs);
        this.defaults = Collections.unmodifiableMap(values);
    }

    /**
     * Introspects a config class. Creates one instance with its public no-argument constructor
     * to read the defaults from the field initialisers.
     *
     * @param type a subclass of {@link BasePipelineConfig} annotated with {@link PipelineConfig}
     * @return its model
     * @throws SchemaException naming the class and the problem when it has no
     *         {@code @PipelineConfig}, a blank id, no modes (or an unknown, repeated or second
     *         default mode), no public no-argument constructor, a constructor that throws, a
     *         parameter of an unsupported type, a default outside min/max or not among the
     *         choices, or two parameters with one schema name
     */
    public static ConfigModel of(Class<? extends BasePipelineConfig> type) {
        return new ConfigModel(Introspector.inspect(type));
    }

    /** @return the config class */
    public Class<?> type() {
        return model.type();
    }

    /** @return the pipeline id */
    public String id() {
        return model.config().id();
    }

    /** @return the display name (the id when none is declared) */
    public String name() {
        String name = model.config().name();
        return name.isEmpty() ? id() : name;
    }

    /** @return the one-line description, possibly empty */
    public String description() {
        return model.config().description();
    }

    /** @return the pipeline's version */
    public String version() {
        return model.config().version();
    }

    /** @return the usage spellings ({@code preprocessor}, {@code postprocessor}); empty for a main pipeline */
    public List<String> usage() {
        return model.usage();
    }

    /** @return the supported input modes ({@code text}, {@code video}) in declaration order */
    public List<String> supportedModes() {
        return model.modes();
    }

    /** @return the mode marked default, else the first supported mode */
    public String defaultMode() {
        return model.defaultMode();
    }

    /** @return whether the pipeline takes text prompts */
    public boolean supportsPrompts() {
        return model.config().supportsPrompts();
    }

    /**
     * @return output frames per input frame ({@code PipelineConfig#frameRateFactor}); not in the schema
     * @throws SchemaException never; a factor that is not above 0 is rejected by {@link #of}
     */
    public double frameRateFactor() {
        return model.config().frameRateFactor();
    }

    /** @return every parameter in schema order */
    public List<ParamSpec> params() {
        return params;
    }

    /**
     * @param key a schema name such as {@code color_r}
     * @return the parameter, or empty when there is none by that name
     */
    public Optional<ParamSpec> param(String key) {
        Binding b = byKey.get(key);
        return b == null ? Optional.empty() : Optional.of(b.spec());
    }

    /** @return schema name -> normalized default (possibly {@code null}), in schema order */
    public Map<String, Object> defaults() {
        return defaults;
    }

    /** @return the schema names of the load parameters ({@code ui.is_load_param}), in schema order */
    public List<String> loadParamNames() {
        return params.stream().filter(ParamSpec::loadParam).map(ParamSpec::key).toList();
    }

    /**
     * Exactly what Scope's {@code get_schema_with_metadata()} returns: the metadata keys in
     * Scope's order, {@code config_schema} (a JSON Schema with pydantic's key order), and
     * {@code mode_defaults} when some mode overrides a value.
     *
     * @return a new, mutable tree owned by the caller (see {@link Json} for the value types)
     */
    public Map<String, Object> schemaWithMetadata() {
        return SchemaWriter.write(model);
    }

    /**
     * One value under {@code "pipelines"} of {@code GET /api/v1/pipelines/schemas}.
     *
     * @param pluginName the plugin that registered the pipeline, or {@code null} for a built-in
     * @return {@link #schemaWithMetadata()} plus {@code plugin_name} as the last key; a new,
     *         mutable tree owned by the caller
     */
    public Map<String, Object> schemaEntry(String pluginName) {
        Map<String, Object> entry = schemaWithMetadata();
        entry.put("plugin_name", pluginName);
        return entry;
    }

    /**
     * Checks parameter values and normalizes them. Accepts JSON-like input: for integers an
     * Integer, Long, Short, Byte or BigInteger, or a decimal number with no fraction; for numbers
     * any Number; Boolean; String; a List of the item type; for enums the lower-case value or
     * the enum constant. Bounds are inclusive.
     *
     * @param values schema name -> value
     * @return the normalized values in the given order: Integer (int fields), Long (long
     *         fields), Double (float and double fields), Boolean, String (also for enums, whose
     *         choices match in any case and come back in the schema's spelling), unmodifiable
     *         List, or {@code null}
     * @throws InvalidParameterException for the first name that is unknown or value that is of
     *         the wrong type, out of range, not among the choices, or null where not nullable
     */
    public Map<String, Object> validate(Map<String, ?> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((key, value) -> out.put(key, isPrompts(key, value)
                ? Prompts.normalize(id(), key, value) : check(binding(key, value), value)));
        return Collections.unmodifiableMap(out);
    }

    /**
     * Parses command-line text to the parameter's type and validates it: integers, numbers,
     * booleans ({@code true} or {@code false} only), strings (as given), enum values (as the
     * schema lists them, in any case), {@code null} (for nullable parameters, and for any
     * non-string one, which then fails as null), and lists as comma-separated items
     * ({@code 1000,750}) or a JSON array.
     *
     * @param key a schema name
     * @param text the text to parse
     * @return the normalized value, as {@link #validate} returns it
     * @throws InvalidParameterException as {@link #validate}; text that does not parse is
     *         reported as the wrong type, with the text as the value
     */
    public Object parseValue(String key, String text) {
        Objects.requireNonNull(text, "text");
        if (isPrompts(key, text)) {
            String t = text.strip();
            Object value = text;
            if (t.startsWith("[")) {
                try {
                    value = JsonCodec.read(t);
                } catch (IllegalArgumentException e) {
                    value = text;
                }
            }
            return Prompts.normalize(id(), key, value);
        }
        Binding b = binding(key, text);
        return check(b, Values.parse(b, text));
    }

    /**
     * Creates a config object holding the defaults with the given overrides: the load
     * parameters for {@link dev.scope.pipeline.api.PipelineFactory#create}. The constructor runs
     * on the calling thread.
     *
     * @param <C> the config class; the caller's choice is not checked beyond the cast
     * @param overrides schema name -> value, validated as by {@link #validate}
     * @return a new object owned by the caller
     * @throws InvalidParameterException when an override is invalid
     * @throws SchemaException when the constructor fails
     */
    @SuppressWarnings("unchecked")
    public <C extends BasePipelineConfig> C instantiate(Map<String, ?> overrides) {
        Map<String, Object> valid = validate(overrides);
        BasePipelineConfig config = Introspector.newInstance(model.type());
        valid.forEach((key, value) -> {
            Binding b = byKey.get(key);
            if (b == null) {
                return; // the prompts: the engine hands them to the pipeline's calls, not its config
            }
            Object fieldValue = Values.toField(b, value);
            for (Field f : b.fields()) {
                try {
                    f.set(config, fieldValue);
                } catch (IllegalAccessException e) {
                    throw new SchemaException(model.type().getName() + ", field " + f.getName()
                            + ": cannot be written: " + e.getMessage(), e);
                }
            }
        });
        return (C) config;
    }

    /**
     * Whether a key is the prompts of this pipeline; for a pipeline without prompts the key is
     * refused here, naming why.
     */
    private boolean isPrompts(String key, Object value) {
        if (!PROMPTS.equals(key) || byKey.containsKey(key)) {
            return false;
        }
        if (!supportsPrompts()) {
            throw new InvalidParameterException(id() + ": takes no prompts (its supports_prompts is false)", key,
                    value, "no prompts");
        }
        return true;
    }

    private Binding binding(String key, Object value) {
        Binding b = byKey.get(key);
        if (b != null) {
            return b;
        }
        List<String> known = new ArrayList<>();
        params.stream().filter(ParamSpec::visible).forEach(p -> known.add(p.key()));
        params.stream().filter(p -> !p.visible()).forEach(p -> known.add(p.key()));
        String allowed = String.join(", ", known);
        throw new InvalidParameterException(id() + ": unknown parameter '" + key + "'; known parameters: " + allowed,
                key, value, allowed);
    }

    private Object check(Binding b, Object value) {
        try {
            return Values.normalize(b, value);
        } catch (InvalidParameterException e) {
            throw new InvalidParameterException(id() + ": " + e.getMessage(), e.parameter(), e.value(), e.allowed());
        }
    }

    @Override
    public String toString() {
        return "ConfigModel[" + id() + " " + version() + ", " + model.type().getName() + "]";
    }
}
