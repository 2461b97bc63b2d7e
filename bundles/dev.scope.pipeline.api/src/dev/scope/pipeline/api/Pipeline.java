package dev.scope.pipeline.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A running pipeline: the Java form of Scope's {@code Pipeline} with {@code prepare()} and
 * {@code __call__()}.
 *
 * <p><b>Parameters.</b> The runtime parameters arrive typed, as an instance of the pipeline's own
 * config class {@code C}: the engine builds a new one, from the defaults and every value set so
 * far, whenever a value changes (at a frame boundary, never during a call), and passes the same
 * object to every call until the next change. Treat it as read-only. Values the runtime supplies
 * for each call ({@code init_cache}, the mode, the real frame size, what earlier stages forwarded)
 * are in the {@link CallContext}, not among the parameters. In video mode the stream decides the
 * frame size: the config's {@code width} and {@code height} hold the input's real size.
 *
 * <p><b>Life cycle.</b> The engine creates an instance through its {@link PipelineFactory} with
 * the load parameters, calls {@link #configure} before the first call and after every change of
 * the parameters, {@link #prepare} and {@link #call} for every tick of the stream, and
 * {@link #close} exactly once when the instance is replaced (reload, plugin update) or the stream
 * ends. Instances are never created or shared by Declarative Services.
 *
 * <p><b>Threads.</b> The engine calls one instance from one thread at a time (never concurrently),
 * but not always from the same thread. An implementation that starts threads of its own must stop
 * them in {@link #close}. A call that does not return within the engine's deadline marks the stage
 * failed; its thread is abandoned.
 *
 * <p><b>Errors.</b> Anything thrown by a method here, an output of the wrong shape or non-finite
 * float values mark the stage FAILED with that reason; the engine bypasses it and the stream goes
 * on. Throw with a message that tells the user what went wrong.
 *
 * @param <C> the pipeline's config class
 */
@ConsumerType
public interface Pipeline<C extends BasePipelineConfig> extends AutoCloseable {

    /**
     * Called at a frame boundary before the first call and whenever the parameters changed
     * (including the frame size, in video mode): the one place to rebuild what depends on them
     * only, such as tables. The default does nothing.
     *
     * @param params the new parameters, the object the following calls get
     * @throws Exception on failure; the stage fails with the message
     */
    default void configure(C params) throws Exception {
    }

    /**
     * Says what the next call needs, before input frames are gathered for it.
     *
     * <p>The default asks, in video mode, for {@code input_size} frames (the config's
     * {@code inputSize}, which a mode's {@link ModeDefaults#inputSize()} sets; one unless set) and
     * in text mode for none. A pipeline that takes one frame a call needs no {@code prepare}.
     *
     * @param params the current parameters
     * @param context the call's context
     * @return how many input frames the next call takes, or {@code null} for none (text mode: the
     *         pipeline generates frames; in video mode, idle)
     * @throws Exception on failure; the stage fails with the message
     */
    default Requirements prepare(C params, CallContext context) throws Exception {
        if (!context.videoMode()) {
            return null;
        }
        return new Requirements(params.inputSize == null ? 1 : params.inputSize);
    }

    /**
     * Produces output frames.
     *
     * @param video exactly {@link Requirements#inputSize()} input frames when {@link #prepare}
     *        asked for some (sampled uniformly from what arrived since the last call), else empty.
     *        They are borrowed (see {@link Frame}): read them, {@link Frame#retain()} one to keep it.
     * @param params the current parameters, as given to {@link #configure}
     * @param context the call's context
     * @return the produced frames and any extra outputs; the frames' handles pass to the engine.
     *         {@code null} or {@link Output#idle()} means nothing was produced.
     * @throws Exception on failure; the engine marks the stage failed with the message and
     *         releases nothing of what the call made (release made frames before throwing)
     */
    Output call(List<Frame> video, C params, CallContext context) throws Exception;

    /**
     * Releases what the instance holds (retained frames, buffers, threads, native resources).
     * Called once, by the engine. The default does nothing.
     */
    @Override
    default void close() {
    }
}
