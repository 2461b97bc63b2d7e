package dev.scope.ui.settings.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

/**
 * Building blocks for {@link FieldRenderer#rank}: predicates over a {@link FieldContext} (testers)
 * and the step that turns one into a rank, in the manner of JSON Forms' testers. A plugin's
 * renderer ranks itself in one line:
 *
 * <pre>{@code
 * private static final ToIntFunction<FieldContext> RANK =
 *         rankWith(FieldRenderer.PLUGIN, and(schemaTypeIs("number"), optionIs("component", "knob")));
 *
 * public int rank(FieldContext field) { return RANK.applyAsInt(field); }
 * }</pre>
 *
 * <p>Stateless and thread-safe; the testers never throw on odd schemas (a missing or mistyped key
 * simply does not match).
 */
public final class Testers {

    private Testers() {
    }

    /**
     * @param rank the rank when the tester matches
     * @param tester the tester
     * @return a ranking function: {@code rank} where {@code tester} matches, else {@link FieldRenderer#NOT_APPLICABLE}
     */
    public static ToIntFunction<FieldContext> rankWith(int rank, Predicate<? super FieldContext> tester) {
        Objects.requireNonNull(tester, "tester");
        return field -> tester.test(field) ? rank : FieldRenderer.NOT_APPLICABLE;
    }

    /**
     * @param by how much to add
     * @param ranked a ranking function
     * @return the same ranking, {@code by} higher where it applies
     */
    public static ToIntFunction<FieldContext> withIncreasedRank(int by, ToIntFunction<FieldContext> ranked) {
        Objects.requireNonNull(ranked, "ranked");
        return field -> {
            int rank = ranked.applyAsInt(field);
            return rank < 0 ? rank : rank + by;
        };
    }

    /**
     * @param testers testers
     * @return a tester that matches when all of them match
     */
    @SafeVarargs
    public static Predicate<FieldContext> and(Predicate<? super FieldContext>... testers) {
        List<Predicate<? super FieldContext>> all = List.copyOf(Arrays.asList(testers));
        return field -> all.stream().allMatch(t -> t.test(field));
    }

    /**
     * @param testers testers
     * @return a tester that matches when any of them matches
     */
    @SafeVarargs
    public static Predicate<FieldContext> or(Predicate<? super FieldContext>... testers) {
        List<Predicate<? super FieldContext>> all = List.copyOf(Arrays.asList(testers));
        return field -> all.stream().anyMatch(t -> t.test(field));
    }

    /**
     * @param tester a tester
     * @return a tester that matches when {@code tester} does not
     */
    public static Predicate<FieldContext> not(Predicate<? super FieldContext> tester) {
        Objects.requireNonNull(tester, "tester");
        return field -> !tester.test(field);
    }

    /**
     * @param type a JSON Schema type: {@code integer}, {@code number}, {@code boolean}, {@code string}, ...
     * @return a tester matching fields whose resolved schema has that {@code type}
     */
    public static Predicate<FieldContext> schemaTypeIs(String type) {
        return field -> type.equals(field.type());
    }

    /**
     * @param key a key of the field's {@code ui} object ({@code component}, {@code category}, ...)
     * @param value the value it must have (numbers compare by value)
     * @return a tester matching fields whose {@code ui} option has that value
     */
    public static Predicate<FieldContext> optionIs(String key, Object value) {
        return field -> same(field.ui().get(key), value);
    }

    /**
     * @param component a {@code ui.component} name
     * @return {@code optionIs("component", component)}
     */
    public static Predicate<FieldContext> componentIs(String component) {
        return optionIs("component", component);
    }

    /**
     * @param keys keys of a JSON Schema object ({@code minimum}, {@code enum}, {@code format}, ...)
     * @return a tester matching fields whose resolved schema has all of them
     */
    public static Predicate<FieldContext> hasKeys(String... keys) {
        List<String> all = List.of(keys);
        return field -> field.schema().keySet().containsAll(all);
    }

    /**
     * @param predicate a test of the resolved schema
     * @return a tester applying it
     */
    public static Predicate<FieldContext> schemaMatches(Predicate<Map<String, Object>> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return field -> predicate.test(field.schema());
    }

    /**
     * @param key a field key
     * @return a tester matching the field with that key
     */
    public static Predicate<FieldContext> keyIs(String key) {
        return field -> key.equals(field.key());
    }

    /**
     * @param pipelineId a pipeline id
     * @return a tester matching the fields of that pipeline
     */
    public static Predicate<FieldContext> pipelineIs(String pipelineId) {
        return field -> pipelineId.equals(field.pipelineId());
    }

    /** @return a tester matching contexts of one field (not a component group such as width and height) */
    public static Predicate<FieldContext> isSingle() {
        return field -> field.keys().size() == 1;
    }

    /** @return a tester matching single fields whose schema lists {@code enum} values */
    public static Predicate<FieldContext> isEnum() {
        return field -> field.keys().size() == 1 && field.schema().get("enum") instanceof List<?> values
                && !values.isEmpty();
    }

    /** @return a tester matching single {@code integer} or {@code number} fields with both {@code minimum} and {@code maximum} */
    public static Predicate<FieldContext> isRange() {
        return field -> field.keys().size() == 1 && ("integer".equals(field.type()) || "number".equals(field.type()))
                && field.schema().get("minimum") instanceof Number && field.schema().get("maximum") instanceof Number;
    }

    private static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        return Objects.equals(a, b);
    }
}
