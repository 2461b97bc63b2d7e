package dev.scope.schema.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.scope.schema.InvalidParameterException;

/**
 * The runtime parameter {@code prompts} of a pipeline that {@code supports_prompts}, in Scope's
 * shape: a list of {@code {"text": String, "weight": Double}} (the weight non-negative and finite,
 * 1 when left out). A bare string stands for one prompt of weight 1, as an item or as the whole
 * value; {@code null} is no prompt.
 */
public final class Prompts {

    /** What a {@code prompts} value may be, for messages. */
    public static final String ALLOWED = "a list of {\"text\": string, \"weight\": number >= 0} (or of strings)";

    private Prompts() {
    }

    /**
     * @param pipelineId for messages
     * @param key the key as given ({@code prompts})
     * @param value the value as given
     * @return an unmodifiable list of unmodifiable {@code {"text", "weight"}} maps, in order
     * @throws InvalidParameterException naming the item that is wrong and what is allowed
     */
    public static List<Map<String, Object>> normalize(String pipelineId, String key, Object value) {
        if (value == null) {
            return List.of();
        }
        List<?> items = value instanceof List<?> l ? l : value instanceof String ? List.of(value) : null;
        if (items == null) {
            throw invalid(pipelineId, key, value, "a " + value.getClass().getSimpleName());
        }
        List<Map<String, Object>> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(item(pipelineId, key + "[" + i + "]", items.get(i)));
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * @param normalized a value {@link #normalize} returned (or {@code null})
     * @return the texts in order
     */
    public static List<String> texts(Object normalized) {
        if (!(normalized instanceof List<?> items)) {
            return List.of();
        }
        List<String> texts = new ArrayList<>(items.size());
        for (Object item : items) {
            if (item instanceof Map<?, ?> m && m.get("text") instanceof String t) {
                texts.add(t);
            }
        }
        return List.copyOf(texts);
    }

    private static Map<String, Object> item(String pipelineId, String where, Object item) {
        if (item instanceof String text) {
            return prompt(text, 1.0);
        }
        if (!(item instanceof Map<?, ?> m)) {
            throw invalid(pipelineId, where, item, item == null ? "null" : "a " + item.getClass().getSimpleName());
        }
        for (Object k : m.keySet()) {
            if (!"text".equals(k) && !"weight".equals(k)) {
                throw invalid(pipelineId, where, item, "a key '" + k + "'");
            }
        }
        if (!(m.get("text") instanceof String text)) {
            throw invalid(pipelineId, where, item, m.containsKey("text") ? "a text that is not a string" : "no text");
        }
        Object w = m.containsKey("weight") ? m.get("weight") : 1.0;
        if (!(w instanceof Number n) || !Double.isFinite(n.doubleValue()) || n.doubleValue() < 0) {
            throw invalid(pipelineId, where, item, "the weight " + w);
        }
        return prompt(text, n.doubleValue());
    }

    private static Map<String, Object> prompt(String text, double weight) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("text", text);
        p.put("weight", weight);
        return Collections.unmodifiableMap(p);
    }

    private static InvalidParameterException invalid(String pipelineId, String where, Object value, String got) {
        return new InvalidParameterException(pipelineId + ": parameter '" + where + "' got " + got + "; expected "
                + ALLOWED, where, value, ALLOWED);
    }
}
