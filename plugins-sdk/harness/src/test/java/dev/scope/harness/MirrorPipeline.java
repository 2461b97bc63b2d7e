package dev.scope.harness;

import java.util.Optional;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuKernel;
import dev.scope.pipeline.api.CallContext;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameEffect;

/** Work that is not per pixel, in bands of rows; and the same on an OpenCL device. */
public final class MirrorPipeline implements FrameEffect<MirrorConfig> {

    private GpuKernel kernel; // built on the first device frame, then cached by the Gpu service

    @Override
    public Frame apply(Frame in, MirrorConfig p, CallContext context) {
        int w = in.width();
        int h = in.height();
        Optional<Gpu> gpu = context.device(Gpu.class);
        if (gpu.isPresent()) { // placed on OpenCL: the input is a device frame already
            if (kernel == null) {
                kernel = gpu.get().compile(MirrorPipeline.class, "mirror.cl", "").kernel("mirror");
            }
            DeviceFrame out = gpu.get().allocate(w, h);
            kernel.launch(w, h).in(in).out(out).arg(w).run();
            return out;
        }
        Frame out = context.frames().allocateUninitialized(w, h); // every pixel is written below
        context.pixels().inBands(h, w, (band, from, to) -> {
            int[] row = new int[w];
            int[] mirrored = new int[w];
            for (int y = from; y < to; y++) {
                in.readRows(y, 1, row, 0);
                for (int x = 0; x < w; x++) {
                    mirrored[x] = row[w - 1 - x];
                }
                out.writeRows(y, 1, mirrored, 0);
            }
        });
        return out;
    }
}
