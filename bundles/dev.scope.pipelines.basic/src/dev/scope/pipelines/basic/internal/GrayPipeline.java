package dev.scope.pipelines.basic.internal;

import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuKernel;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Params;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.Requirements;

/**
 * BT.601 luma, {@code Y = 0.299 R + 0.587 G + 0.114 B}, rounded; in fixed point with weights
 * summing to 2^16 so that the result is exact to the nearest level, on the Java path or in an
 * OpenCL kernel with the same arithmetic. The stage is memory-bound, so the hidden parameter
 * {@code backend} ({@code auto}, {@code java}, {@code opencl}) keeps {@code auto} on the Java path
 * unless the input frame is already on the device.
 *
 * <p>On the device it uploads the input (no copy when it is already there), writes a new device
 * frame, releases its reference to the input and returns the new frame to the engine.
 */
final class GrayPipeline implements Pipeline {

    static final String SOURCE = """
            /* one packed pixel a work-item, red in the low byte: word loads and stores vectorize on CPU
               devices, where per-channel uchar4 access does not */
            __kernel void gray(__global const uint* src, __global uint* dst) {
                size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);
                uint p = src[i];
                uint y = (19595u * (p & 0xFFu) + 38470u * (p >> 8 & 0xFFu) + 7471u * (p >> 16 & 0xFFu) + 32768u) >> 16;
                dst[i] = 0xFF000000u | y * 0x010101u;
            }
            """;

    private static final Requirements ONE = new Requirements(1);

    private final Supplier<Gpu> gpu;
    private Gpu compiledOn;
    private GpuKernel kernel;

    /** @param gpu the Gpu service now, or null when there is none (read on every call) */
    GrayPipeline(Supplier<Gpu> gpu) {
        this.gpu = gpu;
    }

    @Override
    public Requirements prepare(Params params) {
        return ONE;
    }

    @Override
    public Output call(List<Frame> video, Params params) {
        String backend = params.getString("backend", "auto");
        Gpu service = gpu.get();
        boolean device = service != null && service.available() && !backend.equals("java");
        List<Frame> out = new ArrayList<>(video.size());
        try {
            for (Frame f : video) {
                boolean here = device && (backend.equals("opencl") || f.residency() == Frame.Residency.DEVICE);
                out.add(here ? onDevice(service, f) : luma(f));
            }
        } catch (RuntimeException | Error e) {
            out.forEach(f -> f.unwrap(DeviceFrame.class).ifPresent(DeviceFrame::release));
            throw e;
        }
        return Output.of(out);
    }

    private DeviceFrame onDevice(Gpu service, Frame frame) {
        if (service != compiledOn) {
            kernel = service.compile(SOURCE, "").kernel("gray");
            compiledOn = service;
        }
        DeviceFrame in = service.upload(frame);
        DeviceFrame out = null;
        boolean launched = false;
        try {
            out = service.allocate(in.width(), in.height());
            kernel.launch(in.width(), in.height()).arg(in).arg(out).run();
            launched = true;
            return out;
        } finally {
            in.release();
            if (!launched && out != null) {
                out.release();
            }
        }
    }

    /**
     * On the Java path pixels stream through a small cache-resident int array (bulk get and put
     * run at memory speed, the loop between them vectorizes), in bands on up to four threads.
     */
    static Frame luma(Frame in) {
        Frame out = Frame.allocateUninitialized(in.width(), in.height());
        IntBuffer src = in.pixels().asIntBuffer();
        IntBuffer dst = out.pixels().asIntBuffer();
        int n = in.width() * in.height();
        IntStream.range(0, BANDS).parallel().forEach(band -> {
            int[] px = new int[CHUNK];
            int to = (int) ((long) n * (band + 1) / BANDS);
            for (int at = (int) ((long) n * band / BANDS); at < to; at += CHUNK) {
                int len = Math.min(CHUNK, to - at);
                src.get(at, px, 0, len);
                lumaInPlace(px, len);
                dst.put(at, px, 0, len);
            }
        });
        return out;
    }

    private static void lumaInPlace(int[] px, int len) {
        for (int i = 0; i < len; i++) {
            int p = px[i];
            int y = (19595 * (p >>> RS & 0xFF) + 38470 * (p >>> GS & 0xFF) + 7471 * (p >>> BS & 0xFF) + 32768) >>> 16;
            px[i] = ALPHA | y << RS | y << GS | y << BS;
        }
    }

    private static final int CHUNK = 4096;
    private static final boolean LITTLE = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
    // byte 0 of a pixel (red) is the int's low byte on little-endian machines
    private static final int RS = LITTLE ? 0 : 24;
    private static final int GS = LITTLE ? 8 : 16;
    private static final int BS = LITTLE ? 16 : 8;
    private static final int ALPHA = LITTLE ? 0xFF000000 : 0xFF;
    private static final int BANDS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
}
