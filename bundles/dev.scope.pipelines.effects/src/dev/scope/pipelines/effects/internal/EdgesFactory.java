package dev.scope.pipelines.effects.internal;

import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;

import org.osgi.service.component.annotations.Component;

/** Publishes {@code edges}. */
@Component(service = PipelineFactory.class)
public final class EdgesFactory implements PipelineFactory<EdgesConfig> {

    @Override
    public Pipeline create(EdgesConfig load) {
        return new EdgesPipeline();
    }
}
