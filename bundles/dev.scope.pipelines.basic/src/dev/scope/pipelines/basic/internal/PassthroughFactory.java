package dev.scope.pipelines.basic.internal;

import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;

import org.osgi.service.component.annotations.Component;

/**
 * Publishes {@code passthrough}: its inputs go on as they are (the engine keeps its own reference
 * of each), in batches of {@code input_size}, which its video mode sets to four.
 */
@Component(service = PipelineFactory.class)
public final class PassthroughFactory implements PipelineFactory<PassthroughConfig> {

    @Override
    public Pipeline<PassthroughConfig> create(PassthroughConfig load) {
        return (video, params, context) -> Output.of(video);
    }
}
