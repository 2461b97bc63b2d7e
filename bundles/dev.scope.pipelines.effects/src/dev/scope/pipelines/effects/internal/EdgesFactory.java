package dev.scope.pipelines.effects.internal;

import java.util.Set;

import dev.scope.pipeline.api.Backend;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;

import org.osgi.service.component.annotations.Component;

/** Publishes {@code edges}. */
@Component(service = PipelineFactory.class)
public final class EdgesFactory implements PipelineFactory<EdgesConfig> {

    @Override
    public Set<Backend> backends() {
        return Set.of(Backend.JAVA, Backend.OPENCL);
    }

    @Override
    public Pipeline<EdgesConfig> create(EdgesConfig load) {
        return new EdgesPipeline();
    }
}
