package dev.scope.engine.api;

import java.util.List;

/** A pipeline id that no bundle publishes. */
public final class UnknownPipelineException extends BadInputException {

    private static final long serialVersionUID = 1L;

    private final String id;

    /**
     * @param id the unknown id
     * @param available the ids that exist
     */
    public UnknownPipelineException(String id, List<String> available) {
        super("unknown pipeline '" + id + "'; available: "
                + (available.isEmpty() ? "(none)" : String.join(", ", available)));
        this.id = id;
    }

    /** @return the unknown id */
    public String id() {
        return id;
    }
}
