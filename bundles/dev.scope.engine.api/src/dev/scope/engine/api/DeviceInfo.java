package dev.scope.engine.api;

/**
 * The compute device the engine places stages on: the OpenCL device of the {@code Gpu} service.
 *
 * @param name the device's name as its driver reports it
 * @param path {@code opencl-gpu} or {@code opencl-cpu} (as a stage's path in the metrics)
 * @param memoryBytes the device's global memory in bytes
 * @since 3.1
 */
public record DeviceInfo(String name, String path, long memoryBytes) {

    /** Bytes in one of Scope's gigabytes: {@code estimated_vram_gb} and {@code vram_gb} count 2^30 bytes. */
    public static final long BYTES_PER_GB = 1L << 30;

    /** @return the memory in Scope's gigabytes (2^30 bytes) */
    public double memoryGb() {
        return memoryBytes / (double) BYTES_PER_GB;
    }
}
