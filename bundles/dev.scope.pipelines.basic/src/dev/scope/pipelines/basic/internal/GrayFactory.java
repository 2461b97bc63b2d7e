package dev.scope.pipelines.basic.internal;

import java.util.Set;

import dev.scope.pipeline.api.Backend;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;

import org.osgi.service.component.annotations.Component;

/**
 * Publishes {@code gray}. Memory-bound, but with a kernel: the engine measures which path serves a
 * stage better.
 */
@Component(service = PipelineFactory.class)
public final class GrayFactory implements PipelineFactory<GrayConfig> {

    @Override
    public Set<Backend> backends() {
        return Set.of(Backend.JAVA, Backend.OPENCL);
    }

    @Override
    public Pipeline<GrayConfig> create(GrayConfig load) {
        return new GrayPipeline();
    }
}
