package dev.scope.pipelines.effects.internal;

import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;

import org.osgi.service.component.annotations.Component;

/** Publishes {@code kaleidoscope}. */
@Component(service = PipelineFactory.class)
public final class KaleidoscopeFactory implements PipelineFactory<KaleidoscopeConfig> {

    @Override
    public Pipeline create(KaleidoscopeConfig load) {
        return new KaleidoscopePipeline();
    }
}
