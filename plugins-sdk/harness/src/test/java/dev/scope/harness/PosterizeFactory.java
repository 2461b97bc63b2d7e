package dev.scope.harness;

import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;

public final class PosterizeFactory implements PipelineFactory<PosterizeConfig> {

    @Override
    public Pipeline<PosterizeConfig> create(PosterizeConfig load) {
        return new PosterizePipeline(load.tableBits); // load parameters are read here, once
    }
}
