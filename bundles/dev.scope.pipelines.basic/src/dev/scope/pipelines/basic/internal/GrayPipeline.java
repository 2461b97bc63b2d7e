package dev.scope.pipelines.basic.internal;

import java.util.Optional;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuKernel;
import dev.scope.pipeline.api.CallContext;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameEffect;

/**
 * BT.601 luma, {@code Y = 0.299 R + 0.587 G + 0.114 B}, rounded; in fixed point with weights
 * summing to 2^16 so that the result is exact to the nearest level, on the Java path or in an
 * OpenCL kernel ({@code gray.cl}) with the same arithmetic. On the device it writes a new device
 * frame from the input (already there) and returns it to the engine.
 */
final class GrayPipeline implements FrameEffect<GrayConfig> {

    /** Pixels moved in and out of a frame at a time: a band's work stays in the first-level cache. */
    private static final int CHUNK = 4096;

    private Gpu compiledOn;
    private GpuKernel kernel;

    @Override
    public Frame apply(Frame in, GrayConfig params, CallContext context) {
        Optional<Gpu> gpu = context.device(Gpu.class);
        return gpu.isPresent() ? onDevice(gpu.get(), in) : luma(in, context);
    }

    private DeviceFrame onDevice(Gpu gpu, Frame in) {
        if (gpu != compiledOn) {
            kernel = gpu.compile(GrayPipeline.class, "gray.cl", "").kernel("gray");
            compiledOn = gpu;
        }
        DeviceFrame out = gpu.allocate(in.width(), in.height());
        try {
            kernel.launch(in.width(), in.height()).in(in).out(out).run();
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    /**
     * On the Java path pixels stream through a small cache-resident int array per band (bulk reads
     * and writes of whole rows run at memory speed, the loop between them vectorizes).
     */
    private static Frame luma(Frame in, CallContext context) {
        int w = in.width();
        int h = in.height();
        int rowsPerChunk = Math.max(1, CHUNK / w);
        Frame out = context.frames().allocateUninitialized(w, h);
        try {
            context.pixels().inBands(h, w, (band, from, to) -> {
                int[] px = new int[rowsPerChunk * w];
                for (int y = from; y < to; y += rowsPerChunk) {
                    int rows = Math.min(rowsPerChunk, to - y);
                    in.readRows(y, rows, px, 0);
                    lumaInPlace(px, rows * w);
                    out.writeRows(y, rows, px, 0);
                }
            });
            return out;
        } catch (RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    private static void lumaInPlace(int[] px, int len) {
        for (int i = 0; i < len; i++) {
            int p = px[i];
            int y = (19595 * (p & 0xFF) + 38470 * (p >>> 8 & 0xFF) + 7471 * (p >>> 16 & 0xFF) + 32768) >>> 16;
            px[i] = Frame.OPAQUE | y * 0x010101;
        }
    }
}
