package dev.scope.frames;

import java.util.concurrent.ForkJoinPool;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuProgram;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;
import dev.scope.pipeline.api.PixelOps;

/**
 * The pixel helpers of the plugin contract ({@link PixelOps}): in Java over bands of rows on the
 * common fork-join pool, and, for inputs on the device when a {@link Gpu} is given, in OpenCL
 * kernels ({@code pixels.cl}) with the same integer arithmetic, so both paths give the same levels.
 *
 * <p>One instance serves one stage: it keeps the last {@link #lookup} table by its key. Called by
 * one thread at a time (the stage's); the bands it runs use the pool's threads.
 */
public final class PlatformPixels implements PixelOps {

    /** Below this many pixels band work stays on the calling thread. */
    private static final long PARALLEL_PIXELS = 1 << 15;
    /** The point operations are light: below this many pixels a parallel stream costs more than it saves. */
    private static final long PARALLEL_POINT_PIXELS = 1 << 20;
    /** Pixels moved in and out of the frame per chunk: a chunk's work stays in the CPU cache. */
    private static final int CHUNK = 4096;

    private final FrameAllocator frames;
    private final Gpu gpu;
    private GpuProgram program;
    private Object tableKey;
    private int[] table;

    /**
     * @param frames where new host frames come from
     * @param gpu the device for device inputs, or {@code null} for Java only (a device input is read back)
     */
    public PlatformPixels(FrameAllocator frames, Gpu gpu) {
        this.frames = frames;
        this.gpu = gpu;
    }

    @Override
    public Frame affine(Frame in, double gain, double offset) {
        double top = offset + 255 * gain;
        if (Double.isFinite(gain) && Double.isFinite(offset) && offset >= 0 && offset <= 255 && top >= 0
                && top <= 255) {
            // v -> (v * keep + (255 - v) * inverse + 128) >> 8: at v = 0 about offset, at 255 about top
            int keep = (int) Math.round(256 * top / 255);
            int inverse = (int) Math.round(256 * offset / 255);
            return onDevice(in) ? deviceBlend(in, keep, inverse) : blend(in, keep, inverse);
        }
        int[] levels = new int[256];
        for (int v = 0; v < 256; v++) {
            levels[v] = (int) Math.max(0, Math.min(255, Math.round(gain * v + offset))); // long: no wrap-around
        }
        return apply(in, shifted(levels));
    }

    @Override
    public Frame lookup(Frame in, Object key, IntUnaryOperator level) {
        if (table == null || key != tableKey) {
            int[] levels = new int[256];
            for (int v = 0; v < 256; v++) {
                levels[v] = clamp(level.applyAsInt(v));
            }
            table = shifted(levels);
            tableKey = key;
        }
        return apply(in, table);
    }

