package dev.scope.pipelines.effects.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Params;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.Requirements;

/**
 * A pipeline that takes one frame a call and turns it into one new frame of the same size, on the
 * Java path or on the OpenCL device as {@link Backend} decides per frame.
 *
 * <p>On the device it uploads the input (no copy when it is already there), allocates the output,
 * lets the effect launch its kernels, releases its reference to the input and returns the output,
 * which the engine owns from then on. It never releases a frame it was given.
 */
abstract class FrameEffect implements Pipeline {

    private static final Requirements ONE = new Requirements(1);

    /**
     * What one call does to a frame, on either path.
     *
     * @param java makes a new host frame from the input, never the input itself
     * @param device launches the kernels that write the output from the input
     */
    record Effect(UnaryOperator<Frame> java, Launches device) {
    }

    /** The device half of an {@link Effect}. */
    @FunctionalInterface
    interface Launches {
        /** Launches the kernels that write {@code out} from {@code in}, both on {@code device}'s service. */
        void run(DeviceKernels device, DeviceFrame in, DeviceFrame out);
    }

    /** The effect's program and scratch memory on the device. */
    final DeviceKernels device;
    private final Supplier<Gpu> gpu;
    private final boolean computeBound;

    /**
     * @param gpu the Gpu service now, or null when there is none (read on every call)
     * @param computeBound whether {@code backend=auto} uploads host frames for this effect
     * @param source the effect's OpenCL source
     * @param options its build options
     */
    FrameEffect(Supplier<Gpu> gpu, boolean computeBound, String source, String options) {
        this.gpu = gpu;
        this.computeBound = computeBound;
        this.device = new DeviceKernels(source, options);
    }

    @Override
    public Requirements prepare(Params params) {
        return ONE;
    }

    @Override
    public Output call(List<Frame> video, Params params) {
        Effect effect = effect(params);
        Backend backend = Backend.of(params);
        Gpu service = gpu.get();
        List<Frame> out = new ArrayList<>(video.size());
        try {
            for (Frame f : video) {
                Gpu chosen = backend.choose(service, f, computeBound);
                out.add(chosen == null ? effect.java().apply(f) : onDevice(chosen, effect.device(), f));
            }
        } catch (RuntimeException | Error e) {
            Outputs.releaseDeviceFrames(out);
            throw e;
        }
        return Output.of(out);
    }

    private DeviceFrame onDevice(Gpu service, Launches launches, Frame frame) {
        device.on(service);
        DeviceFrame in = service.upload(frame);
        try {
            DeviceFrame out = service.allocate(in.width(), in.height());
            try {
                launches.run(device, in, out);
                return out;
            } catch (RuntimeException | Error e) {
                out.release();
                throw e;
            }
        } finally {
            in.release();
        }
    }

    /**
     * @param params the call's parameters
     * @return what this call does to each input frame
     */
    abstract Effect effect(Params params);

    /** Releases the device memory the effect holds. */
    @Override
    public void close() {
        device.close();
    }
}
