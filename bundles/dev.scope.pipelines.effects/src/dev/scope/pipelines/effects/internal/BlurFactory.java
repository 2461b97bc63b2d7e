package dev.scope.pipelines.effects.internal;

import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;

import org.osgi.service.component.annotations.Component;

/** Publishes {@code blur}. */
@Component(service = PipelineFactory.class)
public final class BlurFactory implements PipelineFactory<BlurConfig> {

    @Override
    public Pipeline create(BlurConfig load) {
        return new BlurPipeline();
    }
}
