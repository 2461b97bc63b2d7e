package dev.scope.ui.settings.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import dev.scope.ui.settings.internal.SchemaFields.SchemaField;
import dev.scope.ui.settings.spi.FieldBinding;

/**
 * One rendered field (or component group) of one stage: the {@link FieldBinding} a renderer gets.
 * It keeps the values of its keys, validates what the renderer sets, sends valid changes through
 * {@link Sender} and shows problems through the row's message sink. UI thread only.
 */
final class Binding implements FieldBinding {

    private static final System.Logger LOG = System.getLogger(Binding.class.getName());

    /** Where a valid change goes: the form's change listeners. */
    interface Sender {
        void send(String key, Object value);
    }

    private final List<SchemaField> group;
    private final Where where;
    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Sender sender;
    private final List<Runnable> valueListeners = new ArrayList<>();
    private final List<Runnable> stateListeners = new ArrayList<>();
    private Consumer<String> messages = m -> {
    };

    /**
     * @param pipelineId the stage's pipeline
     * @param mode the input mode
     * @param streaming whether the session streams
     * @param loading whether the stage is loading
     */
    record Where(String pipelineId, String mode, boolean streaming, boolean loading) {
    }

    Binding(List<SchemaField> group, Where where, Map<String, Object> stageValues, Sender sender) {
        this.group = List.copyOf(group);
        this.where = where;
        this.sender = sender;
        for (SchemaField f : group) {
            if (stageValues.containsKey(f.key())) {
                values.put(f.key(), stageValues.get(f.key()));
            }
        }
    }

    /** @return the same binding for only one of its keys (a group split into single fields) */
    Binding single(SchemaField field, Map<String, Object> stageValues) {
        return new Binding(List.of(field), where, stageValues, sender);
    }

    List<SchemaField> group() {
        return group;
    }

    void messages(Consumer<String> sink) {
        this.messages = sink;
    }

    /** @param listener told after any change of value (the row's reset button) */
    void onStateChange(Runnable listener) {
        stateListeners.add(listener);
    }

    /** Takes the stage's new values; tells the widget when one of its keys changed. */
    void refresh(Map<String, Object> stageValues) {
        boolean changed = false;
        for (SchemaField f : group) {
            Object now = stageValues.containsKey(f.key()) ? stageValues.get(f.key()) : f.defaultValue();
            if (!Values.same(now, value(f.key()))) {
                values.put(f.key(), now);
                changed = true;
            }
        }
        if (changed) {
            fire(valueListeners);
            fire(stateListeners);
        }
    }

    /** @return whether every key that has a default holds it */
    boolean atDefaults() {
        return group.stream().allMatch(f -> !f.schema().containsKey("default")
                || Values.same(value(f.key()), f.defaultValue()));
    }

    private SchemaField field(String key) {
        return group.stream().filter(f -> f.key().equals(key)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("field " + key + " is not one of " + keys()));
    }

    private Values rules(String key) {
        SchemaField f = field(key);
        return new Values(f.schema(), f.nullable());
    }

    @Override
    public String key() {
        return group.get(0).key();
    }

    @Override
    public List<String> keys() {
        return group.stream().map(SchemaField::key).toList();
    }

    @Override
    public Map<String, Object> schema() {
        return group.get(0).schema();
    }

    @Override
    public Map<String, Object> schema(String key) {
        return field(key).schema();
    }

    @Override
    public Map<String, Object> ui() {
        return group.get(0).ui();
    }

    @Override
    public String pipelineId() {
        return where.pipelineId();
    }

    @Override
    public String mode() {
        return where.mode();
    }

    @Override
    public boolean streaming() {
        return where.streaming();
    }

    @Override
    public boolean loadParam() {
        return group.stream().anyMatch(SchemaField::loadParam);
    }

    @Override
    public boolean nullable() {
        return group.get(0).nullable();
    }

    @Override
    public String label() {
        return group.get(0).label();
    }

    @Override
    public String description() {
        return group.get(0).description();
    }

    @Override
    public Object value() {
        return value(key());
    }

    @Override
    public Object value(String key) {
        return values.containsKey(key) ? values.get(key) : field(key).defaultValue();
    }

    @Override
    public Object defaultValue() {
        return group.get(0).defaultValue();
    }

    @Override
    public Object defaultValue(String key) {
        return field(key).defaultValue();
    }

    @Override
    public boolean set(Object value) {
        return set(key(), value);
    }

    @Override
    public boolean set(String key, Object value) {
        Values rules = rules(key);
        Optional<String> problem = rules.problem(value);
        if (problem.isPresent()) {
            setError(field(key).label() + ": " + problem.get());
            return false;
        }
        clearError();
        if (!enabled()) {
            return false;
        }
        Object normalized = rules.normalize(value);
        if (!Values.same(normalized, value(key))) {
            values.put(key, normalized);
            sender.send(key, normalized);
            fire(stateListeners);
        }
        return true;
    }

    @Override
    public boolean setText(String text) {
        try {
            return set(key(), rules(key()).parse(text));
        } catch (Values.Invalid e) {
            setError(label() + ": " + e.getMessage());
            return false;
        }
    }

    @Override
    public Optional<String> check(String text) {
        try {
            rules(key()).parse(text);
            return Optional.empty();
        } catch (Values.Invalid e) {
            return Optional.of(label() + ": " + e.getMessage());
        }
    }

    @Override
    public void reset() {
        for (SchemaField f : group) {
            if (f.schema().containsKey("default")) {
                set(f.key(), f.defaultValue());
            }
        }
        fire(valueListeners);
    }

    @Override
    public void setError(String message) {
        messages.accept(message);
    }

    @Override
    public void clearError() {
        messages.accept(null);
    }

    @Override
    public boolean enabled() {
        return !where.loading() && !(where.streaming() && loadParam());
    }

    @Override
    public void onValueChange(Runnable listener) {
        valueListeners.add(listener);
    }

    /** Forgets what a renderer registered (its widget failed and is gone). */
    void dropValueListeners() {
        valueListeners.clear();
    }

    private static void fire(List<Runnable> listeners) {
        for (Runnable r : List.copyOf(listeners)) {
            try {
                r.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(System.Logger.Level.WARNING, "a settings widget failed to show a new value", e);
            }
        }
    }
}
