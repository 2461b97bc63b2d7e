package dev.scope.ui.stream.internal;

/** Exceptions as one readable line for a status line. */
final class Messages {

    private Messages() {
    }

    /**
     * @return the message of a user-facing exception as it is; for others the message with what
     *         kind of failure it was in plain words, never a class name
     */
    static String readable(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e instanceof java.io.IOException ? "reading or writing failed" : "an unexpected error ("
                    + e.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(java.util.Locale.ROOT)
                    + ")";
        }
        return m.lines().findFirst().orElse(m);
    }
}
