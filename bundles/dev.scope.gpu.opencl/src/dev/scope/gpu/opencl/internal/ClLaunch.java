package dev.scope.gpu.opencl.internal;

import java.util.ArrayList;
import java.util.List;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.GpuBuffer;
import dev.scope.gpu.api.GpuKernel;
import dev.scope.pipeline.api.Frame;

/**
 * Collects one launch's arguments, checked as they come: {@link FrameArg}, {@link ClBuffer},
 * Integer, Long, Float, Double, or a copy of an int[], float[] or double[].
 */
final class ClLaunch implements GpuKernel.Launch {

    /** A frame argument: the handle the caller gave (resolved from a borrowed view) and whether the kernel writes it. */
    record FrameArg(ClFrame handle, boolean written) {
    }

    private final OpenClGpu owner;
    private final ClKernel kernel;
    private final int globalWidth;
    private final int globalHeight;
    private final List<Object> args = new ArrayList<>();
    private boolean ran;

    ClLaunch(OpenClGpu owner, ClKernel kernel, int globalWidth, int globalHeight) {
        this.owner = owner;
        this.kernel = kernel;
        this.globalWidth = globalWidth;
        this.globalHeight = globalHeight;
    }

    private String argument() {
        return "argument " + args.size() + " of kernel '" + kernel.name() + "'";
    }

    @Override
    public GpuKernel.Launch in(Frame frame) {
        args.add(new FrameArg(owner.own(frame, argument()), false));
        return this;
    }

    @Override
    public GpuKernel.Launch out(DeviceFrame frame) {
        if (frame != null && dev.scope.frames.FrameAccess.isBorrowed(frame)) {
            throw new IllegalArgumentException(argument() + ": " + frame + " is a stage's input, lent read-only;"
                    + " an input is never written: allocate the output with gpu.allocate");
        }
        ClFrame own = owner.own(frame, argument());
        if (!own.writable()) {
            throw new IllegalArgumentException(argument() + ": " + own + " is a read-only handle; an input is never"
                    + " written: allocate the output with gpu.allocate");
        }
        args.add(new FrameArg(own, true));
        return this;
    }

    @Override
    public GpuKernel.Launch arg(GpuBuffer buffer) {
        if (!(buffer instanceof ClBuffer own) || own.owner() != owner) {
            throw new IllegalArgumentException(argument() + ": " + buffer + " is not a buffer of this Gpu service;"
                    + " make it with gpu.buffer");
        }
        own.live();
        args.add(own);
        return this;
    }

    @Override
    public GpuKernel.Launch arg(int value) {
        args.add(value);
        return this;
    }

    @Override
    public GpuKernel.Launch arg(long value) {
        args.add(value);
        return this;
    }

    @Override
    public GpuKernel.Launch arg(float value) {
        args.add(value);
        return this;
    }

    @Override
    public GpuKernel.Launch arg(double value) {
        doubles();
        args.add(value);
        return this;
    }

    @Override
    public GpuKernel.Launch arg(int[] values) {
        args.add(nonEmpty(values.length, values.clone()));
        return this;
    }

    @Override
    public GpuKernel.Launch arg(float[] values) {
        args.add(nonEmpty(values.length, values.clone()));
        return this;
    }

    @Override
    public GpuKernel.Launch arg(double[] values) {
        doubles();
        args.add(nonEmpty(values.length, values.clone()));
        return this;
    }

    private void doubles() {
        if (!owner.doubles()) {
            throw new IllegalStateException(argument() + ": the device " + owner.deviceName() + " has no doubles"
                    + " (cl_khr_fp64); check Gpu.doubles() and pass floats");
        }
    }

    private Object nonEmpty(int length, Object copy) {
        if (length == 0) {
            throw new IllegalArgumentException(argument() + ": an array argument needs at least one value");
        }
        return copy;
    }

    @Override
    public void run() {
        if (ran) {
            throw new IllegalStateException("this launch of kernel '" + kernel.name() + "' already ran");
        }
        ran = true;
        owner.launch(kernel, globalWidth, globalHeight, args);
    }
}
