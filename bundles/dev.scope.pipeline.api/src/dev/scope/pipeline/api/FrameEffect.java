package dev.scope.pipeline.api;

import java.util.ArrayList;
import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A pipeline that turns each input frame into one output frame: the common effect. Implement
 * {@link #apply}; the default {@link #call} applies it to every input (one a call, unless
 * {@code input_size} says more), and at {@link #isIdentity identity} hands the inputs on as they
 * are, with no copy.
 *
 * <pre>{@code
 * public final class InvertPipeline implements FrameEffect<InvertConfig> {
 *     public boolean isIdentity(InvertConfig p) { return p.intensity == 0; }
 *     public Frame apply(Frame in, InvertConfig p, CallContext context) {
 *         // out = in * (1 - k) + (255 - in) * k
 *         return context.pixels().affine(in, 1 - 2 * p.intensity, 255 * p.intensity);
 *     }
 * }
 * }</pre>
 *
 * @param <C> the pipeline's config class
 */
@ConsumerType
public interface FrameEffect<C extends BasePipelineConfig> extends Pipeline<C> {

    /**
     * Makes the output of one input frame.
     *
     * @param in a borrowed input frame (see {@link Frame})
     * @param params the current parameters
     * @param context the call's context
     * @return a new frame the caller owns (from {@link CallContext#frames()}, {@link CallContext#pixels()}
     *         or a device allocation), never {@code in} itself
     * @throws Exception on failure; the stage fails with the message
     */
    Frame apply(Frame in, C params, CallContext context) throws Exception;

    /**
     * @param params the current parameters
     * @return whether the effect changes nothing with these parameters: the inputs then go on as
     *         they are. The default: never.
     */
    default boolean isIdentity(C params) {
        return false;
    }

    /** Applies the effect to every input frame, or hands them on at identity. */
    @Override
    default Output call(List<Frame> video, C params, CallContext context) throws Exception {
        if (isIdentity(params)) {
            return Output.of(video);
        }
        List<Frame> out = new ArrayList<>(video.size());
        try {
            for (Frame f : video) {
                Frame made = apply(f, params, context);
                if (made == null) {
                    throw new IllegalStateException("apply returned no frame");
                }
                out.add(made);
            }
        } catch (Exception | Error e) {
            out.forEach(Frame::release);
            throw e;
        }
        return Output.of(out);
    }
}
