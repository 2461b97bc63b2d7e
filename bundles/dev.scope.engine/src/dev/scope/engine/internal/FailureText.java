package dev.scope.engine.internal;

/**
 * Turns exceptions and SCR failure stack traces into Scope's {@code error_type} and
 * {@code error_message}: the root cause's simple class name and its first message line.
 */
record FailureText(String type, String message) {

    static FailureText of(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : firstLine(root.getMessage());
        return new FailureText(root.getClass().getSimpleName(), message);
    }

    /**
     * Parses a stack trace as SCR's {@code ComponentConfigurationDTO.failure} holds it: the last
     * {@code Caused by:} line, else the first line, {@code "pkg.Type: message"}.
     */
    static FailureText ofStackTrace(String trace) {
        String cause = null;
        for (String line : trace.split("\\R")) {
            String l = line.strip();
            if (cause == null && !l.isEmpty()) {
                cause = l;
            }
            if (l.startsWith("Caused by: ")) {
                cause = l.substring("Caused by: ".length());
            }
        }
        if (cause == null) {
            return new FailureText("ActivationFailed", "component failed to activate");
        }
        int colon = cause.indexOf(": ");
        String type = colon < 0 ? cause : cause.substring(0, colon);
        String message = colon < 0 ? "" : cause.substring(colon + 2);
        return new FailureText(type.substring(type.lastIndexOf('.') + 1), message);
    }

    /**
     * @return the failure as a user reads it: the message; for an exception without one, its kind
     *         in words ({@code NullPointerException} -> "unexpected null pointer"). No class name:
     *         the type stays for the API's {@code error_type} and the debug log's trace.
     */
    String plain() {
        if (!message.isBlank() && !message.equals(type)) {
            return message;
        }
        String kind = type.replaceAll("(Exception|Error)$", "").replaceAll("([a-z])([A-Z])", "$1 $2");
        return "unexpected " + kind.toLowerCase(java.util.Locale.ROOT);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip();
    }
}
