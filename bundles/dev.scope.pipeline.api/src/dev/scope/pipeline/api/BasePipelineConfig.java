package dev.scope.pipeline.api;

import java.util.List;

/**
 * The base of every pipeline config class: Scope's {@code BasePipelineConfig} instance fields,
 * with its defaults and constraints. None has a {@link Ui} annotation, so none is shown unless a
 * pipeline re-declares it. In text mode {@link #height} and {@link #width} are the size to
 * generate, and can be set; in video mode the stream decides the size: a pipeline reads the
 * input's real size there, and setting them is refused.
 *
 * <p>A subclass adds its parameters as public fields annotated with {@link Param} (and
 * {@link Ui} to show them), is annotated with {@link PipelineConfig}, and has a public
 * no-argument constructor. Instances are plain mutable value holders owned by whoever created
 * them; they are not thread-safe.
 */
public class BasePipelineConfig {

    /** Output height in pixels. */
    @Param(description = "Output height in pixels", min = 1)
    public int height = 512;

    /** Output width in pixels. */
    @Param(description = "Output width in pixels", min = 1)
    public int width = 512;

    /** Automatic cache management. */
    @Param(description = "Enable automatic cache management for performance optimization")
    public boolean manageCache = true;

    /** Base random seed. */
    @Param(description = "Base random seed for reproducible generation", min = 0)
    public int baseSeed = 42;

    /** Denoising step schedule, or null. */
    @Param(description = "Denoising step schedule for progressive generation")
    public List<Integer> denoisingSteps = null;

    /** LoRA merge strategy, or null. */
    @Param(choices = {"permanent_merge", "runtime_peft"})
    public String loraMergeStrategy = null;

    /** Noise amount in video mode, or null. */
    @Param(description = "Amount of noise to add during video generation (video mode only)",
            min = 0.0, max = 1.0)
    public Double noiseScale = null;

    /** Dynamic noise control in video mode, or null. */
    @Param(description = "Enable dynamic noise control during generation (video mode only)")
    public Boolean noiseController = null;

    /** Input frames a call takes in video mode (the default {@link Pipeline#prepare} asks for them). */
    @Param(description = "Expected input video frame count (video mode only)", min = 1, nullable = true)
    public Integer inputSize = 1;

    /** Reference image paths, or null. */
    @Param(description = "List of reference image paths for VACE conditioning")
    public List<String> refImages = null;

    /** VACE hint scale. */
    @Param(description = "Scaling factor for VACE hint injection (0.0 to 2.0)", min = 0.0, max = 2.0)
    public double vaceContextScale = 1.0;
}
