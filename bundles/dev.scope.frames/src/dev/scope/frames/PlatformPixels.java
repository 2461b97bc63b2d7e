package dev.scope.frames;

import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntUnaryOperator;
import java.util.stream.IntStream;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuProgram;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;
import dev.scope.pipeline.api.PixelMap;
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
    private PixelMap table;

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
        return apply(in, List.of(PixelMap.affine(gain, offset)));
    }

    @Override
    public Frame lookup(Frame in, Object key, IntUnaryOperator level) {
        if (table == null || key != tableKey) {
            table = PixelMap.lookup(level);
            tableKey = key;
        }
        return apply(in, List.of(table));
    }

    @Override
    public Frame apply(Frame in, List<PixelMap> maps) {
        List<PixelMap> steps = List.copyOf(maps); // refuses a null map
        if (onDevice(in)) {
            return deviceMaps(in, steps);
        }
        Frame out = frames.allocateUninitialized(in.width(), in.height());
        try {
            // each chunk of pixels goes through every map while it is in the first-level cache
            // one blend or table is light (a parallel stream costs more than it saves below a
            // megapixel); a matrix, or several maps, is as much arithmetic as memory
            boolean light = steps.size() == 1 && steps.get(0).kind() != PixelMap.Kind.MATRIX;
            points(in, out, light ? PARALLEL_POINT_PIXELS : PARALLEL_PIXELS, px -> {
                for (PixelMap m : steps) {
                    m.applyTo(px, 0, px.length);
                }
                if (steps.isEmpty()) {
                    for (int i = 0; i < px.length; i++) {
                        px[i] |= Frame.OPAQUE;
                    }
                }
            });
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    /**
     * The maps as the device kernel {@code maps} reads them: for each, its kind (0 blend, 1 table,
     * 2 matrix: {@link PixelMap.Kind}'s order) and then its constants.
     */
    static int[] steps(List<PixelMap> maps) {
        int[][] constants = maps.stream().map(PixelMap::constants).toArray(int[][]::new);
        int[] steps = new int[Math.max(1, maps.size() + java.util.Arrays.stream(constants).mapToInt(c -> c.length)
                .sum())];
        int at = 0;
        for (int i = 0; i < constants.length; i++) {
            steps[at++] = maps.get(i).kind().ordinal();
            System.arraycopy(constants[i], 0, steps, at, constants[i].length);
            at += constants[i].length;
        }
        return steps;
    }

    /**
     * One kernel for all the maps; a table alone runs in its own kernel ({@code lookup}, a pixel a
     * work item), which gathers faster on CPU devices than sixteen lanes do.
     */
    private Frame deviceMaps(Frame in, List<PixelMap> maps) {
        DeviceFrame out = gpu.allocate(in.width(), in.height());
        try {
            if (maps.size() == 1 && maps.get(0).kind() == PixelMap.Kind.TABLE) {
                program().kernel("lookup").launch(in.width(), in.height()).in(in).out(out)
                        .arg(maps.get(0).constants()).run();
            } else {
                int n = in.width() * in.height();
                program().kernel("maps").launch((n + 15) / 16, 1).in(in).out(out).arg(steps(maps))
                        .arg(maps.size()).arg(n).run();
            }
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
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

    private boolean onDevice(Frame in) {
        return gpu != null && in.residency() == Frame.Residency.DEVICE;
    }

    private GpuProgram program() {
        if (program == null) {
            program = gpu.compile(PlatformPixels.class, "pixels.cl", "");
        }
        return program;
    }
}
