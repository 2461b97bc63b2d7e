package dev.scope.pipeline.api;

/**
 * A boolean that may be unset, for annotation attributes (which cannot be {@code null}).
 */
public enum Flag {
    /** Not set: {@code null} in the schema. */
    UNSET,
    /** {@code true} */
    TRUE,
    /** {@code false} */
    FALSE;

    /** @return {@code null}, {@code true} or {@code false} */
    public Boolean value() {
        return this == UNSET ? null : this == TRUE;
    }
}
