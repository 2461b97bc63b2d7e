package dev.scope.schema;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One parameter of a pipeline as its schema describes it. Immutable and thread-safe.
 *
 * @param key the schema name, e.g. {@code color_r}
 * @param fieldName the Java field's name, e.g. {@code colorR}
 * @param type {@code integer}, {@code number}, {@code boolean}, {@code string} (also for a
 *        String with choices), {@code array} or {@code enum} (a Java enum: a {@code $ref} into
 *        {@code $defs})
 * @param itemType for {@code array}: the items' type ({@code integer}, {@code number},
 *        {@code string} or {@code boolean}); otherwise {@code null}
 * @param nullable whether {@code null} is a valid value
 * @param defaultValue the normalized default: {@link Integer} (int fields), {@link Long} (long
 *        fields), {@link Double}, {@link Boolean}, {@link String} (also the enum value), an
 *        unmodifiable {@link List}, or {@code null}
 * @param minimum the inclusive minimum, or {@code null} for none
 * @param maximum the inclusive maximum, or {@code null} for none
 * @param choices the allowed values of an enum or a String with choices, in order; empty
 *        otherwise
 * @param description the description (the UI's tooltip), or {@code null} for none
 * @param title the schema title, e.g. {@code Color R}
 * @param ui the schema's {@code ui} object (keys in alphabetical order, as pydantic writes them),
 *        or {@code null} when the parameter is not shown
 */
public record ParamSpec(String key, String fieldName, String type, String itemType, boolean nullable,
        Object defaultValue, Double minimum, Double maximum, List<String> choices, String description,
        String title, Map<String, Object> ui) {

    /**
     * Copies {@code choices} and {@code ui} into unmodifiable collections.
     *
     * @throws NullPointerException when {@code key}, {@code fieldName}, {@code type},
     *         {@code choices} or {@code title} is {@code null}
     */
    public ParamSpec {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fieldName, "fieldName");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        choices = List.copyOf(choices);
        ui = ui == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(ui));
    }

    /** @return whether the settings UI shows this parameter (it has a {@code ui} object) */
    public boolean visible() {
        return ui != null;
    }

    /**
     * @return whether this is a load parameter ({@code ui.is_load_param}): passed when the
     *         pipeline is created, a change needs a reload
     */
    public boolean loadParam() {
        return ui != null && Boolean.TRUE.equals(ui.get("is_load_param"));
    }
}
