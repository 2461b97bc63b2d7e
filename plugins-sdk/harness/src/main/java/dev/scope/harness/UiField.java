package dev.scope.harness;

import java.util.List;

/**
 * One parameter as Scope's settings UI shows it, inferred from the schema JSON by the rules of
 * Scope's frontend (see {@link ConfigSchema#check}).
 *
 * @param key the schema name, e.g. {@code color_r}
 * @param widget {@value #SLIDER}, {@value #NUMBER}, {@value #TOGGLE}, {@value #DROPDOWN} or
 *        {@value #TEXT}; for a field with a {@code ui.component}, the component's name (such as
 *        {@code resolution}), which renders it instead
 * @param category {@code configuration} (the Settings panel) or {@code input} (Input &amp; Controls)
 * @param order the sort order ({@code ui.order}, 999 when unset)
 * @param label the label shown: {@code ui.label}, else the description, else the key title-cased
 * @param loadParam whether it is a load parameter (disabled while streaming)
 * @param modes the input modes it shows in ({@code ui.modes}); empty for all
 */
public record UiField(String key, String widget, String category, int order, String label, boolean loadParam,
        List<String> modes) {

    /** A number or integer with both a minimum and a maximum. */
    public static final String SLIDER = "slider";
    /** A number or integer without both bounds: a stepper. */
    public static final String NUMBER = "number";
    /** A boolean. */
    public static final String TOGGLE = "toggle";
    /** An enum, or a string with choices. */
    public static final String DROPDOWN = "dropdown";
    /** A string. */
    public static final String TEXT = "text";

    /** Copies {@code modes}. */
    public UiField {
        modes = List.copyOf(modes);
    }
}
