package dev.scope.gpu.opencl.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.concurrent.atomic.AtomicInteger;

import org.jocl.cl_mem;

/**
 * One pooled device buffer of an {@link OpenClGpu}, shared by every handle of a frame
 * ({@link ClFrame}) or held by one scratch buffer ({@link ClBuffer}): reference counted, one
 * reference a handle; the last release gives the buffer back to the service's pool.
 *
 * <p>A frame's memory also keeps the host copy its reads come from: downloaded on the first read,
 * kept while nothing writes the frame, dropped (back to the service's pool of host copies) when a
 * launch or a write changes the pixels and at the last release.
 */
final class ClMemory {

    final OpenClGpu owner;
    final cl_mem mem;
    final long bytes;
    /** Of a frame; 0 for a scratch buffer. */
    final int width;
    final int height;
    private final AtomicInteger references = new AtomicInteger(1);
    private ByteBuffer hostCopy; // guarded by this
    private IntBuffer hostPixels; // guarded by this: hostCopy as little-endian ints, red in the low byte

    ClMemory(OpenClGpu owner, cl_mem mem, long bytes, int width, int height) {
        this.owner = owner;
        this.mem = mem;
        this.bytes = bytes;
        this.width = width;
        this.height = height;
    }

    boolean isFrame() {
        return width > 0;
    }

    /** One more reference, for a new handle. */
    void retain() {
        int n;
        do {
            n = references.get();
            if (n <= 0) {
                throw new IllegalStateException("the device frame's memory was already given back");
            }
        } while (!references.compareAndSet(n, n + 1));
    }

    /** Drops one reference; the last one gives the buffer and the host copy back. */
    void release() {
        int left = references.decrementAndGet();
        if (left == 0) {
            ByteBuffer copy;
            synchronized (this) {
                copy = hostCopy;
                hostCopy = null;
                hostPixels = null;
            }
            owner.recycle(this, copy);
        } else if (left < 0) {
            throw new IllegalStateException("a device frame's memory was released once too often");
        }
    }

    /**
     * Copies rows out of the host copy, downloading it first when there is none. Called under the
     * service's read lock.
     */
    synchronized void readRows(int firstRow, int rows, int[] dst, int offset) {
        hostPixels().get(firstRow * width, dst, offset, rows * width);
    }

    /**
     * Fills {@code target} (direct, {@link #bytes} from position 0) with the pixels: from the host
     * copy when there is one, else straight from the device. Called under the service's read lock.
     */
    synchronized void copyTo(ByteBuffer target) {
        if (hostCopy != null) {
            target.duplicate().clear().put(hostCopy.duplicate().clear());
        } else {
            owner.readInto(this, target);
        }
    }

    private IntBuffer hostPixels() {
        if (hostPixels == null) {
            ByteBuffer copy = owner.hostCopyOf(this);
            hostCopy = copy;
            hostPixels = copy.duplicate().clear().order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        }
        return hostPixels;
    }

    /** The device pixels changed: later reads download again. */
    void dropHostCopy() {
        ByteBuffer copy;
        synchronized (this) {
            copy = hostCopy;
            hostCopy = null;
            hostPixels = null;
        }
        if (copy != null) {
            owner.recycleHostCopy(copy);
        }
    }

    /** @return whether a read would be answered from the host copy (for tests) */
    synchronized boolean hasHostCopy() {
        return hostCopy != null;
    }
}
