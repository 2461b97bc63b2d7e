package dev.scope.engine.api;

import java.util.List;
import java.util.Map;

import dev.scope.pipeline.api.Frame;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An open chain of loaded pipeline instances.
 *
 * <p>Frames move synchronously: {@link #push} (video mode) or {@link #tick} (text mode) runs the
 * stages on the calling thread and returns what the last stage produced. Each stage asks through
 * {@code prepare()} how many input frames it needs and collects them before it is called; when
 * more arrived it samples them uniformly; at the end of a finite source {@link #flush} hands the
 * stages the frames they still hold. Extra outputs of a stage become parameters of the
 * stages after it. A stage that throws, returns frames of inconsistent size or non-finite values
 * is marked {@link StageStatus.State#FAILED} with the reason and bypassed from then on: its input
 * goes on unchanged and the chain keeps running.
 *
 * <p><b>Frames.</b> One rule, that of every frame ({@link Frame}): whoever holds a handle releases
 * it. {@link #push} borrows the caller's frames: a stage that keeps one (it collects a batch)
 * takes a reference of its own, so the caller may release its frames as soon as {@code push}
 * returns. Every frame {@link #push}, {@link #tick} and {@link #flush} return is a handle the
 * caller owns and releases.
 *
 * <p><b>Stages.</b> Each stage runs where the engine placed it (Java, or the OpenCL device for a
 * pipeline that supports it), and the chain moves frames between host and device as the stages
 * need them. Plugin code runs on a thread of the chain's, through one guard: a call that throws or
 * does not return within the deadline ({@link ChainSpec#deadlineMillis()}) marks the stage
 * {@link StageStatus.State#FAILED} (the thread of a call that never returns is abandoned).
 *
 * <p>Not thread-safe: one thread drives a chain. {@link #setParams} may be called from any
 * thread; the change applies at the next frame boundary, as a new typed parameter object.
 */
@ProviderType
public interface Chain extends AutoCloseable {

    /** @return the input mode the chain runs in */
    String mode();

    /** @return whether the chain takes input frames (video mode) */
    default boolean needsInput() {
        return "video".equals(mode());
    }

    /**
     * Feeds one source frame (video mode).
     *
     * @param input the frame, borrowed: the caller keeps (and releases) its handle
     * @return the frames the last stage produced, possibly none; handles owned by the caller
     * @throws IllegalStateException in text mode or after close
     */
    List<Frame> push(Frame input);

    /**
     * Feeds frames that arrived together (video mode). A stage that needs fewer samples them
     * uniformly, keeping the newest, and skips the rest (counted in {@link StageMetrics#skipped()}).
     *
     * @param inputs the frames in arrival order, at least one, borrowed as by {@link #push(Frame)}
     * @return the frames the last stage produced, possibly none; handles owned by the caller
     * @since 1.1
     */
    List<Frame> push(List<Frame> inputs);

    /**
     * Ends the stream: calls once more every stage that holds fewer frames than it asks for, so
     * that no input frame is lost at the end of a finite source. Stages are flushed in chain
     * order, and what a flushed stage produces goes on through the later stages (which may then
     * complete a batch, and are flushed in turn).
     *
     * <p>A stage still gets exactly {@code input_size} frames: the frames it holds, then its last
     * one repeated. Of its outputs the chain keeps the share that belongs to the frames it held,
     * the first {@code ceil(outputs * held / input_size)} (all of them for a stage that makes one
     * output per input or a fixed number per input), and releases the rest. A bypassed stage passes
     * the frames it holds on unchanged.
     *
     * <p>The chain stays open: pushing more frames afterwards starts new batches.
     *
     * @return the frames the last stage produced, possibly none; handles owned by the caller
     * @throws IllegalStateException after close
     * @since 1.2
     */
    List<Frame> flush();

    /**
     * Runs one tick without input (text mode).
     *
     * @return the frames produced; handles owned by the caller
     * @throws IllegalStateException in video mode or after close
     */
    List<Frame> tick();

    /**
     * Changes parameters of one stage. Validated now; applied at the next frame boundary as a
     * new immutable snapshot. When a load parameter changes, a new instance of that stage's
     * pipeline is created now with the new load parameters (on the calling thread), swapped in
     * at the next frame boundary, and the old one closed; the other stages are untouched.
     *
     * @param stage the stage index in chain order
     * @param values new values, merged into the stage's current ones
     * @throws IllegalArgumentException for an invalid value or stage
     * @throws PipelineLoadException when the new instance cannot be created; the old one keeps
     *         running
     */
    void setParams(int stage, Map<String, ?> values);

    /**
     * Bypasses a stage (its input goes on unchanged) or puts it back. Applies at the next frame
     * boundary. A failed stage stays bypassed.
     *
     * @param stage the stage index in chain order
     * @param bypass whether to bypass it
     * @since 1.1
     */
    void setBypass(int stage, boolean bypass);

    /**
     * Starts over: every stage gets {@code init_cache = true} on its next call and drops the
     * input frames it was collecting.
     *
     * @since 1.1
     */
    void reset();

    /**
     * @return output frames per input frame over time: the product of the stages'
     *         {@code frameRateFactor} (2 with a frame-doubling interpolator)
     * @since 1.1
     */
    double frameRateFactor();

    /** @return the state of every stage in chain order */
    List<StageStatus> stages();

    /**
     * @return timing of every stage in chain order, over the most recent calls
     * @since 1.1
     */
    List<StageMetrics> metrics();

    /**
     * Closes every pipeline instance (through the guard, each within the deadline) and releases the
     * frames the stages still hold. Idempotent.
     */
    @Override
    void close();
}
