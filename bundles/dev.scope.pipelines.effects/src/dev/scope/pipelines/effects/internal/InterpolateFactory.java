package dev.scope.pipelines.effects.internal;

import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;

import org.osgi.service.component.annotations.Component;

/** Publishes {@code interpolate}. */
@Component(service = PipelineFactory.class)
public final class InterpolateFactory implements PipelineFactory<InterpolateConfig> {

    @Override
    public Pipeline create(InterpolateConfig load) {
        return new InterpolatePipeline();
    }
}
