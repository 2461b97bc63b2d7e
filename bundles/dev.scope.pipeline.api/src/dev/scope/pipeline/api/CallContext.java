package dev.scope.pipeline.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the runtime supplies to one {@link Pipeline#prepare} / {@link Pipeline#call} besides the
 * pipeline's own parameters: Scope's {@code init_cache}, the input mode, what earlier stages
 * forwarded, the prompts, the real frame size and rate, and the platform's services (frames, fast
 * pixel work, the device the stage was placed on).
 *
 * <p>A context is valid during the call it is passed to; the services it hands out
 * ({@link #frames()}, {@link #pixels()}, {@link #device}) may be kept for the stage's life.
 */
@ProviderType
public interface CallContext {

    /** @return true on the first call of an instance and after a reset: Scope's {@code init_cache} */
    boolean initCache();

    /** @return whether the stage runs in video mode (it gets input frames); false in text mode */
    boolean videoMode();

    /**
     * @return the width of this call's frames: of the input frames in video mode (the stream decides
     *         it), of the frames to generate in text mode (the {@code width} parameter)
     */
    int width();

    /** @return the height, as {@link #width()} */
    int height();

    /**
     * @return the nominal frame rate of the stage's input in frames a second (in text mode, of the
     *         frames it generates)
     */
    double frameRate();

    /**
     * @return the extra outputs of earlier stages in this call ({@link Output#with}), by name, in the
     *         order they were added; unmodifiable, empty when there are none
     */
    Map<String, Object> upstream();

    /** @return the session's text prompts (Scope's {@code prompts}), in order; empty when it has none */
    List<String> prompts();

    /** @return where new frames come from */
    FrameAllocator frames();

    /** @return the platform's fast per-pixel work */
    PixelOps pixels();

    /**
     * The device the engine placed this stage on, when it placed it on one: for example
     * {@code context.device(Gpu.class)} (the GPU API) when the stage runs on OpenCL. Its input frames
     * are then already on that device.
     *
     * @param type the device service's type
     * @return the device, or empty when the stage runs in Java
     */
    <T> Optional<T> device(Class<T> type);
}
