package dev.scope.frames;

/**
 * What a {@link FramePool} holds and lends, as a snapshot.
 *
 * @param framesInUse host frames whose memory is held by at least one handle
 * @param bytesInUse the memory of those frames
 * @param pooledBytes free memory kept for reuse, at most the pool's bound
 * @param buffersCreated buffers the pool had to create so far
 * @param buffersReused frames made from a pooled buffer so far
 */
public record PoolStats(long framesInUse, long bytesInUse, long pooledBytes, long buffersCreated, long buffersReused) {
}
