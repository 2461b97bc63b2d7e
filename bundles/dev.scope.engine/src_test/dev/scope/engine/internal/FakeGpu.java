package dev.scope.engine.internal;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;

import dev.scope.frames.FramePool;
import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuBuffer;
import dev.scope.gpu.api.GpuProgram;
import dev.scope.gpu.api.GpuStats;
import dev.scope.gpu.api.GpuTimer;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;

/**
 * A device for the engine's placement and transfer logic: "device frames" are host frames of a pool
 * marked as resident on the device; each timer reports a fixed device time. No kernels.
 */
final class FakeGpu implements Gpu {

    final FramePool pool;
    final long timerNanos;
    final long memoryBytes;
    final AtomicInteger uploads = new AtomicInteger();
    final AtomicInteger downloads = new AtomicInteger();

    FakeGpu(FramePool pool, long timerNanos) {
        this(pool, timerNanos, 1 << 30);
    }

    /** @param memoryBytes what {@link #memoryBytes()} reports */
    FakeGpu(FramePool pool, long timerNanos, long memoryBytes) {
        this.pool = pool;
        this.timerNanos = timerNanos;
        this.memoryBytes = memoryBytes;
    }

    /** A pool frame that says it is on the device. */
    static final class OnDevice implements DeviceFrame {
        final Frame host;

        OnDevice(Frame host) {
            this.host = host;
        }

        @Override
        public int width() {
            return host.width();
        }

        @Override
        public int height() {
            return host.height();
        }

        @Override
        public Residency residency() {
            return Residency.DEVICE;
        }

        @Override
        public boolean writable() {
            return host.writable();
        }

        @Override
        public void readRows(int firstRow, int rows, int[] dst, int offset) {
            host.readRows(firstRow, rows, dst, offset);
        }

        @Override
        public void writeRows(int firstRow, int rows, int[] src, int offset) {
            host.writeRows(firstRow, rows, src, offset);
        }

        @Override
        public DeviceFrame retain() {
            return new OnDevice(host.retain());
        }

        @Override
        public void release() {
            host.release();
        }
    }

    /** @return a new device frame with the pixels, one handle */
    DeviceFrame of(int label) {
        return new OnDevice(pool.of(1, 1, new int[] {label}));
    }

    @Override
    public String deviceName() {
        return "fake";
    }

    @Override
    public String path() {
        return PATH_OPENCL_CPU;
    }

    @Override
    public boolean doubles() {
        return true;
    }

    @Override
    public long memoryBytes() {
        return memoryBytes;
    }

    @Override
    public GpuProgram compile(String source, String options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public GpuProgram compile(Class<?> anchor, String resource, String options) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DeviceFrame allocate(int width, int height) {
        return new OnDevice(pool.allocate(width, height));
    }

    @Override
    public GpuBuffer buffer(long bytes) {
        throw new UnsupportedOperationException();
    }

    @Override
    public GpuBuffer buffer(int[] values) {
        throw new UnsupportedOperationException();
    }

    @Override
    public DeviceFrame upload(Frame frame) {
        if (dev.scope.frames.FrameAccess.target(frame) instanceof OnDevice d) {
            return d.retain();
        }
        uploads.incrementAndGet();
        return new OnDevice(pool.copyOf(frame));
    }

    @Override
    public Frame download(Frame frame, FrameAllocator frames) {
        downloads.incrementAndGet();
        return frames.copyOf(frame);
    }

    @Override
    public void finish() {
    }

    @Override
    public GpuTimer startTimer() {
        return new GpuTimer() {
            @Override
            public void close() {
            }

            @Override
            public OptionalLong deviceNanos() {
                return OptionalLong.of(timerNanos);
            }

            @Override
            public int launches() {
                return 1;
            }
        };
    }

    @Override
    public GpuStats stats() {
        return GpuStats.NONE;
    }
}
