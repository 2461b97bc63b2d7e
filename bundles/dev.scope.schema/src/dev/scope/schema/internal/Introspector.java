package dev.scope.schema.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.Flag;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.Param;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.pipeline.api.Ui;
import dev.scope.pipeline.api.Usage;
import dev.scope.schema.InvalidParameterException;
import dev.scope.schema.ParamSpec;
import dev.scope.schema.SchemaException;

/** Reads a config class into a {@link Model}. Stateless. */
public final class Introspector {

    private static final Set<String> MODES = Set.of(ModeDefaults.TEXT, ModeDefaults.VIDEO);
    private static final String SUPPORTED_TYPES = "int, long, float, double (or boxed), boolean, Boolean, String, "
            + "an enum, or List<Integer|Long|Double|String|Boolean>";

    private Introspector() {
    }

    /**
     * @throws SchemaException when the class is not a valid config class
     */
    public static Model inspect(Class<? extends BasePipelineConfig> type) {
        Objects.requireNonNull(type, "type");
        PipelineConfig config = type.getAnnotation(PipelineConfig.class);
        if (config == null) {
            throw new SchemaException(type.getName() + ": no @PipelineConfig annotation");
        }
        if (config.id().isBlank()) {
            throw new SchemaException(type.getName() + ": @PipelineConfig id is blank");
        }
        List<String> modes = new ArrayList<>();
        String defaultMode = null;
        Map<String, Map<String, Object>> modeDefaults = new LinkedHashMap<>();
        for (ModeDefaults mode : config.modes()) {
            if (!MODES.contains(mode.value()) || modes.contains(mode.value())) {
                throw new SchemaException(type.getName() + ": mode '" + mode.value() + "' is "
                        + (modes.contains(mode.value()) ? "declared twice" : "unknown; use text or video"));
            }
            if (mode.isDefault() && defaultMode != null) {
                throw new SchemaException(type.getName() + ": modes " + defaultMode + " and " + mode.value()
                        + " are both marked default");
            }
            modes.add(mode.value());
            defaultMode = mode.isDefault() ? mode.value() : defaultMode;
            Map<String, Object> overrides = overrides(mode);
            if (!overrides.isEmpty()) {
                modeDefaults.put(mode.value(), Collections.unmodifiableMap(overrides));
            }
        }
        if (modes.isEmpty()) {
            throw new SchemaException(type.getName() + ": @PipelineConfig modes is empty; declare at least one mode");
        }
        if (!(config.frameRateFactor() > 0) || Double.isInfinite(config.frameRateFactor())) {
            throw new SchemaException(type.getName() + ": @PipelineConfig frameRateFactor is " + config.frameRateFactor()
                    + "; expected a number above 0 (1 keeps the frame rate, 2 doubles it)");
        }
        Set<String> usage = new LinkedHashSet<>();
        for (Usage u : config.usage()) {
            usage.add(u.value());
        }
        List<Binding> bindings = bindings(type, newInstance(type));
        checkEnumNames(type, bindings);
        return new Model(type, config, List.copyOf(usage), List.copyOf(modes),
                defaultMode == null ? modes.get(0) : defaultMode, Collections.unmodifiableMap(modeDefaults),
                List.copyOf(bindings));
    }

    /** Scope's ModeDefaults fields in their order; unset sentinels are left out. */
    private static Map<String, Object> overrides(ModeDefaults mode) {
        Map<String, Object> out = new LinkedHashMap<>();
        putIf(out, "height", mode.height(), mode.height() >= 0);
        putIf(out, "width", mode.width(), mode.width() >= 0);
        putIf(out, "denoising_steps", Arrays.stream(mode.denoisingSteps()).boxed().toList(),
                mode.denoisingSteps().length > 0);
        putIf(out, "noise_scale", mode.noiseScale(), !Double.isNaN(mode.noiseScale()));
        putIf(out, "noise_controller", mode.noiseController().value(), mode.noiseController() != Flag.UNSET);
        putIf(out, "input_size", mode.inputSize(), mode.inputSize() >= 0);
        putIf(out, "default_temporal_interpolation_steps", mode.defaultTemporalInterpolationSteps(),
                mode.defaultTemporalInterpolationSteps() >= 0);
        return out;
    }

