package dev.scope.engine.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuTimer;
import dev.scope.pipeline.api.Backend;

/**
 * Where one stage runs. Java, unless the pipeline supports OpenCL and a device is in use: then the
 * device when forced, or else by measurement. A trial alternates the paths call by call (after
 * {@value #WARMUP} calls each to warm up: the first device call builds the kernels), times
 * {@value #SAMPLES} calls on each (the call on its thread, the transfers the engine made for it,
 * and on the device the kernels' time by event profiling), and keeps the cheaper path by the
 * medians. A new frame size starts a new trial. Used by the thread that drives the chain.
 */
final class Placement {

    static final int WARMUP = 2;
    static final int SAMPLES = 3;

    /** One timed call: what was spent on the host, and the device's part when known. */
    private record Sample(long hostNanos, GpuTimer timer) {
        OptionalLong cost() {
            if (timer == null) {
                return OptionalLong.of(hostNanos);
            }
            OptionalLong device = timer.deviceNanos();
            return device.isPresent() ? OptionalLong.of(hostNanos + device.getAsLong()) : OptionalLong.empty();
        }
    }

    private final boolean supportsDevice;
    private final Backend forced;
    private final List<Sample> javaSamples = new ArrayList<>();
    private final List<Sample> deviceSamples = new ArrayList<>();
    private long trialSize = -1;
    private int trialCalls;
    private Backend decided;
    private Backend last = Backend.JAVA;

    /**
     * @param supportsDevice whether the pipeline declares {@link Backend#OPENCL}
     * @param forced the chain's forced backend, or {@code null} to measure
     */
    Placement(boolean supportsDevice, Backend forced) {
        this.supportsDevice = supportsDevice;
        this.forced = forced;
    }

    /** @return whether the stage may ever run on the device */
    boolean supportsDevice() {
        return supportsDevice;
    }

    /**
     * @param gpu the device now, or {@code null}
     * @return where the next call runs, for frames of the given size
     */
    Backend next(Gpu gpu, int width, int height) {
        Backend b = choose(gpu, width, height);
        last = b;
        return b;
    }

    /** @return the backend the chain forces, or {@code null} when it measures */
    Backend forced() {
        return forced;
    }

    /** @return where the last call ran */
    Backend last() {
        return last;
    }

    private Backend choose(Gpu gpu, int width, int height) {
        if (!supportsDevice || gpu == null || forced == Backend.JAVA) {
            return Backend.JAVA;
        }
        if (forced == Backend.OPENCL) {
            return Backend.OPENCL;
        }
        long size = (long) width << 32 | height;
        if (size != trialSize) {
            trialSize = size;
            trialCalls = 0;
            javaSamples.clear();
            deviceSamples.clear();
            decided = null;
        }
        if (decided == null && javaSamples.size() >= SAMPLES && deviceSamples.size() >= SAMPLES) {
            decided = decide();
        }
        if (decided != null) {
            return decided;
        }
        if (javaSamples.size() >= SAMPLES && deviceSamples.size() >= SAMPLES) {
            return Backend.OPENCL; // the device times are still on their way
        }
        return trialCalls % 2 == 0 ? Backend.JAVA : Backend.OPENCL;
    }

    /**
     * Records a call of the trial.
     *
     * @param backend where it ran
     * @param hostNanos its time on its thread plus the transfers made for it
     * @param timer the device timer of a device call, else {@code null}
     */
    void record(Backend backend, long hostNanos, GpuTimer timer) {
        if (forced != null || !supportsDevice || decided != null || trialSize < 0) {
            return;
        }
        List<Sample> samples = backend == Backend.JAVA ? javaSamples : deviceSamples;
        int nth = trialCalls++ / 2;
        if (nth >= WARMUP && samples.size() < SAMPLES) {
            samples.add(new Sample(hostNanos, timer));
        }
    }

    /** @return the cheaper path by the median cost, or {@code null} while a device time is unknown */
    private Backend decide() {
        long j = median(javaSamples);
        long d = median(deviceSamples);
        if (j < 0 || d < 0) {
            return null;
        }
        return d < j ? Backend.OPENCL : Backend.JAVA;
    }

    private static long median(List<Sample> samples) {
        long[] costs = new long[samples.size()];
        for (int i = 0; i < costs.length; i++) {
            OptionalLong c = samples.get(i).cost();
            if (c.isEmpty()) {
                return -1;
            }
            costs[i] = c.getAsLong();
        }
        Arrays.sort(costs);
        return costs[costs.length / 2];
    }

    /** @return the decision, or {@code null} while it is still being measured (or forced) */
    Backend decided() {
        return decided;
    }
}
