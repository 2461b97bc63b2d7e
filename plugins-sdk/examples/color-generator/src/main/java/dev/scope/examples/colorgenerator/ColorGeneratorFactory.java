package dev.scope.examples.colorgenerator;

import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;

import org.osgi.service.component.annotations.Component;

@Component(service = PipelineFactory.class)
public final class ColorGeneratorFactory implements PipelineFactory<ColorGeneratorConfig> {

    @Override
    public Pipeline<ColorGeneratorConfig> create(ColorGeneratorConfig load) {
        return new ColorGeneratorPipeline();
    }
}
