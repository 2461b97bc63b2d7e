package dev.scope.pipelines.effects.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Params;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.Requirements;
import dev.scope.pipelines.effects.internal.InterpolateConfig.Method;

/**
 * Doubles the frame rate: for every input it returns two frames, the in-between frame and then
 * the input, so {@code n} inputs give exactly {@code 2 n} outputs. It takes {@code input_size}
 * frames a call (at least two), in order, and keeps the last.
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
 * frame stay on the device and give the same pixels; the previous frame is kept there by one
 * reference of this pipeline (released for the next, and in {@link #close()}), and the input is
 * returned as it came (a device frame) or as uploaded. A change of path between frames moves the
 * previous frame across once.
 */
final class InterpolatePipeline implements Pipeline {

    /** {@link #warp} makes the in-between frame: {@code prev} moved forward half its motion. */
    static final int IN_BETWEEN = -1;
    /** {@link #warp} makes the lead frame, given the first frame twice: moved back half its motion. */
    static final int LEAD = 1;

    private final Supplier<Gpu> gpu;
    private final DeviceKernels device = new DeviceKernels(DeviceMotionSearch.SOURCE, "");
    private int width;
    private int height;
    private boolean primed;
    private int[] prev = new int[0];
    private int[] cur = new int[0];
    private int[] out = new int[0];
    private LumaPyramid prevLuma;
    private LumaPyramid curLuma;
    private boolean prevLumaValid;
    private MotionSearch search;
    private Bands rows;
    private int javaWidth;
    private int javaHeight;
    /** The previous frame when it is on the device (then {@link #prev} is stale), else null. */
    private DeviceFrame devicePrev;
    /** Which device luma pyramid (0 or 1) is the previous frame's. */
    private int devicePrevPyramid;

    /** Interpolation on the Java path only. */
    InterpolatePipeline() {
        this(() -> null);
    }

    InterpolatePipeline(Supplier<Gpu> gpu) {
        this.gpu = gpu;
    }

    @Override
    public Requirements prepare(Params params) {
        return new Requirements(Math.max(2, params.getInt("input_size", 4)));
    }

    @Override
    public Output call(List<Frame> video, Params params) {
        if (params.getBoolean("init_cache", false)) {
            primed = false;
        }
        Method method = params.getEnum("method", Method.class, Method.MOTION);
        int radius = MotionSearch.radius(params.getInt("search_range", 16));
        Backend backend = Backend.of(params);
        Gpu service = gpu.get();
        List<Frame> frames = new ArrayList<>(2 * video.size());
        List<DeviceFrame> made = new ArrayList<>();
        try {
            int leadAt = -1; // where the lead frame goes, while the last input restarted
            for (Frame f : video) {
                boolean restart = !primed || f.width() != width || f.height() != height;
                Gpu chosen = backend.choose(service, f, true);
                if (chosen == null) {
                    step(f, method, radius, frames, leadAt);
                } else {
                    deviceStep(chosen, f, method, radius, frames, made, leadAt);
                }
                leadAt = restart ? frames.size() - 1 : -1;
            }
        } catch (RuntimeException | Error e) {
            Outputs.releaseDeviceFrames(made);
            throw e;
        }
        return Output.of(frames);
    }

    /** One input on the Java path; with {@code leadAt >= 0} also the lead frame of the input before. */
    private void step(Frame in, Method method, int radius, List<Frame> frames, int leadAt) {
        int w = in.width();
        int h = in.height();
        if (!primed || w != width || h != height) {
            resize(w, h);
            Pixels.read(in, prev);
            dropDevicePrev();
            prevLumaValid = false;
            primed = true;
            frames.add(Frame.copyOf(in));
            return;
        }
        resize(w, h);
        if (devicePrev != null) {
            Pixels.read(devicePrev, prev);
            dropDevicePrev();
            prevLumaValid = false;
        }
        Pixels.read(in, cur);
        if (method == Method.MOTION) {
            if (!prevLumaValid) {
                prevLuma.compute(prev);
            }
            curLuma.compute(cur);
            search.search(prevLuma, curLuma, radius);
        } else {
            search.clear();
        }
        int[] p = prev;
        int[] c = cur;
        int[] o = out;
        rows.run((band, from, to) -> warp(p, c, o, w, h, search.vectors(), search.blocksX, IN_BETWEEN, from, to));
        frames.add(Pixels.frame(out, w, h));
        frames.add(Frame.copyOf(in));
        if (leadAt >= 0) {
            if (method == Method.MOTION) {
                rows.run((band, from, to) -> warp(p, p, o, w, h, search.vectors(), search.blocksX, LEAD, from, to));
            } else {
                fadeBack(p, c, o, w * h);
            }
            frames.add(leadAt, Pixels.frame(o, w, h));
        }
        prev = c;
        cur = p;
        if (method == Method.MOTION) {
            LumaPyramid l = prevLuma;
            prevLuma = curLuma;
            curLuma = l;
        }
        prevLumaValid = method == Method.MOTION;
    }

