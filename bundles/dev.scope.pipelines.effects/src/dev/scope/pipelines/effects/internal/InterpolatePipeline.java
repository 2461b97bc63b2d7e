package dev.scope.pipelines.effects.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.pipeline.api.CallContext;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.Requirements;
import dev.scope.pipelines.effects.internal.InterpolateConfig.Method;

/**
 * Doubles the frame rate: for every input it returns two frames, the in-between frame and then
 * the input itself, so {@code n} inputs give exactly {@code 2 n} outputs. It takes
 * {@code input_size} frames a call (at least two), in order, and keeps the last by a reference of
 * its own ({@link Frame#retain()}, no copy), released when the next one replaces it and in
 * {@link #close()}.
 *
 * <p>The first input (of the stream, after {@code init_cache} or a change of size) has no frame
 * before it; in its place goes a lead frame extrapolated from it and the next input, half an
 * interval before it: with {@code motion} each block of the first frame moved back half along the
 * block's motion to the next (the motions of the first in-between frame; {@code first} at
 * {@code p + a} and {@code p + b} averaged), with {@code blend} the cross-fade continued
 * backwards ({@code (3 first - next) / 2} per channel, rounded up, clamped). A first input
 * without a next one in the same call (a call of one frame) gets no lead frame.
 *
 * <p>The in-between pixel at {@code p} in a block with motion {@code m} (see
 * {@link MotionSearch}; zero for {@code blend}) is the per-channel mean, rounded up, of
 * {@code prev} at {@code p - a} and {@code cur} at {@code p + b}, {@code a = floor(m / 2)},
 * {@code b = m - a}, positions clamped to the picture.
 *
 * <p>On the OpenCL path ({@link DeviceMotionSearch}) the search, the pyramids and the in-between
 * frame stay on the device and give the same pixels. A change of path between frames moves the
 * previous frame across once: its pixels are read to the host, or it is uploaded.
 */
final class InterpolatePipeline implements Pipeline<InterpolateConfig> {

    /** {@link #warp} makes the in-between frame: {@code prev} moved forward half its motion. */
    static final int IN_BETWEEN = -1;
    /** {@link #warp} makes the lead frame, given the first frame twice: moved back half its motion. */
    static final int LEAD = 1;

    private final DeviceKernels device = new DeviceKernels(InterpolatePipeline.class, "interpolate.cl",
            DeviceMotionSearch.OPTIONS);
    private Method method;
    private int radius;
    private int width;
    private int height;
    private boolean primed;
    /** The previous input, by a reference of this pipeline (or, after a change of path, its upload). */
    private Frame prev;
    /** The Java path's pixels of {@link #prev}, when {@link #prevPixelsValid}. */
    private int[] prevPixels = new int[0];
    private boolean prevPixelsValid;
    private int[] cur = new int[0];
    private int[] out = new int[0];
    private LumaPyramid prevLuma;
    private LumaPyramid curLuma;
    private boolean prevLumaValid;
    private MotionSearch search;
    private int javaWidth;
    private int javaHeight;
    /** Which device luma pyramid (0 or 1) is the previous frame's, when {@link #devicePrevLumaValid}. */
    private int devicePrevPyramid;
    private boolean devicePrevLumaValid;

    @Override
    public void configure(InterpolateConfig params) {
        method = params.method;
        radius = MotionSearch.radius(params.searchRange);
    }

    /** At least two frames a call, so that a first input has the next one for its lead frame. */
    @Override
    public Requirements prepare(InterpolateConfig params, CallContext context) throws Exception {
        Requirements asked = Pipeline.super.prepare(params, context);
        return asked == null ? null : new Requirements(Math.max(2, asked.inputSize()));
    }

    @Override
    public Output call(List<Frame> video, InterpolateConfig params, CallContext context) {
        if (context.initCache()) {
            primed = false;
        }
        Optional<Gpu> gpu = context.device(Gpu.class);
        List<Frame> frames = new ArrayList<>(2 * video.size() + 1);
        List<Frame> made = new ArrayList<>();
        try {
            int leadAt = -1; // where the lead frame goes, while the last input restarted
            for (Frame f : video) {
                boolean restart = !primed || f.width() != width || f.height() != height;
                if (gpu.isPresent()) {
                    deviceStep(gpu.get(), f, restart, frames, made, leadAt);
                } else {
                    step(f, restart, frames, made, leadAt, context);
                }
                leadAt = restart ? frames.size() - 1 : -1;
            }
        } catch (RuntimeException | Error e) {
            made.forEach(Frame::release);
            throw e;
        }
        return Output.of(frames);
    }

