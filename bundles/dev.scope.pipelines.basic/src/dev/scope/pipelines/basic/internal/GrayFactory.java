package dev.scope.pipelines.basic.internal;

import dev.scope.gpu.api.Gpu;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/** Publishes {@code gray}. */
@Component(service = PipelineFactory.class)
public final class GrayFactory implements PipelineFactory<GrayConfig> {

    /** The device, when there is one; pipelines read it on every call. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile Gpu gpu;

    @Override
    public Pipeline create(GrayConfig load) {
        return new GrayPipeline(() -> gpu);
    }
}
