package dev.scope.gpu.api;

import java.util.OptionalLong;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The device time of the launches one thread enqueued between {@link Gpu#startTimer()} and
 * {@link #close()}, measured by OpenCL event profiling: the sum of each kernel's execution time
 * on the device. Nothing here waits for the device; the time is known once every timed launch has
 * completed.
 */
@ProviderType
public interface GpuTimer extends AutoCloseable {

    /** Stops counting launches. Idempotent. */
    @Override
    void close();

    /**
     * @return the device nanoseconds of the timed launches once all of them completed (0 when
     *         there were none), else empty; never blocks
     */
    OptionalLong deviceNanos();

    /** @return the number of launches timed */
    int launches();
}
