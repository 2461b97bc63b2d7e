package dev.scope.gpu.opencl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.GpuKernel;

/** Collects one launch's arguments: {@link DeviceFrame}, Integer, Float, float[] or int[]. */
final class ClLaunch implements GpuKernel.Launch {

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

    @Override
    public GpuKernel.Launch arg(DeviceFrame frame) {
        args.add(Objects.requireNonNull(frame, () -> "argument " + args.size() + " of " + kernel.name()));
        return this;
    }

    @Override
    public GpuKernel.Launch arg(int value) {
        args.add(value);
        return this;
    }

    @Override
    public GpuKernel.Launch arg(float value) {
        args.add(value);
        return this;
    }

    @Override
    public GpuKernel.Launch arg(float[] values) {
        args.add(nonEmpty(values.length, values.clone()));
        return this;
    }

    @Override
    public GpuKernel.Launch arg(int[] values) {
        args.add(nonEmpty(values.length, values.clone()));
        return this;
    }

    private Object nonEmpty(int length, Object copy) {
        if (length == 0) {
            throw new IllegalArgumentException("argument " + args.size() + " of kernel '" + kernel.name()
                    + "': an array argument needs at least one value");
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
