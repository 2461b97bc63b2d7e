package dev.scope.pipelines.effects.internal;

import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;

import org.osgi.service.component.annotations.Component;

/** Publishes {@code color-grade}. */
@Component(service = PipelineFactory.class)
public final class ColorGradeFactory implements PipelineFactory<ColorGradeConfig> {

    @Override
    public Pipeline create(ColorGradeConfig load) {
        return new ColorGradePipeline();
    }
}
