package dev.scope.ui.chain.internal;

import java.util.List;
import java.util.function.Predicate;

import dev.scope.engine.api.PipelineInfo;

/** Where a stage sits in a chain, and which pipelines fit there (SCOPE-REFERENCE.md §1, usage). */
enum Role {
    /** Before the main pipeline: usage {@code preprocessor}. */
    PRE("Preprocessors", PipelineInfo::isPreprocessor),
    /** The main pipeline: no usage. */
    MAIN("Main pipeline", p -> p.usage().isEmpty()),
    /** After the main pipeline: usage {@code postprocessor}. */
    POST("Postprocessors", PipelineInfo::isPostprocessor);

    private final String title;
    private final Predicate<PipelineInfo> fits;

    Role(String title, Predicate<PipelineInfo> fits) {
        this.title = title;
        this.fits = fits;
    }

    /** @return the heading of the role's section */
    String title() {
        return title;
    }

    /** @return the pipelines that may take this role, in the registry's order */
    List<PipelineInfo> choices(List<PipelineInfo> all) {
        return all.stream().filter(fits).toList();
    }
}