    /**
     * One input on the Java path: adds the in-between frame (new) and the input to {@code frames};
     * with {@code leadAt >= 0} also the lead frame of the input before (new). {@code made} collects
     * what this call made, for a failure.
     */
    private void step(Frame in, boolean restart, List<Frame> frames, List<Frame> made, int leadAt,
            CallContext context) {
        int w = in.width();
        int h = in.height();
        resize(w, h);
        if (restart) {
            in.read(prevPixels);
            keep(in, true);
            prevLumaValid = false;
            frames.add(in);
            return;
        }
        if (!prevPixelsValid) { // the device path ran the frame before
            prev.read(prevPixels);
            prevLumaValid = false;
        }
        in.read(cur);
        if (method == Method.MOTION) {
            if (!prevLumaValid) {
                prevLuma.compute(prevPixels, context.pixels());
            }
            curLuma.compute(cur, context.pixels());
            search.search(prevLuma, curLuma, radius, context.pixels());
        } else {
            search.clear();
        }
        int[] p = prevPixels;
        int[] c = cur;
        int[] o = out;
        context.pixels().inBands(h, w,
                (band, from, to) -> warp(p, c, o, w, h, search.vectors(), search.blocksX, IN_BETWEEN, from, to));
        Frame mid = context.frames().of(w, h, o);
        made.add(mid);
        frames.add(mid);
        frames.add(in);
        if (leadAt >= 0) {
            if (method == Method.MOTION) {
                context.pixels().inBands(h, w,
                        (band, from, to) -> warp(p, p, o, w, h, search.vectors(), search.blocksX, LEAD, from, to));
            } else {
                fadeBack(p, c, o, w * h);
            }
            Frame lead = context.frames().of(w, h, o);
            made.add(lead);
            frames.add(leadAt, lead);
        }
        prevPixels = c;
        cur = p;
        if (method == Method.MOTION) {
            LumaPyramid l = prevLuma;
            prevLuma = curLuma;
            curLuma = l;
        }
        prevLumaValid = method == Method.MOTION;
        keep(in, true);
    }

    /**
     * One input on the device, as {@link #step}: the input is a device frame of {@code gpu}, and so
     * are the frames it makes.
     */
    private void deviceStep(Gpu gpu, Frame in, boolean restart, List<Frame> frames, List<Frame> made,
            int leadAt) {
        device.on(gpu);
        int w = in.width();
        int h = in.height();
        width = w;
        height = h;
        if (restart) {
            keep(in, false);
            devicePrevLumaValid = false;
            frames.add(in);
            return;
        }
        if (prev.residency() != Frame.Residency.DEVICE) { // the Java path ran the frame before
            replacePrev(gpu.upload(prev));
            devicePrevLumaValid = false;
        }
        DeviceFrame mid = gpu.allocate(w, h);
        made.add(mid);
        frames.add(mid);
        if (method == Method.MOTION) {
            if (!devicePrevLumaValid) {
                DeviceMotionSearch.pyramid(device, prev, devicePrevPyramid);
            }
            DeviceMotionSearch.pyramid(device, in, 1 - devicePrevPyramid);
            DeviceMotionSearch.interpolate(device, prev, in, devicePrevPyramid, 1 - devicePrevPyramid, radius, mid);
        } else {
            DeviceMotionSearch.blend(device, prev, in, mid);
        }
        if (leadAt >= 0) {
            DeviceFrame lead = gpu.allocate(w, h);
            made.add(lead);
            frames.add(leadAt, lead);
            if (method == Method.MOTION) {
                DeviceMotionSearch.lead(device, prev, lead);
            } else {
                DeviceMotionSearch.fadeBack(device, prev, in, lead);
            }
        }
        frames.add(in);
        if (method == Method.MOTION) {
            devicePrevPyramid = 1 - devicePrevPyramid;
        }
        devicePrevLumaValid = method == Method.MOTION;
        keep(in, false);
    }

