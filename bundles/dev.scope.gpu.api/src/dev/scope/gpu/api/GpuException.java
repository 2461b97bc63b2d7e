package dev.scope.gpu.api;

/**
 * The device or its driver failed: out of device memory, a launch refused, a lost device. The
 * engine's guard treats it like any stage failure. Unchecked; the message names the OpenCL call
 * and error.
 */
public class GpuException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the OpenCL call and its error
     * @param cause the underlying error, or null
     */
    public GpuException(String message, Throwable cause) {
        super(message, cause);
    }
}
