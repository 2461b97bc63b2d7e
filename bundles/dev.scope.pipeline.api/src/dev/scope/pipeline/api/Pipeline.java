package dev.scope.pipeline.api;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A running pipeline: the Java form of Scope's {@code Pipeline} with {@code prepare()} and
 * {@code __call__()}.
 *
 * <p><b>Life cycle.</b> The engine creates an instance through its {@link PipelineFactory} with
 * the load parameters, calls {@link #prepare} and {@link #call} for every tick of the stream, and
 * calls {@link #close} exactly once when the instance is replaced (reload, plugin update) or the
 * stream ends. Instances are never created or shared by Declarative Services.
 *
 * <p><b>Threading.</b> The engine calls one instance from one thread at a time (never
 * concurrently), but not necessarily always from the same thread. An implementation that starts
 * threads of its own must stop them in {@link #close}.
 *
 * <p><b>Errors.</b> An exception thrown by {@code prepare} or {@code call}, an output of the wrong
 * shape, or non-finite float values mark the stage FAILED with that reason; the engine bypasses it
 * and the stream goes on. Throw with a message that tells the user what went wrong.
 */
@ConsumerType
public interface Pipeline extends AutoCloseable {

    /**
     * Called before input frames are gathered for the next call.
     *
     * @param params the current runtime parameters; when the session's input mode is video the
     *        map also holds {@code video = true}, as Scope passes it
     * @return how many input frames the next call needs, or {@code null} when the pipeline needs
     *         no input (text mode: it generates frames). The default asks for no input.
     */
    default Requirements prepare(Params params) {
        return null;
    }

    /**
     * Produces output frames.
     *
     * @param video exactly {@link Requirements#inputSize()} input frames when {@link #prepare}
     *        asked for some, sampled uniformly from what arrived since the last call; an empty
     *        list when it asked for none. The frames are read-only and owned by the engine: they
     *        are valid only until this method returns, so copy what you need to keep.
     * @param params an immutable snapshot of the runtime parameters, taken at the frame boundary
     *        before this call, plus values that earlier stages emitted as extra outputs, plus
     *        {@code init_cache} ({@code true} on the first call and after a reset)
     * @return the produced frames and any extra outputs; ownership of the output frames passes
     *         to the engine. {@code null} or {@link Output#idle()} means nothing was produced.
     * @throws Exception on failure; the engine marks the stage failed with the message
     */
    Output call(List<Frame> video, Params params) throws Exception;

    /**
     * Releases what the instance holds (buffers, threads, native resources). Called once, by the
     * engine, on the thread that ran the stage. The default does nothing.
     */
    @Override
    default void close() {
    }
}
