package dev.scope.bench.internal;

import java.util.List;

import dev.scope.pipeline.api.Backend;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;

/**
 * Where a case's frames live and which path the stages take: the Java path on host frames, or
 * an OpenCL device with frames resident on it or moved from and to the host on every frame.
 */
interface Placement {

    /** @return {@code java}, {@code opencl-cpu} or {@code opencl-gpu} */
    String path();

    /** @return {@code resident} or {@code host} */
    String transfers();

    /** @return the device's name */
    String device();

    /** @return the backend the case forces on its chain */
    Backend backend();

    /** Puts host frames where the case starts: unchanged, or uploaded once. */
    List<Frame> place(List<Frame> host);

    /** Finishes with a stage's outputs: reads them back to the host when transfers are counted, then frees them. */
    void consume(List<Frame> outputs);

    /** Frees what {@link #place} made. */
    default void unplace(List<Frame> placed, List<Frame> host) {
        for (int i = 0; i < placed.size(); i++) {
            if (placed.get(i) != host.get(i)) {
                placed.get(i).release();
            }
        }
    }

    /** The Java path on host frames. */
    record Java(String device) implements Placement {
        @Override
        public String path() {
            return "java";
        }

        @Override
        public String transfers() {
            return "resident";
        }

        @Override
        public Backend backend() {
            return Backend.JAVA;
        }

        @Override
        public List<Frame> place(List<Frame> host) {
            return host;
        }

        @Override
        public void consume(List<Frame> outputs) {
            outputs.forEach(Frame::release); // the chain's outputs are the caller's
        }
    }

    /**
     * An OpenCL device: frames {@code resident} on it (uploaded once; the outputs stay there and
     * are released), or moved from the host and back every frame ({@code host}).
     */
    record OpenCl(dev.scope.gpu.api.Gpu gpu, FrameAllocator frames, boolean resident) implements Placement {
        @Override
        public String path() {
            return gpu.path();
        }

        @Override
        public String transfers() {
            return resident ? "resident" : "host";
        }

        @Override
        public String device() {
            return gpu.deviceName();
        }

        @Override
        public Backend backend() {
            return Backend.OPENCL;
        }

        @Override
        public List<Frame> place(List<Frame> host) {
            return resident ? host.stream().<Frame>map(gpu::upload).toList() : host;
        }

        @Override
        public void consume(List<Frame> outputs) {
            for (Frame f : outputs) {
                if (!resident && f.residency() == Frame.Residency.DEVICE) {
                    gpu.download(f, frames).release(); // the result back on the host (a Java-only stage's is there)
                }
                f.release();
            }
            if (resident) {
                gpu.finish(); // count the device's work, not just its enqueueing
            }
        }
    }
}
