package dev.scope.pipelines.effects.internal;

import java.util.Arrays;
import java.util.stream.Collectors;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.GpuBuffer;
import dev.scope.pipeline.api.Frame;

/**
 * {@link MotionSearch} and the in-between frame of {@link InterpolatePipeline} on the OpenCL
 * device ({@code interpolate.cl}): the same luma pyramid, steps, costs, candidate order and tie
 * rule, so the same motions and the same in-between pixels as the Java path. Planes are bytes,
 * row-major and unpadded; reads outside a plane take its nearest edge pixel, as {@link Plane}'s
 * padding does.
 *
 * <p>All memory is scratch buffers of a {@link DeviceKernels} (per size): the luma pyramids of two
 * frames (which is the previous one flips after each frame), the macroblock motions, and the block
 * motions and costs twice, for the propagation rounds.
 */
final class DeviceMotionSearch {

    /** MotionSearch's constants, as build options of {@code interpolate.cl}. */
    static final String OPTIONS = "-DBLOCK=" + MotionSearch.BLOCK + " -DMARGIN=" + MotionSearch.MARGIN
            + " -DQUARTER_PENALTY=" + MotionSearch.QUARTER_PENALTY + " -DHALF_PENALTY=" + MotionSearch.HALF_PENALTY
            + " -DFULL_PENALTY=" + MotionSearch.FULL_PENALTY + " -DFULL_ROW_STEP=" + MotionSearch.FULL_ROW_STEP
            + " -DGLOBALS=" + MotionSearch.GLOBALS + " -DLIMIT=" + MotionSearch.LIMIT + " -DRANGE=" + MotionSearch.RANGE
            + " -DREFINE_LIST=" + list(MotionSearch.REFINE) + " -DNEIGHBOURS_LIST=" + list(MotionSearch.NEIGHBOURS);

    private DeviceMotionSearch() {
    }

    private static String list(int[] values) {
        return Arrays.stream(values).mapToObj(Integer::toString).collect(Collectors.joining(","));
    }

    /** The luma pyramid {@code which} (0 or 1) of a frame. */
    static void pyramid(DeviceKernels device, Frame frame, int which) {
        int w = frame.width();
        int h = frame.height();
        int hw = (w + 1) / 2;
        int hh = (h + 1) / 2;
        GpuBuffer full = plane(device, which, "full", w, h);
        GpuBuffer half = plane(device, which, "half", hw, hh);
        GpuBuffer quarter = plane(device, which, "quarter", (hw + 1) / 2, (hh + 1) / 2);
        device.kernel("luma").launch(w, h).in(frame).arg(full).run();
        device.kernel("halve").launch(hw, hh).arg(full).arg(w).arg(h).arg(half).run();
        device.kernel("halve").launch((hw + 1) / 2, (hh + 1) / 2).arg(half).arg(hw).arg(hh).arg(quarter).run();
    }

    private static GpuBuffer plane(DeviceKernels device, int which, String level, int w, int h) {
        return device.scratch("luma" + which + "." + level, (long) w * h);
    }

    /**
     * Searches the motion of every block of the frame between the frames of pyramids {@code prev}
     * and {@code cur}, and writes the in-between frame into {@code out}.
     */
    static void interpolate(DeviceKernels device, Frame prevFrame, Frame curFrame, int prev, int cur,
            int radius, DeviceFrame out) {
        int w = out.width();
        int h = out.height();
        int hw = (w + 1) / 2;
        int hh = (h + 1) / 2;
        int qw = (hw + 1) / 2;
        int qh = (hh + 1) / 2;
        int macroX = (w + MotionSearch.MACROBLOCK - 1) / MotionSearch.MACROBLOCK;
        int macroY = (h + MotionSearch.MACROBLOCK - 1) / MotionSearch.MACROBLOCK;
        int blocksX = (w + MotionSearch.BLOCK - 1) / MotionSearch.BLOCK;
        int blocksY = (h + MotionSearch.BLOCK - 1) / MotionSearch.BLOCK;
        int blocks = blocksX * blocksY;
        GpuBuffer macro = device.scratch("macro", 8L * macroX * macroY);
        GpuBuffer[] vectors = {device.scratch("vectors0", 8L * blocks), device.scratch("vectors1", 8L * blocks)};
        GpuBuffer[] costs = {device.scratch("costs0", 4L * blocks), device.scratch("costs1", 4L * blocks)};
        GpuBuffer histogram = device.scratch("histogram", 4L * MotionSearch.RANGE * MotionSearch.RANGE);
        GpuBuffer found = device.scratch("globals", 4L * (2 * MotionSearch.GLOBALS + 1));
        device.kernel("coarse").launch(macroX, macroY).arg(plane(device, prev, "quarter", qw, qh))
                .arg(plane(device, cur, "quarter", qw, qh)).arg(qw).arg(qh).arg(radius).arg(macro).run();
        GpuBuffer prevFull = plane(device, prev, "full", w, h);
        GpuBuffer curFull = plane(device, cur, "full", w, h);
        device.kernel("blocks").launch(blocksX, blocksY).arg(plane(device, prev, "half", hw, hh))
                .arg(plane(device, cur, "half", hw, hh)).arg(hw).arg(hh).arg(prevFull).arg(curFull).arg(w).arg(h)
                .arg(macro).arg(macroX).arg(vectors[0]).arg(costs[0]).run();
        device.kernel("globals").launch(1, 1).arg(vectors[0]).arg(blocks).arg(histogram).arg(found).run();
        for (int round = 0; round < MotionSearch.PROPAGATIONS; round++) {
            int from = round % 2;
            device.kernel("propagate").launch(blocksX, blocksY).arg(prevFull).arg(curFull).arg(w).arg(h)
                    .arg(vectors[from]).arg(costs[from]).arg(vectors[1 - from]).arg(costs[1 - from]).arg(found).run();
        }
        device.kernel("warp").launch(w, h).in(prevFrame).in(curFrame).out(out).arg(h)
                .arg(vectors[MotionSearch.PROPAGATIONS % 2]).arg(blocksX).arg(InterpolatePipeline.IN_BETWEEN).run();
    }

    /**
     * The lead frame with motion: {@code first} moved back half along the block motions of the
     * last {@link #interpolate} (which must have run on {@code first} and the next frame).
     */
    static void lead(DeviceKernels device, Frame first, DeviceFrame out) {
        int w = out.width();
        int h = out.height();
        int blocksX = (w + MotionSearch.BLOCK - 1) / MotionSearch.BLOCK;
        int blocksY = (h + MotionSearch.BLOCK - 1) / MotionSearch.BLOCK;
        GpuBuffer vectors = device.scratch("vectors" + MotionSearch.PROPAGATIONS % 2, 8L * blocksX * blocksY);
        device.kernel("warp").launch(w, h).in(first).in(first).out(out).arg(h).arg(vectors).arg(blocksX)
                .arg(InterpolatePipeline.LEAD).run();
    }

    /** The lead frame without motion: the cross-fade to {@code next} continued backwards. */
    static void fadeBack(DeviceKernels device, Frame first, Frame next, DeviceFrame out) {
        device.kernel("fadeBack").launch(out.width(), out.height()).in(first).in(next).out(out).run();
    }

    /** The in-between frame without motion: the mean of both. */
    static void blend(DeviceKernels device, Frame prevFrame, Frame curFrame, DeviceFrame out) {
        device.kernel("blend").launch(out.width(), out.height()).in(prevFrame).in(curFrame).out(out).run();
    }
}