    @Override
    public Frame map(Frame in, IntUnaryOperator pixel) {
        int w = in.width();
        int h = in.height();
        Frame out = frames.allocateUninitialized(w, h);
        try {
            points(in, out, PARALLEL_PIXELS, px -> {
                for (int i = 0; i < px.length; i++) {
                    px[i] = pixel.applyAsInt(px[i]) | Frame.OPAQUE;
                }
            });
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    @Override
    public void inBands(int rows, int width, Bands body) {
        run(rows, bandCount(rows, width, PARALLEL_PIXELS), body);
    }

    @Override
    public int bands(int rows, int width) {
        return bandCount(rows, width, PARALLEL_PIXELS);
    }

    private static int bandCount(int rows, int width, long parallelPixels) {
        int workers = ForkJoinPool.getCommonPoolParallelism() + 1;
        return (long) rows * width < parallelPixels || workers == 1 ? 1 : Math.min(rows, 4 * workers);
    }

    private static void run(int rows, int count, Bands body) {
        if (count == 1) {
            body.rows(0, 0, rows);
            return;
        }
        IntStream.range(0, count).parallel().forEach(b -> body.rows(b, (int) ((long) rows * b / count),
                (int) ((long) rows * (b + 1) / count)));
    }

    /** In place over chunks of whole rows of packed pixels. */
    @FunctionalInterface
    private interface Chunk {
        void apply(int[] pixels);
    }

    /**
     * Reads {@code in} chunk by chunk, lets {@code work} change each chunk, writes it to {@code out}.
     * Every pixel {@code work} leaves has its padding byte set, so a pool frame takes the chunks
     * without the scan that {@link Frame#writeRows} makes for plugins.
     */
    private void points(Frame in, Frame out, long parallelPixels, Chunk work) {
        int w = in.width();
        int h = in.height();
        int rowsPerChunk = Math.max(1, CHUNK / w);
        run(h, bandCount(h, w, parallelPixels), (band, from, to) -> {
            int[] px = new int[rowsPerChunk * w];
            for (int y = from; y < to; y += rowsPerChunk) {
                int rows = Math.min(rowsPerChunk, to - y);
                int[] chunk = rows == rowsPerChunk ? px : new int[rows * w];
                in.readRows(y, rows, chunk, 0);
                work.apply(chunk);
                if (out instanceof HostFrame host) {
                    host.writeOpaqueRows(y, rows, chunk, 0);
                } else {
                    out.writeRows(y, rows, chunk, 0);
                }
            }
        });
    }

    private Frame blend(Frame in, int keep, int inverse) {
        Frame out = frames.allocateUninitialized(in.width(), in.height());
        try {
            points(in, out, PARALLEL_POINT_PIXELS, px -> {
                for (int i = 0; i < px.length; i++) {
                    int p = px[i];
                    int even = p & 0x00FF00FF; // red and blue, each in a 16-bit lane
                    int odd = p >>> 8 & 0x00FF00FF; // green and the padding
                    int e = (even * keep + (0x00FF00FF - even) * inverse + 0x00800080) >>> 8 & 0x00FF00FF;
                    int o = (odd * keep + (0x00FF00FF - odd) * inverse + 0x00800080) & 0xFF00FF00;
                    px[i] = e | o | Frame.OPAQUE;
                }
            });
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    /** Applies a table of {@link #shifted} levels. */
    private Frame apply(Frame in, int[] shifted) {
        if (onDevice(in)) {
            return deviceLookup(in, shifted);
        }
        Frame out = frames.allocateUninitialized(in.width(), in.height());
        try {
            points(in, out, PARALLEL_POINT_PIXELS, px -> {
                for (int i = 0; i < px.length; i++) {
                    int p = px[i];
                    px[i] = shifted[p & 0xFF] | shifted[256 + (p >>> 8 & 0xFF)] | shifted[512 + (p >>> 16 & 0xFF)]
                            | Frame.OPAQUE;
                }
            });
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    /** @return red levels, green levels shifted by 8, blue levels shifted by 16, one after the other */
    private static int[] shifted(int[] levels) {
        int[] t = new int[768];
        for (int v = 0; v < 256; v++) {
            t[v] = levels[v];
            t[256 + v] = levels[v] << 8;
            t[512 + v] = levels[v] << 16;
        }
        return t;
    }

    private static int clamp(int level) {
        return level < 0 ? 0 : Math.min(level, 255);
    }

    private boolean onDevice(Frame in) {
        return gpu != null && in.residency() == Frame.Residency.DEVICE;
    }

    private GpuProgram program() {
        if (program == null) {
            program = gpu.compile(PlatformPixels.class, "pixels.cl", "");
        }
        return program;
    }

    private Frame deviceBlend(Frame in, int keep, int inverse) {
        DeviceFrame out = gpu.allocate(in.width(), in.height());
        try {
            program().kernel("blend").launch(in.width(), in.height()).in(in).out(out).arg(keep).arg(inverse).run();
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    private Frame deviceLookup(Frame in, int[] shifted) {
        DeviceFrame out = gpu.allocate(in.width(), in.height());
        try {
            program().kernel("lookup").launch(in.width(), in.height()).in(in).out(out).arg(shifted).run();
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }
}
