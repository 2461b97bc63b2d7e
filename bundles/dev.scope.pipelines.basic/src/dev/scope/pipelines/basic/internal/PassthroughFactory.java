package dev.scope.pipelines.basic.internal;

import java.util.List;

import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Params;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;
import dev.scope.pipeline.api.Requirements;

import org.osgi.service.component.annotations.Component;

/** Publishes {@code passthrough}. */
@Component(service = PipelineFactory.class)
public final class PassthroughFactory implements PipelineFactory<PassthroughConfig> {

    @Override
    public Pipeline create(PassthroughConfig load) {
        return new Pipeline() {
            @Override
            public Requirements prepare(Params params) {
                return new Requirements(Math.max(1, params.getInt("input_size", 1)));
            }

            @Override
            public Output call(List<Frame> video, Params params) {
                return Output.of(video);
            }
        };
    }
}
