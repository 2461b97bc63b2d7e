package dev.scope.pipeline.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Shows a {@link Param} in the settings UI: the Java form of Scope's {@code ui_field_config()}.
 * Parameters without it are not rendered. The schema's {@code ui} object always holds
 * {@code category} and {@code is_load_param}; the other keys only when set here.
 *
 * <p>The widget follows from the type: enum or choices give a dropdown, a number with both
 * {@code min} and {@code max} a slider, other numbers a stepper, a boolean a toggle, a string a
 * text box.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Ui {

    /** Settings panel. */
    String CONFIGURATION = "configuration";
    /** Input &amp; Controls panel, below the prompts. */
    String INPUT = "input";

    /** @return display order, lower first; {@link Integer#MIN_VALUE} for unset (sorted as 999) */
    int order() default Integer.MIN_VALUE;

    /** @return a complex component name ({@code resolution}, {@code lora}, ...), or "" */
    String component() default "";

    /** @return the input modes in which it shows; empty for all */
    String[] modes() default {};

    /**
     * @return whether this is a load parameter: passed at construction, disabled while
     *         streaming, a change reloads the pipeline
     */
    boolean loadParam() default false;

    /** @return a short label; "" to use the description */
    String label() default "";

    /** @return {@link #CONFIGURATION} or {@link #INPUT} */
    String category() default CONFIGURATION;

    /** @return whether the value may be modulated over time */
    Flag modulatable() default Flag.UNSET;

    /** @return lower bound for modulation, or NaN */
    double modulatableMin() default Double.NaN;

    /** @return upper bound for modulation, or NaN */
    double modulatableMax() default Double.NaN;
}
