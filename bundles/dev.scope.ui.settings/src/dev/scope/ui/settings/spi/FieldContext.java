package dev.scope.ui.settings.spi;

import java.util.List;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One field of a pipeline's settings as a renderer sees it while ranking: its key, its property
 * schema already resolved, its {@code ui} object and where it is shown.
 *
 * <p>The schema is the field's entry of the pipeline's {@code config_schema.properties}, resolved:
 * a nullable {@code anyOf} is replaced by its first non-null variant (and {@link #nullable()} is
 * true), a {@code $ref} into {@code $defs} is replaced by the definition it names, and the
 * property's own keys ({@code default}, {@code description}, {@code title}, {@code ui}) are kept.
 *
 * <p>Fields that share one complex {@code ui.component} (such as {@code resolution}: width and
 * height) are offered as one context whose {@link #keys()} lists them all; every other context has
 * one key. Trees are JSON-like ({@link Map}, {@link List}, {@link String}, {@link Number},
 * {@link Boolean}, {@code null}) and unmodifiable. Called and valid on the UI thread, for the
 * lifetime of one rendering of the form.
 */
@ProviderType
public interface FieldContext {

    /** @return the field's key, for a component group the first of {@link #keys()} */
    String key();

    /** @return every key this widget edits, in display order: {@code [key()]} unless a component group */
    List<String> keys();

    /** @return the resolved property schema of {@link #key()} */
    Map<String, Object> schema();

    /**
     * @param key one of {@link #keys()}
     * @return its resolved property schema
     * @throws IllegalArgumentException when {@code key} is not one of {@link #keys()}
     */
    Map<String, Object> schema(String key);

    /** @return the field's {@code ui} object (of {@link #key()}) */
    Map<String, Object> ui();

    /** @return the id of the pipeline the field belongs to */
    String pipelineId();

    /** @return the session's input mode ({@code "text"} or {@code "video"}) */
    String mode();

    /** @return whether the session is streaming */
    boolean streaming();

    /** @return whether the field (any key of a group) is a load parameter ({@code ui.is_load_param}) */
    boolean loadParam();

    /** @return whether the schema allows {@code null} (a nullable {@code anyOf} or type list) */
    boolean nullable();

    /** @return the label the form shows: {@code ui.label}, else the description, else the key in title case */
    String label();

    /** @return the schema's {@code description} (the tooltip), or {@code null} */
    String description();

    /** @return the resolved schema's {@code type} when it is a string, else {@code null} */
    default String type() {
        return schema().get("type") instanceof String t ? t : null;
    }

    /** @return {@code ui.component} when set, else {@code null} */
    default String component() {
        return ui().get("component") instanceof String c && !c.isEmpty() ? c : null;
    }
}