    private static void putIf(Map<String, Object> map, String key, Object value, boolean set) {
        if (set) {
            map.put(key, value);
        }
    }

    /**
     * Creates an instance with the public no-argument constructor.
     *
     * @throws SchemaException when there is none or it fails
     */
    public static BasePipelineConfig newInstance(Class<? extends BasePipelineConfig> type) {
        if (Modifier.isAbstract(type.getModifiers())) {
            throw new SchemaException(type.getName() + ": is abstract; a config class must be instantiable");
        }
        Constructor<? extends BasePipelineConfig> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new SchemaException(type.getName() + ": has no public no-argument constructor", e);
        }
        try {
            return constructor.newInstance();
        } catch (InvocationTargetException e) {
            throw new SchemaException(type.getName() + ": constructor threw " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new SchemaException(type.getName() + ": cannot be instantiated (is it a public class?): " + e, e);
        }
    }

    private static List<Binding> bindings(Class<?> type, BasePipelineConfig instance) {
        Deque<Class<?>> chain = new ArrayDeque<>();
        for (Class<?> c = type; c != Object.class; c = c.getSuperclass()) {
            chain.addFirst(c);
        }
        Map<String, List<Field>> fieldsByKey = new LinkedHashMap<>();
        for (Class<?> c : chain) {
            for (Field f : c.getDeclaredFields()) {
                Param p = f.getAnnotation(Param.class);
                if (p == null) {
                    if (f.isAnnotationPresent(Ui.class)) {
                        throw fieldError(type, f, "has @Ui but no @Param");
                    }
                    continue;
                }
                int modifiers = f.getModifiers();
                if (!Modifier.isPublic(modifiers) || Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)) {
                    throw fieldError(type, f, "a @Param field must be public, not static and not final");
                }
                String key = p.name().isEmpty() ? Names.snakeCase(f.getName()) : p.name();
                List<Field> same = fieldsByKey.get(key);
                if (same == null) {
                    fieldsByKey.put(key, new ArrayList<>(List.of(f)));
                } else if (redeclares(same.get(0), f)) {
                    same.add(0, f);
                } else {
                    Field other = same.get(0);
                    throw new SchemaException(type.getName() + ": duplicate parameter name '" + key + "' (fields "
                            + other.getDeclaringClass().getSimpleName() + "." + other.getName() + " and "
                            + f.getDeclaringClass().getSimpleName() + "." + f.getName() + ")");
                }
            }
        }
        List<Binding> out = new ArrayList<>(fieldsByKey.size());
        fieldsByKey.forEach((key, fields) -> out.add(bind(type, key, List.copyOf(fields), instance)));
        return out;
    }

    /** A subclass may re-declare a base field (same name and type), like a pydantic override. */
    private static boolean redeclares(Field earlier, Field later) {
        return earlier.getDeclaringClass() != later.getDeclaringClass() && earlier.getName().equals(later.getName())
                && earlier.getGenericType().equals(later.getGenericType());
    }

    private static Binding bind(Class<?> type, String key, List<Field> fields, BasePipelineConfig instance) {
        Field f = fields.get(0);
        Param p = f.getAnnotation(Param.class);
        Kind kind = Kind.ofField(f.getType());
        Kind itemKind = kind == Kind.LIST ? itemKind(f.getGenericType()) : null;
        if (kind == null || kind == Kind.LIST && itemKind == null) {
            throw fieldError(type, f, "unsupported type " + f.getGenericType().getTypeName() + "; use "
                    + SUPPORTED_TYPES);
        }
        boolean primitive = f.getType().isPrimitive();
        if (primitive && p.nullable()) {
            throw fieldError(type, f, "a primitive field cannot be nullable; use the boxed type");
        }
        boolean bounded = !Double.isNaN(p.min()) || !Double.isNaN(p.max());
        if (bounded && !kind.numeric()) {
            throw fieldError(type, f, "min and max apply only to integer and number parameters");
        }
        if (p.min() > p.max()) {
            throw fieldError(type, f, "min " + p.min() + " is greater than max " + p.max());
        }
        if (p.choices().length > 0 && kind != Kind.STRING) {
            throw fieldError(type, f, "choices apply only to String parameters; use an enum");
        }
        Object raw;
        try {
            raw = f.get(instance);
        } catch (IllegalAccessException e) {
            throw fieldError(type, f, "cannot be read: " + e.getMessage());
        }
        List<String> choices = new ArrayList<>(List.of(p.choices()));
        if (kind == Kind.ENUM) {
            for (Object constant : f.getType().getEnumConstants()) {
                choices.add(Values.enumValue((Enum<?>) constant));
            }
        }
        ParamSpec spec = new ParamSpec(key, f.getName(), kind.schemaType(),
                itemKind == null ? null : itemKind.schemaType(), p.nullable() || !primitive && raw == null, null,
                Double.isNaN(p.min()) ? null : p.min(), Double.isNaN(p.max()) ? null : p.max(), choices,
                p.description().isEmpty() ? null : p.description(), p.title().isEmpty() ? Names.title(key) : p.title(),
                ui(f.getAnnotation(Ui.class)));
        Binding binding = new Binding(spec, kind, itemKind, kind == Kind.ENUM ? f.getType() : null, fields);
        try {
            return binding.withDefault(Values.normalize(binding, raw));
        } catch (InvalidParameterException e) {
            throw fieldError(type, f, "invalid default: " + e.getMessage());
        }
    }

    private static Kind itemKind(Type generic) {
        if (generic instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] instanceof Class<?> item) {
            return Kind.ofItem(item);
        }
        return null;
    }

    /** The {@code ui} object with pydantic's alphabetical key order; unset attributes left out. */
    private static Map<String, Object> ui(Ui ui) {
        if (ui == null) {
            return null;
        }
        Map<String, Object> out = new TreeMap<>();
        out.put("category", ui.category());
        out.put("is_load_param", ui.loadParam());
        putIf(out, "component", ui.component(), !ui.component().isEmpty());
        putIf(out, "label", ui.label(), !ui.label().isEmpty());
        putIf(out, "modes", List.of(ui.modes()), ui.modes().length > 0);
        putIf(out, "modulatable", ui.modulatable().value(), ui.modulatable() != Flag.UNSET);
        putIf(out, "modulatable_min", ui.modulatableMin(), !Double.isNaN(ui.modulatableMin()));
        putIf(out, "modulatable_max", ui.modulatableMax(), !Double.isNaN(ui.modulatableMax()));
        putIf(out, "order", ui.order(), ui.order() != Integer.MIN_VALUE);
        return new LinkedHashMap<>(out);
    }

    /** Enums become {@code $defs} entries named by their simple names, which must not clash. */
    private static void checkEnumNames(Class<?> type, List<Binding> bindings) {
        Map<String, Class<?>> seen = new HashMap<>();
        for (Binding b : bindings) {
            if (b.enumType() == null) {
                continue;
            }
            Class<?> other = seen.putIfAbsent(b.enumType().getSimpleName(), b.enumType());
            if (other != null && other != b.enumType()) {
                throw new SchemaException(type.getName() + ": enums " + other.getName() + " and "
                        + b.enumType().getName() + " share the simple name " + other.getSimpleName()
                        + ", which names their $defs entry");
            }
        }
    }

    private static SchemaException fieldError(Class<?> type, Field f, String problem) {
        return new SchemaException(type.getName() + ", field " + f.getName() + ": " + problem);
    }
}