    /**
     * Keeps {@code in} as the previous frame, by a new reference.
     *
     * @param onHost whether the Java path has its pixels in {@link #prevPixels} (else the device
     *        path ran it, and has its luma pyramid when {@link #devicePrevLumaValid})
     */
    private void keep(Frame in, boolean onHost) {
        replacePrev(in.retain());
        prevPixelsValid = onHost;
        if (onHost) {
            devicePrevLumaValid = false;
        } else {
            prevLumaValid = false;
        }
        primed = true;
    }

    private void replacePrev(Frame next) {
        Frame old = prev;
        prev = next;
        if (old != null) {
            old.release();
        }
    }

    /** Releases the previous frame and the device memory. */
    @Override
    public void close() {
        try {
            replacePrev(null);
        } catch (IllegalStateException e) {
            // a device frame of a Gpu service that is gone, and its memory with it
        }
        device.close();
    }

    /** Sets the size, and allocates the Java path's memory unless it has that size. */
    private void resize(int w, int h) {
        width = w;
        height = h;
        if (w == javaWidth && h == javaHeight) {
            return;
        }
        javaWidth = w;
        javaHeight = h;
        prevPixels = new int[w * h];
        cur = new int[w * h];
        out = new int[w * h];
        prevLuma = new LumaPyramid(w, h);
        curLuma = new LumaPyramid(w, h);
        search = new MotionSearch(w, h);
    }

    /**
     * Rows {@code from..to} of the in-between frame ({@code side} {@link #IN_BETWEEN}) or the lead
     * frame ({@link #LEAD}), each block moved along its motion {@code m}: the mean of {@code prev}
     * at {@code p + side * a} and {@code cur} at {@code p + b}, {@code a = floor(m / 2)},
     * {@code b = m - a}.
     */
    static void warp(int[] prev, int[] cur, int[] out, int w, int h, int[] vectors, int blocksX, int side, int from,
            int to) {
        for (int y = from; y < to; y++) {
            int row = y * w;
            int block = 2 * (y / MotionSearch.BLOCK) * blocksX;
            for (int bx = 0; bx < blocksX; bx++) {
                int mx = vectors[block + 2 * bx];
                int my = vectors[block + 2 * bx + 1];
                int offset = side * Math.floorDiv(mx, 2); // prev's column offset
                int ahead = mx - Math.floorDiv(mx, 2);
                int p = clamp(y + side * Math.floorDiv(my, 2), h) * w;
                int c = clamp(y + my - Math.floorDiv(my, 2), h) * w;
                int x0 = bx * MotionSearch.BLOCK;
                int x1 = Math.min(x0 + MotionSearch.BLOCK, w);
                if (x0 + offset >= 0 && x1 + offset <= w && x0 + ahead >= 0 && x1 + ahead <= w) {
                    for (int x = x0; x < x1; x++) {
                        out[row + x] = mean(prev[p + x + offset], cur[c + x + ahead]);
                    }
                } else {
                    for (int x = x0; x < x1; x++) {
                        out[row + x] = mean(prev[p + clamp(x + offset, w)], cur[c + clamp(x + ahead, w)]);
                    }
                }
            }
        }
    }

    /** The lead frame of a blend: per channel {@code (3 first - next) / 2}, rounded up, clamped. */
    static void fadeBack(int[] first, int[] next, int[] out, int count) {
        for (int i = 0; i < count; i++) {
            int pixel = Frame.OPAQUE;
            for (int shift = 0; shift < 24; shift += 8) {
                int v = (3 * (first[i] >>> shift & 0xFF) - (next[i] >>> shift & 0xFF) + 1) / 2;
                pixel |= Math.min(255, Math.max(0, v)) << shift;
            }
            out[i] = pixel;
        }
    }

    /** @return the per-byte mean of two packed pixels, rounded up, opaque */
    static int mean(int a, int b) {
        return (a | b) - ((a ^ b) >>> 1 & 0x7F7F7F7F) | Frame.OPAQUE;
    }

    private static int clamp(int v, int size) {
        return v < 0 ? 0 : v >= size ? size - 1 : v;
    }
}
