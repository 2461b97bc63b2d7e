package dev.scope.schema;

/**
 * A parameter value that a pipeline's schema does not accept: an unknown name, a value of the
 * wrong type, out of range, not one of the choices, or {@code null} where null is not allowed.
 *
 * <p>The message is one line that names the pipeline id, the parameter, the value given and
 * what is allowed, so that it can be shown to a user as is, for example
 * {@code invert: intensity = 1.5 is out of range; allowed: 0.0 to 1.0}.
 */
public class InvalidParameterException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final transient Object value;
    private final String allowed;

    /**
     * Creates the exception; {@link ConfigModel} composes the message.
     *
     * @param message the complete one-line message
     * @param parameter the parameter's schema name as given
     * @param value the value given (may be {@code null})
     * @param allowed a description of what is allowed
     */
    public InvalidParameterException(String message, String parameter, Object value, String allowed) {
        super(message);
        this.parameter = parameter;
        this.value = value;
        this.allowed = allowed;
    }

    /** @return the parameter's schema name as given, e.g. {@code color_r} */
    public String parameter() {
        return parameter;
    }

    /** @return the rejected value as given (a list item for a bad item), possibly {@code null} */
    public Object value() {
        return value;
    }

    /**
     * @return what is allowed, e.g. {@code 0.0 to 1.0}, {@code integer 0 to 255},
     *         {@code one of normal, screen} or, for an unknown name, the known parameter names
     */
    public String allowed() {
        return allowed;
    }
}
