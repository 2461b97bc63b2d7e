package dev.scope.pipeline.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a public field of a config class as a pipeline parameter: the Java form of pydantic's
 * {@code Field(...)}. The field initialiser is the default.
 *
 * <p>Types: {@code int}/{@code long} (and boxed) become {@code "integer"}, {@code float}/
 * {@code double} {@code "number"}, {@code boolean} {@code "boolean"}, {@link String}
 * {@code "string"}, {@code List<Integer|Long|Double|String|Boolean>} {@code "array"}, a Java
 * {@code enum} a {@code $ref} into {@code $defs} whose values are the constants' names in lower
 * case. A String with {@link #choices()} is an inline {@code enum} (like a {@code Literal}).
 * Primitive fields are never null; other fields are nullable when {@link #nullable()} is set or
 * their default is {@code null}.
 *
 * <p>The parameter's name in the schema is the field name in {@code snake_case}
 * ({@code colorR} becomes {@code color_r}) unless {@link #name()} is given.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Param {

    /** @return the description (the UI's tooltip); "" for none */
    String description() default "";

    /** @return inclusive minimum, or NaN for none */
    double min() default Double.NaN;

    /** @return inclusive maximum, or NaN for none */
    double max() default Double.NaN;

    /** @return whether {@code null} is a valid value */
    boolean nullable() default false;

    /** @return the allowed values of a String parameter; empty for any */
    String[] choices() default {};

    /** @return the schema name, or "" for the field name in snake_case */
    String name() default "";

    /** @return the schema title, or "" for the name title-cased ("color_r" gives "Color R") */
    String title() default "";
}
