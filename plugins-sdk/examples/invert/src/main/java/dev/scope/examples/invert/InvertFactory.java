package dev.scope.examples.invert;

import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;

import org.osgi.service.component.annotations.Component;

/** Registers the pipeline with Scope: the Java form of register_pipelines(register). */
@Component(service = PipelineFactory.class)
public final class InvertFactory implements PipelineFactory<InvertConfig> {

    @Override
    public Pipeline<InvertConfig> create(InvertConfig load) {
        return new InvertPipeline();
    }
}
