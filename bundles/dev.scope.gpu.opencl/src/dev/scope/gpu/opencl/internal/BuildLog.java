package dev.scope.gpu.opencl.internal;

import java.util.regex.Pattern;

/** Picks the line of an OpenCL C compiler log that a user should read first. */
final class BuildLog {

    /** A driver's temporary file name for the source, as in PoCL's {@code /.../tempfile_x.cl:3:14}. */
    private static final Pattern TEMP_SOURCE = Pattern.compile("(?:/[^\\s:]*)?/[^/\\s:]+\\.cl(?=:\\d+)");

    private BuildLog() {
    }

    /**
     * @param log the build log, possibly empty
     * @param fallback what to say when the log has no line at all (the OpenCL error code)
     * @return the first line mentioning an error, else the first non-blank line, else the
     *         fallback; a temporary source file's path reads {@code <source>}
     */
    static String firstError(String log, String fallback) {
        String firstLine = null;
        for (String line : log.split("\\R")) {
            String text = line.strip();
            if (text.isEmpty()) {
                continue;
            }
            if (text.contains("error")) {
                return TEMP_SOURCE.matcher(text).replaceAll("<source>");
            }
            if (firstLine == null) {
                firstLine = text;
            }
        }
        return firstLine != null ? TEMP_SOURCE.matcher(firstLine).replaceAll("<source>") : fallback;
    }
}
