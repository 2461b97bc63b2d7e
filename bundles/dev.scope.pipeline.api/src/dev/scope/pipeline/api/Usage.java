package dev.scope.pipeline.api;

/**
 * Where a pipeline may sit in a chain besides the main slot. A pipeline whose usage is empty is
 * a main pipeline; one may be both a preprocessor and a postprocessor.
 */
public enum Usage {
    /** Runs before the main pipeline on the source's frames (needs video mode). */
    PREPROCESSOR("preprocessor"),
    /** Runs after the main pipeline on its output (needs video mode). */
    POSTPROCESSOR("postprocessor");

    private final String value;

    Usage(String value) {
        this.value = value;
    }

    /** @return the schema spelling: {@code "preprocessor"} or {@code "postprocessor"} */
    public String value() {
        return value;
    }
}
