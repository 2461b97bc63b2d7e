package dev.scope.gpu.opencl.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Free buffers by size in bytes, so that a stream of frames of one size reuses a handful of
 * buffers instead of allocating per frame (device buffers, and host copies, whose fresh direct
 * memory costs more than the transfer). Holds at most {@code keepPerSize} free buffers of a
 * size; the caller frees what the pool refuses. Thread-safe.
 *
 * @param <T> the buffer type
 */
final class Pool<T> {

    private final int keepPerSize;
    private final Map<Long, ArrayDeque<T>> free = new HashMap<>();
    private boolean closed;

    Pool(int keepPerSize) {
        this.keepPerSize = keepPerSize;
    }

    /** @return a free buffer of exactly {@code bytes}, or null when there is none */
    synchronized T take(long bytes) {
        ArrayDeque<T> buffers = free.get(bytes);
        return buffers == null ? null : buffers.pollLast();
    }

    /** @return whether the pool kept the buffer; if not, the caller frees it */
    synchronized boolean give(long bytes, T buffer) {
        if (closed) {
            return false;
        }
        ArrayDeque<T> buffers = free.computeIfAbsent(bytes, b -> new ArrayDeque<>());
        if (buffers.size() >= keepPerSize) {
            return false;
        }
        buffers.addLast(buffer);
        return true;
    }

    /** Refuses every later {@link #give}. @return the free buffers, for the caller to free */
    synchronized List<T> close() {
        closed = true;
        List<T> all = new ArrayList<>();
        free.values().forEach(all::addAll);
        free.clear();
        return all;
    }
}
