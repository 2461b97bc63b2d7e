package dev.scope.schema;

/**
 * A config class that cannot be turned into a schema: a bug in the plugin that declares it. The
 * message names the class (and the field, where one is at fault) and the problem, for example
 * {@code com.example.InvertConfig.intensity (intensity): default 1.5 is out of range; allowed: 0.0 to 1.0}.
 */
public class SchemaException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the class
     */
    public SchemaException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is wrong, naming the class
     * @param cause the underlying failure, for example the exception a constructor threw
     */
    public SchemaException(String message, Throwable cause) {
        super(message, cause);
    }
}
