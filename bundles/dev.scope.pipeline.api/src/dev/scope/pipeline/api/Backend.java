package dev.scope.pipeline.api;

/**
 * Where a stage's work can run. A pipeline factory declares which it supports
 * ({@link PipelineFactory#backends()}); the engine decides, per stage, which one runs, and hands
 * the stage its frames there.
 */
public enum Backend {
    /** Java on the host; every pipeline supports it. */
    JAVA("java"),
    /** An OpenCL device, through the GPU API ({@code CallContext.device(Gpu.class)}). */
    OPENCL("opencl");

    private final String value;

    Backend(String value) {
        this.value = value;
    }

    /** @return the name as the command line and the metrics spell it: {@code java}, {@code opencl} */
    public String value() {
        return value;
    }
}
