package dev.scope.pipelines.effects.internal;

import dev.scope.gpu.api.Gpu;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Publishes {@code color-grade}. */
@Component(service = PipelineFactory.class)
public final class ColorGradeFactory implements PipelineFactory<ColorGradeConfig> {

    /** The device, when there is one; pipelines read it on every call. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Gpu gpu;

    @Override
    public Pipeline create(ColorGradeConfig load) {
        return new ColorGradePipeline(() -> gpu);
    }
}
