package dev.scope.ui.settings.spi;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A field as a renderer edits it: its {@link FieldContext} plus the value, the default, and the
 * way back to the form.
 *
 * <p>{@link #set} validates a value against the schema (type, {@code minimum}/{@code maximum},
 * {@code exclusiveMinimum}/{@code exclusiveMaximum}, {@code enum}); a valid value is kept and sent
 * to the form's change listeners at once (the application hands it to the engine), an invalid one
 * is never sent: the form shows the reason beside the field. Values are JSON-like: integers as
 * {@link Integer} (or {@link Long}), numbers as {@link Double}, and {@link Boolean},
 * {@link String}, lists, maps or {@code null}.
 *
 * <p>All methods are called on the UI thread. A binding lives as long as the widget it was given
 * to; the form creates new ones when it renders again.
 */
@ProviderType
public interface FieldBinding extends FieldContext {

    /** @return the current value of {@link #key()}: the stage's value, else the schema default */
    Object value();

    /**
     * @param key one of {@link #keys()}
     * @return its current value
     */
    Object value(String key);

    /** @return the schema default of {@link #key()} ({@code null} when it has none) */
    Object defaultValue();

    /**
     * @param key one of {@link #keys()}
     * @return its schema default
     */
    Object defaultValue(String key);

    /**
     * Validates and sends a new value of {@link #key()}.
     *
     * @param value the value
     * @return true when valid (sent unless it equals the current value); false when invalid, and the
     *         reason is shown beside the field
     */
    boolean set(Object value);

    /**
     * @param key one of {@link #keys()}
     * @param value its new value
     * @return as {@link #set(Object)}
     */
    boolean set(String key, Object value);

    /**
     * Parses text as the user typed it by the schema's type (a whole number, a number, a boolean,
     * an enum value, a string; empty text is {@code null} for a nullable field) and then acts as
     * {@link #set(Object)}.
     *
     * @param text the text
     * @return true when it parsed and was valid
     */
    boolean setText(String text);

    /**
     * Checks typed text without sending it, for feedback while the user types.
     *
     * @param text the text
     * @return empty when {@link #setText} would accept it, else the one-line reason
     */
    Optional<String> check(String text);

    /** Sets every key back to its schema default and sends it; the widget hears of it through {@link #onValueChange}. */
    void reset();

    /** @param message the one-line reason shown beside the field (replacing any earlier one) */
    void setError(String message);

    /** Clears the reason shown beside the field. */
    void clearError();

    /** @return false while the field must not be edited (a load parameter while streaming, a loading stage) */
    boolean enabled();

    /**
     * Registers what the widget does when the value changes other than through its own
     * {@link #set} calls: a reset, or new values from the engine. The widget reads
     * {@link #value()} again.
     *
     * @param listener called on the UI thread
     */
    void onValueChange(Runnable listener);
}