    /**
     * One input on the device. Adds the in-between frame (new) and the input to {@code frames}:
     * the input itself when it is a device frame (the engine's), else its upload, whose reference
     * goes to the engine; with {@code leadAt >= 0} also the lead frame of the input before (new).
     * {@code made} collects what this call allocated, for a failure.
     */
    private void deviceStep(Gpu service, Frame in, Method method, int radius, List<Frame> frames,
            List<DeviceFrame> made, int leadAt) {
        device.on(service);
        int w = in.width();
        int h = in.height();
        boolean restart = !primed || w != width || h != height;
        if (!restart && devicePrev == null) {
            devicePrev = service.upload(Pixels.frame(prev, w, h)); // the Java path ran the frame before
            prevLumaValid = false;
        }
        DeviceFrame current = service.upload(in);
        if (restart) {
            width = w;
            height = h;
            primed = true;
            prevLumaValid = false;
        } else {
            DeviceFrame mid;
            try {
                mid = service.allocate(w, h);
                made.add(mid);
                frames.add(mid);
                if (method == Method.MOTION) {
                    if (!prevLumaValid) {
                        DeviceMotionSearch.pyramid(device, devicePrev, devicePrevPyramid);
                    }
                    DeviceMotionSearch.pyramid(device, current, 1 - devicePrevPyramid);
                    DeviceMotionSearch.interpolate(device, devicePrev, current, devicePrevPyramid,
                            1 - devicePrevPyramid, radius, mid);
                } else {
                    DeviceMotionSearch.blend(device, devicePrev, current, mid);
                }
                if (leadAt >= 0) {
                    DeviceFrame lead = service.allocate(w, h);
                    made.add(lead);
                    frames.add(leadAt, lead);
                    if (method == Method.MOTION) {
                        DeviceMotionSearch.lead(device, devicePrev, lead);
                    } else {
                        DeviceMotionSearch.fadeBack(device, devicePrev, current, lead);
                    }
                }
            } catch (RuntimeException | Error e) {
                current.release();
                throw e;
            }
            if (method == Method.MOTION) {
                devicePrevPyramid = 1 - devicePrevPyramid;
            }
            prevLumaValid = method == Method.MOTION;
        }
        dropDevicePrev();
        devicePrev = current;
        if (in.residency() == Frame.Residency.DEVICE) {
            frames.add(in);
        } else {
            DeviceFrame handed = service.upload(current); // one more reference, for the engine
            made.add(handed);
            frames.add(handed);
        }
    }

    private void dropDevicePrev() {
        if (devicePrev != null) {
            devicePrev.release();
            devicePrev = null;
        }
    }

    /** Releases the previous frame and the device memory, when they are on the device. */
    @Override
    public void close() {
        try {
            dropDevicePrev();
        } catch (IllegalStateException e) {
            // the Gpu service is gone, and its memory with it
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
        prev = new int[w * h];
        cur = new int[w * h];
        out = new int[w * h];
        prevLuma = new LumaPyramid(w, h);
        curLuma = new LumaPyramid(w, h);
        search = new MotionSearch(w, h);
        rows = new Bands(h, w);
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
            int pixel = Pixels.OPAQUE;
            for (int shift = 0; shift < 24; shift += 8) {
                int v = (3 * (first[i] >>> shift & 0xFF) - (next[i] >>> shift & 0xFF) + 1) / 2;
                pixel |= Math.min(255, Math.max(0, v)) << shift;
            }
            out[i] = pixel;
        }
    }

    /** @return the per-byte mean of two packed pixels, rounded up, opaque */
    static int mean(int a, int b) {
        return (a | b) - ((a ^ b) >>> 1 & 0x7F7F7F7F) | Pixels.OPAQUE;
    }

    private static int clamp(int v, int size) {
        return v < 0 ? 0 : v >= size ? size - 1 : v;
    }
}
