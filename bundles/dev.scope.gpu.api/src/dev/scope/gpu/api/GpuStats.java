package dev.scope.gpu.api;

/**
 * Counters of a {@link Gpu} service since it started, for metrics and tests. All but
 * {@link #framesInUse()} only grow; {@link #since(GpuStats)} gives the counts of an interval.
 *
 * @param uploads host-to-device frame copies
 * @param uploadedBytes bytes copied host to device, kernel argument arrays included
 * @param downloads device-to-host frame copies ({@link DeviceFrame#read} and
 *        {@link Gpu#download})
 * @param downloadedBytes bytes copied device to host
 * @param launches kernel launches enqueued
 * @param programsBuilt programs compiled from source
 * @param programsLoaded programs loaded from the on-disk binary cache instead of compiled
 * @param programCacheHits {@link Gpu#compile} calls answered from the in-process cache
 * @param buffersCreated frame buffers the pool had to create
 * @param buffersReused frame buffers the pool handed out again
 * @param framesInUse device frames allocated and not yet released (a gauge, not a count)
 * @param framesLeaked device frames collected by the garbage collector without a release
 */
public record GpuStats(long uploads, long uploadedBytes, long downloads, long downloadedBytes,
        long launches, long programsBuilt, long programsLoaded, long programCacheHits,
        long buffersCreated, long buffersReused, long framesInUse, long framesLeaked) {

    /** All zero. */
    public static final GpuStats NONE = new GpuStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * The counts between an earlier snapshot and this one; {@link #framesInUse()} stays this
     * snapshot's value.
     *
     * @param earlier a snapshot taken before this one
     * @return the differences
     */
    public GpuStats since(GpuStats earlier) {
        return new GpuStats(uploads - earlier.uploads, uploadedBytes - earlier.uploadedBytes,
                downloads - earlier.downloads, downloadedBytes - earlier.downloadedBytes,
                launches - earlier.launches, programsBuilt - earlier.programsBuilt,
                programsLoaded - earlier.programsLoaded, programCacheHits - earlier.programCacheHits,
                buffersCreated - earlier.buffersCreated, buffersReused - earlier.buffersReused,
                framesInUse, framesLeaked - earlier.framesLeaked);
    }
}
