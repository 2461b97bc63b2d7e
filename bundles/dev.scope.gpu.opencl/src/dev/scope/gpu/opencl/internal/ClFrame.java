package dev.scope.gpu.opencl.internal;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.AtomicInteger;

import dev.scope.gpu.api.DeviceFrame;

import org.jocl.cl_mem;

/** A frame in a pooled device buffer of one {@link OpenClGpu}; see {@link DeviceFrame}. */
final class ClFrame implements DeviceFrame {

    /**
     * The frame's buffer, reachable without the frame: when a frame is collected unreleased, the
     * service finds this on its reference queue and takes the buffer back.
     */
    static final class Memory extends PhantomReference<ClFrame> {
        final cl_mem mem;
        final long bytes;

        Memory(ClFrame frame, cl_mem mem, long bytes, ReferenceQueue<ClFrame> queue) {
            super(frame, queue);
            this.mem = mem;
            this.bytes = bytes;
        }
    }

    private final OpenClGpu owner;
    private final int width;
    private final int height;
    private final Memory memory;
    private final AtomicInteger references = new AtomicInteger(1);
    private ByteBuffer hostCopy; // guarded by this

    ClFrame(OpenClGpu owner, int width, int height, cl_mem mem, ReferenceQueue<ClFrame> queue) {
        this.owner = owner;
        this.width = width;
        this.height = height;
        this.memory = new Memory(this, mem, (long) width * height * BYTES_PER_PIXEL, queue);
    }

    OpenClGpu owner() {
        return owner;
    }

    Memory memory() {
        return memory;
    }

    long bytes() {
        return memory.bytes;
    }

    /** @return the device buffer, for a launch or transfer */
    cl_mem mem() {
        if (references.get() <= 0) {
            throw new IllegalStateException(this + " was released");
        }
        return memory.mem;
    }

    void retain() {
        int n;
        do {
            n = references.get();
            if (n <= 0) {
                throw new IllegalStateException(this + " was released");
            }
        } while (!references.compareAndSet(n, n + 1));
    }

    synchronized void dropHostCopy() {
        hostCopy = null;
    }

    @Override
    public void release() {
        int n;
        do {
            n = references.get();
            if (n <= 0) {
                throw new IllegalStateException(this + " was released once too often");
            }
        } while (!references.compareAndSet(n, n - 1));
        if (n == 1) {
            ByteBuffer copy;
            synchronized (this) {
                copy = hostCopy;
                hostCopy = null;
            }
            owner.recycle(memory);
            if (copy != null) {
                owner.recycleHostCopy(copy); // views of it are invalid now, as the frame is
            }
        }
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public Residency residency() {
        return Residency.DEVICE;
    }

    @Override
    public ByteBuffer pixels() {
        ByteBuffer copy;
        synchronized (this) {
            if (hostCopy == null) {
                hostCopy = owner.read(this);
            }
            copy = hostCopy;
        }
        // asReadOnlyBuffer() starts out big-endian like every new buffer view
        return copy.asReadOnlyBuffer().order(ByteOrder.nativeOrder());
    }

    @Override
    public String toString() {
        return "DeviceFrame[" + width + "x" + height + ", " + owner.deviceName() + "]";
    }
}
