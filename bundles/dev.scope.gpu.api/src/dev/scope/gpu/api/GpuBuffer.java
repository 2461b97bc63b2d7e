package dev.scope.gpu.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Scratch memory on the device: a plain {@code __global} buffer for intermediate results and
 * tables, seen by a kernel as any pointer type. Reference counted: {@link Gpu#buffer} gives the
 * caller one reference, {@link #release()} drops it, and the last release returns the memory to
 * the service's pool.
 */
@ProviderType
public interface GpuBuffer {

    /** @return the size in bytes */
    long bytes();

    /**
     * Drops the caller's reference. Work already enqueued on the buffer still completes correctly,
     * so it may be released right after the launch that uses it.
     *
     * @throws IllegalStateException when it was already released
     */
    void release();
}
