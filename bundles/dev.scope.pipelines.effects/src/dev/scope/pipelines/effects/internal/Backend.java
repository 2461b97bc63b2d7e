package dev.scope.pipelines.effects.internal;

import dev.scope.gpu.api.Gpu;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Params;

/**
 * Where a call runs, from the hidden runtime parameter {@value #PARAM} (read on every call, so
 * it changes without a reload): {@code java}, {@code opencl} (when a device is available, else
 * Java), or {@code auto}: OpenCL when the input frame is already on the device, or when the effect
 * is compute-bound (it gains from the device even with the upload), else Java.
 */
enum Backend {
    AUTO,
    JAVA,
    OPENCL;

    static final String PARAM = "backend";

    static Backend of(Params params) {
        return params.getEnum(PARAM, Backend.class, AUTO);
    }

    /**
     * @param gpu the Gpu service, or null when there is none
     * @param input the frame the call works on
     * @param computeBound whether the effect's work outweighs moving its frames to the device
     * @return the service to run on, or null for the Java path
     */
    Gpu choose(Gpu gpu, Frame input, boolean computeBound) {
        if (this == JAVA || gpu == null || !gpu.available()) {
            return null;
        }
        return this == OPENCL || computeBound || input.residency() == Frame.Residency.DEVICE ? gpu : null;
    }
}
