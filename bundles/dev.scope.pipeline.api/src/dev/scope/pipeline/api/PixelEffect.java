package dev.scope.pipeline.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An effect that is one per-pixel map of each frame's levels ({@link PixelMap}): implement
 * {@link #map}, and the platform runs it. When consecutive stages of a chain are pixel effects,
 * the engine runs their maps in one pass over the frame (fusion), with no frame in between: each
 * stage's map is asked for at every frame, so a bypass or a parameter change takes effect at the
 * next frame as for any stage. Alone, {@link #apply} runs the one map.
 *
 * <pre>{@code
 * public final class InvertPipeline implements PixelEffect<InvertConfig> {
 *     public boolean isIdentity(InvertConfig p) { return p.intensity == 0; }
 *     public PixelMap map(InvertConfig p) {
 *         // out = in * (1 - k) + (255 - in) * k
 *         return PixelMap.affine(1 - 2 * p.intensity, 255 * p.intensity);
 *     }
 * }
 * }</pre>
 *
 * @param <C> the pipeline's config class
 * @since 2.1
 */
@ConsumerType
public interface PixelEffect<C extends BasePipelineConfig> extends FrameEffect<C> {

    /**
     * The map for the current parameters: called once a frame, so keep it cheap (build a table
     * in {@link #configure} or keep the last map while the parameters object is the same one;
     * the engine makes a new object for every change).
     *
     * @param params the current parameters
     * @return the map, never {@code null}
     * @throws Exception on failure; the stage fails with the message
     */
    PixelMap map(C params) throws Exception;

    /** Runs {@link #map} over the frame with the platform's {@link PixelOps#apply}. */
    @Override
    default Frame apply(Frame in, C params, CallContext context) throws Exception {
        PixelMap map = map(params);
        if (map == null) {
            throw new IllegalStateException("map returned no pixel map");
        }
        return context.pixels().apply(in, List.of(map));
    }
}
