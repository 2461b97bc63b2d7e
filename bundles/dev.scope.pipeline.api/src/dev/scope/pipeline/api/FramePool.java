package dev.scope.pipeline.api;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Frame memory for reuse: released host frames give their direct buffers back here and
 * {@link Frame#allocate} takes them again, because a fresh direct buffer of a full HD frame costs
 * milliseconds (and tens of them when the garbage collector falls behind in freeing the old
 * ones). The pool is process-wide on purpose, the one piece of static mutable state in the API:
 * plugins allocate through a static method. It is bounded ({@link #MAX_BYTES}); buffers beyond
 * that are left to the garbage collector. Thread-safe.
 */
final class FramePool {

    static final long MAX_BYTES = 512L << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(1 << 20);

    private static final Map<Integer, ArrayDeque<ByteBuffer>> FREE = new HashMap<>();
    private static long pooledBytes;

    private FramePool() {
    }

    /**
     * @param zeroed whether a reused buffer must be zeroed (fresh ones always are)
     * @return a direct buffer of {@code bytes}, native order, position 0, limit {@code bytes}
     */
    static ByteBuffer take(int bytes, boolean zeroed) {
        ByteBuffer b;
        synchronized (FREE) {
            ArrayDeque<ByteBuffer> free = FREE.get(bytes);
            b = free == null ? null : free.pollFirst();
            if (b != null) {
                pooledBytes -= bytes;
            }
        }
        if (b == null) {
            return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        for (int at = 0; zeroed && at < bytes; at += ZEROS.capacity()) {
            b.put(at, ZEROS, 0, Math.min(ZEROS.capacity(), bytes - at));
        }
        return b.clear().order(ByteOrder.nativeOrder());
    }

    static void give(ByteBuffer b) {
        int bytes = b.capacity();
        synchronized (FREE) {
            if (pooledBytes + bytes > MAX_BYTES) {
                return;
            }
            FREE.computeIfAbsent(bytes, k -> new ArrayDeque<>()).addFirst(b);
            pooledBytes += bytes;
        }
    }
}
