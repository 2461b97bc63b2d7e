package dev.scope.gpu.api;

/**
 * A kernel source did not build. The message names the first error line of the build log (such
 * as {@code "<source>:3:14: error: use of undeclared identifier 'y'"}); {@link #buildLog()} has
 * the whole log.
 */
public class GpuBuildException extends GpuException {

    private static final long serialVersionUID = 1L;

    private final String buildLog;

    /**
     * @param message what failed, naming the first error line of the log
     * @param buildLog the compiler's whole output, possibly empty
     */
    public GpuBuildException(String message, String buildLog) {
        super(message, null);
        this.buildLog = buildLog == null ? "" : buildLog;
    }

    /** @return the compiler's whole output, possibly empty */
    public String buildLog() {
        return buildLog;
    }
}
