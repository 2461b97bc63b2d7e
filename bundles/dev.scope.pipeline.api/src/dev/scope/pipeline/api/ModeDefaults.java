package dev.scope.pipeline.api;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One input mode a pipeline supports ({@code "text"}: no input video; {@code "video"}: input
 * frames) and the values that mode overrides: Scope's {@code ModeDefaults}. Unset attributes
 * ({@code -1}, {@code NaN}, empty, {@link Flag#UNSET}) override nothing. Used inside
 * {@link PipelineConfig#modes()}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({})
public @interface ModeDefaults {

    /** The text input mode. */
    String TEXT = "text";
    /** The video input mode. */
    String VIDEO = "video";

    /** @return the mode: {@link #TEXT} or {@link #VIDEO} */
    String value();

    /** @return whether this is the default mode; without one the first mode is the default */
    boolean isDefault() default false;

    /** @return height override in pixels, or -1 */
    int height() default -1;

    /** @return width override in pixels, or -1 */
    int width() default -1;

    /** @return denoising step schedule override, or empty for none */
    int[] denoisingSteps() default {};

    /** @return noise scale override, or NaN */
    double noiseScale() default Double.NaN;

    /** @return noise controller override */
    Flag noiseController() default Flag.UNSET;

    /** @return input size override, or -1 */
    int inputSize() default -1;

    /** @return temporal interpolation steps override, or -1 */
    int defaultTemporalInterpolationSteps() default -1;
}
