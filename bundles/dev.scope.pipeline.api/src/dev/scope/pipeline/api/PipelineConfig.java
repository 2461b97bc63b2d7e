package dev.scope.pipeline.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A pipeline's class-level metadata, placed on its config class (a subclass of
 * {@link BasePipelineConfig}): the Java form of the class variables of Scope's
 * {@code BasePipelineConfig}. Every attribute has Scope's default. Attributes that are
 * {@code null} in Scope by default use a sentinel here ({@code ""} or a negative number).
 *
 * <pre>{@code
 * @PipelineConfig(id = "invert", name = "Invert Colors",
 *         description = "Inverts the colors of input video frames",
 *         supportsPrompts = false,
 *         modes = @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true))
 * public class InvertConfig extends BasePipelineConfig { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface PipelineConfig {

    /** @return the pipeline id: unique, stable, lower-case words joined by '-' */
    String id();

    /** @return the display name */
    String name() default "";

    /** @return a one-line description */
    String description() default "";

    /** @return the pipeline's version */
    String version() default "1.0.0";

    /** @return a documentation URL, or "" for none */
    String docsUrl() default "";

    /** @return the description of the config schema itself (Scope: the class docstring), or "" */
    String configDescription() default "";

    /** @return estimated GPU memory in GB, or a negative number for unknown */
    double estimatedVramGb() default -1;

    /** @return whether model files must be downloaded before use */
    boolean requiresModels() default false;

    /** @return whether LoRA adapters are supported */
    boolean supportsLora() default false;

    /** @return whether VACE conditioning is supported */
    boolean supportsVace() default false;

    /** @return whether the pipeline manages a cache */
    boolean supportsCacheManagement() default false;

    /** @return whether KV cache bias is supported */
    boolean supportsKvCacheBias() default false;

    /** @return whether quantization is supported */
    boolean supportsQuantization() default false;

    /** @return whether the pipeline takes text prompts (false hides the prompt box) */
    boolean supportsPrompts() default true;

    /** @return whether it produces video */
    boolean producesVideo() default true;

    /** @return whether it produces audio */
    boolean producesAudio() default false;

    /** @return the smallest width or height it accepts */
    int minDimension() default 1;

    /** @return whether this is a modified variant */
    boolean modified() default false;

    /** @return VRAM in GB below which quantization is recommended, or negative for none */
    double recommendedQuantizationVramThreshold() default -1;

    /** @return pre/postprocessor roles; empty for a main pipeline */
    Usage[] usage() default {};

    /** @return input ports */
    String[] inputs() default {"video"};

    /** @return output ports */
    String[] outputs() default {"video"};

    /** @return supported input modes, in order, with their overrides */
    ModeDefaults[] modes() default {@ModeDefaults(value = ModeDefaults.TEXT, isDefault = true)};

    /** @return the default temporal interpolation method */
    String defaultTemporalInterpolationMethod() default "slerp";

    /** @return the default number of temporal interpolation steps */
    int defaultTemporalInterpolationSteps() default 0;

    /** @return the default spatial interpolation method */
    String defaultSpatialInterpolationMethod() default "linear";

    /**
     * How many output frames the pipeline produces per input frame over time: 2 for an
     * interpolator that doubles the frame rate. Sinks that need a frame rate (a video file) get
     * the source's rate times the product of the chain's factors. Not part of Scope's schema.
     *
     * @return the factor, above 0
     * @since 1.1
     */
    double frameRateFactor() default 1.0;
}
