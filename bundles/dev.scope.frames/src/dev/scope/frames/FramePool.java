package dev.scope.frames;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;

/**
 * Host frame memory for reuse: a fresh direct buffer of a full HD frame costs milliseconds (tens
 * of them when the garbage collector falls behind in freeing old ones), a pooled one only its
 * zeroing, or nothing. Frames it makes are reference counted (see {@link Frame}); when the last
 * handle of one is released its buffer comes back here, unless the pool already holds
 * {@link #maxPooledBytes()} of free buffers, when it is left to the garbage collector.
 *
 * <p>One pool serves a whole engine (and every stage, source and sink of it); tests and the SDK's
 * harness make their own. Thread-safe.
 */
public final class FramePool implements FrameAllocator {

    /** The default bound on free buffers kept for reuse: 512 MiB. */
    public static final long DEFAULT_MAX_POOLED_BYTES = 512L << 20;

    private static final int ZEROS = 1 << 20;

    private final long maxPooledBytes;
    private final ByteBuffer zeros = ByteBuffer.allocateDirect(ZEROS);
    private final Map<Integer, ArrayDeque<ByteBuffer>> free = new HashMap<>();
    private long pooledBytes; // guarded by free
    private final AtomicLong framesInUse = new AtomicLong();
    private final AtomicLong bytesInUse = new AtomicLong();
    private final LongAdder created = new LongAdder();
    private final LongAdder reused = new LongAdder();

    /** A pool with the {@link #DEFAULT_MAX_POOLED_BYTES default} bound. */
    public FramePool() {
        this(DEFAULT_MAX_POOLED_BYTES);
    }

    /** @param maxPooledBytes the most free memory kept for reuse, in bytes */
    public FramePool(long maxPooledBytes) {
        this.maxPooledBytes = maxPooledBytes;
    }

    /** @return the bound on free memory kept for reuse, in bytes */
    public long maxPooledBytes() {
        return maxPooledBytes;
    }

    @Override
    public Frame allocate(int width, int height) {
        return frame(width, height, true);
    }

    @Override
    public Frame allocateUninitialized(int width, int height) {
        return frame(width, height, false);
    }

    @Override
    public Frame copyOf(Frame source) {
        ByteBuffer from = FrameAccess.memory(source).orElse(null); // throws for a released handle or ended loan
        Frame copy = frame(source.width(), source.height(), false);
        try {
            if (from != null) {
                ((HostFrame) copy).block.bytes.duplicate().put(from.duplicate().clear());
            } else {
                int[] pixels = new int[source.width() * source.height()];
                source.read(pixels);
                copy.write(pixels);
            }
            return copy;
        } catch (RuntimeException | Error e) {
            copy.release();
            throw e;
        }
    }

    /** @return what the pool holds and lends now */
    public PoolStats stats() {
        long pooled;
        synchronized (free) {
            pooled = pooledBytes;
        }
        return new PoolStats(framesInUse.get(), bytesInUse.get(), pooled, created.sum(), reused.sum());
    }

    private Frame frame(int width, int height, boolean zeroed) {
        if (width < 1 || height < 1 || width > Frame.MAX_SIDE || height > Frame.MAX_SIDE) {
            throw new IllegalArgumentException("a frame of " + width + "x" + height + " is past the frame size limit:"
                    + " 1 to " + Frame.MAX_SIDE + " pixels on each side");
        }
        int bytes = width * height * 4;
        ByteBuffer b;
        synchronized (free) {
            ArrayDeque<ByteBuffer> list = free.get(bytes);
            b = list == null ? null : list.pollFirst();
            if (b != null) {
                pooledBytes -= bytes;
            }
        }
        if (b == null) {
            b = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            created.increment();
        } else {
            reused.increment();
            b.clear().order(ByteOrder.nativeOrder());
            if (zeroed) {
                zero(b, bytes);
            }
        }
        framesInUse.incrementAndGet();
        bytesInUse.addAndGet(bytes);
        return new HostFrame(new Block(this, width, height, b), true);
    }

    private void zero(ByteBuffer b, int bytes) {
        for (int at = 0; at < bytes; at += ZEROS) {
            b.put(at, zeros, 0, Math.min(ZEROS, bytes - at));
        }
    }

    /** The last handle of a block was released. */
    void giveBack(Block block) {
        int bytes = block.bytes.capacity();
        framesInUse.decrementAndGet();
        bytesInUse.addAndGet(-bytes);
        synchronized (free) {
            if (pooledBytes + bytes > maxPooledBytes) {
                return;
            }
            free.computeIfAbsent(bytes, k -> new ArrayDeque<>()).addFirst(block.bytes);
            pooledBytes += bytes;
        }
    }
}
