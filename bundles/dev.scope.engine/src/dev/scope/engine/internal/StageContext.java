package dev.scope.engine.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.scope.gpu.api.Gpu;
import dev.scope.pipeline.api.CallContext;
import dev.scope.pipeline.api.FrameAllocator;
import dev.scope.pipeline.api.PixelOps;

/** The context of one call of a stage: what the engine supplies besides the typed parameters. */
record StageContext(boolean initCache, boolean videoMode, int width, int height, double frameRate,
        Map<String, Object> upstream, List<String> prompts, FrameAllocator frames, PixelOps pixels, Gpu gpu)
        implements CallContext {

    @Override
    public <T> Optional<T> device(Class<T> type) {
        return gpu != null && type == Gpu.class ? Optional.of(type.cast(gpu)) : Optional.empty();
    }
}
