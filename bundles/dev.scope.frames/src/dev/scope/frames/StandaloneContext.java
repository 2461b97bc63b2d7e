package dev.scope.frames;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.scope.pipeline.api.CallContext;
import dev.scope.pipeline.api.FrameAllocator;
import dev.scope.pipeline.api.PixelOps;

/**
 * A {@link CallContext} made by hand, to run a pipeline outside the engine: in a bundle's own
 * tests and in the SDK's test harness. Immutable; each {@code with} method returns a changed copy.
 *
 * @param initCache Scope's {@code init_cache}
 * @param videoMode whether the stage gets input frames
 * @param width the frames' width
 * @param height the frames' height
 * @param frameRate the nominal rate
 * @param upstream extra outputs of earlier stages
 * @param prompts the prompts
 * @param frames where frames come from
 * @param pixels the pixel helpers
 * @param devices the devices the stage may use, by service type (a {@code Gpu} for an OpenCL stage)
 */
public record StandaloneContext(boolean initCache, boolean videoMode, int width, int height, double frameRate,
        Map<String, Object> upstream, List<String> prompts, FrameAllocator frames, PixelOps pixels,
        Map<Class<?>, Object> devices) implements CallContext {

    /** Copies the collections. */
    public StandaloneContext {
        upstream = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(upstream));
        prompts = List.copyOf(prompts);
        devices = Map.copyOf(devices);
        Objects.requireNonNull(frames, "frames");
        Objects.requireNonNull(pixels, "pixels");
    }

    /**
     * A first call in video mode at 30 fps, with {@link PlatformPixels} on {@code frames} and no device.
     *
     * @param frames where frames come from
     * @param width the input frames' width
     * @param height their height
     * @return the context
     */
    public static StandaloneContext video(FrameAllocator frames, int width, int height) {
        return new StandaloneContext(true, true, width, height, 30, Map.of(), List.of(), frames,
                new PlatformPixels(frames, null), Map.of());
    }

    /** @return the same context in text mode, generating frames of the given size */
    public StandaloneContext text(int w, int h) {
        return new StandaloneContext(initCache, false, w, h, frameRate, upstream, prompts, frames, pixels, devices);
    }

    /** @return the context of a later call ({@code init_cache} false) */
    public StandaloneContext next() {
        return new StandaloneContext(false, videoMode, width, height, frameRate, upstream, prompts, frames, pixels,
                devices);
    }

    /** @return the same context for frames of another size */
    public StandaloneContext size(int w, int h) {
        return new StandaloneContext(initCache, videoMode, w, h, frameRate, upstream, prompts, frames, pixels, devices);
    }

    /** @return the same context with extra outputs of earlier stages */
    public StandaloneContext withUpstream(Map<String, Object> values) {
        return new StandaloneContext(initCache, videoMode, width, height, frameRate, values, prompts, frames, pixels,
                devices);
    }

    /**
     * @param type the device's service type
     * @param device the device, or {@code null} for none
     * @return the same context with the stage placed on the device (its pixel helpers use it too
     *         when it is a {@code Gpu}), or in Java
     */
    public <T> StandaloneContext onDevice(Class<T> type, T device) {
        Map<Class<?>, Object> d = new LinkedHashMap<>(devices);
        PixelOps p = pixels;
        if (device == null) {
            if (d.remove(type) instanceof dev.scope.gpu.api.Gpu) {
                p = new PlatformPixels(frames, null);
            }
        } else {
            d.put(type, device);
            if (device instanceof dev.scope.gpu.api.Gpu gpu) {
                p = new PlatformPixels(frames, gpu);
            }
        }
        return new StandaloneContext(initCache, videoMode, width, height, frameRate, upstream, prompts, frames, p, d);
    }

    @Override
    public <T> Optional<T> device(Class<T> type) {
        return Optional.ofNullable(devices.get(type)).map(type::cast);
    }
}
