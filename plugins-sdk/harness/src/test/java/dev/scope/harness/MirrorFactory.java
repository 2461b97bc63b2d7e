package dev.scope.harness;

import java.util.Set;

import dev.scope.pipeline.api.Backend;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;

public final class MirrorFactory implements PipelineFactory<MirrorConfig> {

    @Override
    public Set<Backend> backends() {
        return Set.of(Backend.JAVA, Backend.OPENCL); // the engine may place it on the OpenCL device
    }

    @Override
    public Pipeline<MirrorConfig> create(MirrorConfig load) {
        return new MirrorPipeline();
    }
}
