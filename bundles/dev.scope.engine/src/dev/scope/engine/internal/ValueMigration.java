package dev.scope.engine.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.scope.schema.ConfigModel;
import dev.scope.schema.InvalidParameterException;

/**
 * Carries a stage's parameter values over to another version of its pipeline: a value the new
 * version's parameter accepts is kept; one it no longer has, or refuses (retyped, out of its new
 * range), is dropped so that the new default applies, and reported. A value that was the old
 * default follows the new default.
 *
 * @param values the values for the new version's instance
 * @param resets one line per value not kept
 */
record ValueMigration(Map<String, Object> values, List<String> resets) {

    /**
     * @param from the version the stage ran
     * @param to the new version
     * @param current every value the stage runs with (its loading values and those set since)
     * @param stage how reports name the stage, e.g. {@code blur #2}
     */
    static ValueMigration of(ConfigModel from, ConfigModel to, Map<String, Object> current, String stage) {
        Map<String, Object> kept = new LinkedHashMap<>();
        List<String> resets = new ArrayList<>();
        // in the old schema's order, so that reports read the same on every run
        List<String> keys = new ArrayList<>(from.defaults().keySet());
        keys.retainAll(current.keySet());
        current.keySet().stream().filter(k -> !keys.contains(k)).sorted().forEach(keys::add);
        for (String key : keys) {
            Object value = current.get(key);
            boolean wasDefault = from.defaults().containsKey(key) && Objects.equals(from.defaults().get(key), value);
            if (wasDefault && !Objects.equals(from.defaults().get(key), to.defaults().get(key))) {
                continue; // never chosen: the new version's default applies
            }
            boolean known = to.defaults().containsKey(key) || to.param(key).isPresent()
                    || key.equals(ConfigModel.PROMPTS);
            if (!known) {
                resets.add(stage + ": " + key + " is gone from the new version; its value " + shown(value)
                        + " was dropped");
                continue;
            }
            try {
                kept.putAll(to.validate(singleton(key, value)));
            } catch (InvalidParameterException e) {
                resets.add(stage + ": " + key + " reset to " + shown(to.defaults().get(key)) + " (" + e.getMessage()
                        + ")");
            }
        }
        return new ValueMigration(kept, resets);
    }

    private static Map<String, Object> singleton(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value); // a null value is one too
        return m;
    }

    private static String shown(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
