package dev.scope.engine.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A running stream: source, chain and sinks on threads of their own. Every method may be called
 * from any thread.
 *
 * <p>Parameter changes and bypass apply at the next frame boundary. A stage that fails is
 * bypassed and the stream goes on; a sink that fails is closed and dropped, the others go on. The
 * session ends when the source ends, the duration is reached, the source fails
 * ({@link #error()}), or {@link #close()}. In the first three cases the chain is flushed
 * ({@link Chain#flush()}) first, so the sinks get the outputs of every frame read.
 *
 * <p>Since 3.1 the chain and the sinks change while the stream goes on: {@link #replaceChain}
 * swaps the chain at a frame boundary (keeping the stages that stay), {@link #addSink} and
 * {@link #removeSink} start and stop an output (a recording) beside the others (a preview).
 *
 * @since 1.1
 */
@ProviderType
public interface Session extends AutoCloseable {

    /** @return the chain's input mode */
    String mode();

    /**
     * @return the state of every stage in chain order: of the chain given to the last
     *         {@link #replaceChain} from the moment that returned (its new stages with no calls yet,
     *         until the swap), else of the chain the session started with
     */
    List<StageStatus> stages();

    /**
     * @return a snapshot of the metrics; its stages are those of {@link #stages()}, and its counts
     *         cover the stages that left the chain too, so they keep adding up
     */
    SessionMetrics metrics();

    /**
     * Changes parameters of one stage, by its index in {@link #stages()}.
     *
     * @see Chain#setParams(int, Map)
     */
    void setParams(int stage, Map<String, ?> values);

    /**
     * Bypasses a stage or puts it back, by its index in {@link #stages()}.
     *
     * @see Chain#setBypass(int, boolean)
     */
    void setBypass(int stage, boolean bypass);

    /**
     * Replaces the chain while the source, the sinks and the clock go on: the chain editor's add,
     * remove and reorder. The new chain is checked and its new stages loaded now, on the calling
     * thread (loading can be slow: the stream goes on meanwhile, and the caller should not be a
     * UI thread); the processing thread swaps it in between two frames, at its next frame boundary.
     *
     * <ul>
     * <li><b>Kept stages.</b> A stage of the current chain is kept, instance and all, when the new
     * chain has a stage of the same pipeline (the same bundle's service) with the same load
     * parameters (defaults, the mode's {@code mode_defaults} and the stage's values, compared by
     * value), at the same position or another; each current stage is kept at most once, preferably
     * at its own position, else at the first that fits. It keeps its runtime values (those set by
     * {@link #setParams} included), its bypass flag, the frames it holds and its metrics; values
     * the new spec gives it are applied as {@link #setParams} would, at its next frame. A stage that
     * failed is never kept: it gets a new instance (a fresh chance).</li>
     * <li><b>New stages</b> are loaded with their spec's values and start with no bypass.</li>
     * <li><b>Removed stages</b> are closed after the swap, when the processing thread has left them
     * (their plugin code runs no more), on a thread of their own; frames they still held (a batch
     * not yet complete) are released, not shown.</li>
     * <li><b>Frames</b> in the queues go on to the new chain and to the sinks; every frame is
     * released exactly once.</li>
     * <li><b>Indices.</b> From the moment this returns, {@link #stages()}, {@link #setParams},
     * {@link #setBypass} and the stages of {@link #metrics()} address the new chain, even before it
     * is swapped in. Another call before the swap replaces the new chain again (its stages that are
     * not kept are closed).</li>
     * <li><b>Rate.</b> When the new chain's frame-rate factor differs, the sinks get the new
     * nominal rate from the swap on ({@link FrameSink#accept}).</li>
     * </ul>
     *
     * <p>The mode cannot change: a video session needs a video chain (its source stays), a text
     * session a text one. The new spec's backend and deadline apply to every stage from the swap on.
     *
     * @param spec the new chain, as for {@link Engine#start}
     * @throws UnknownPipelineException for an id no bundle publishes
     * @throws ChainException for a chain that cannot run (wrong usage, another mode, a degraded
     *         pipeline)
     * @throws IllegalArgumentException for an invalid parameter, naming it and what is allowed
     * @throws PipelineLoadException when a new stage's factory fails
     * @throws IllegalStateException when the session has ended or is closed
     * @since 3.1
     */
    void replaceChain(ChainSpec spec);

    /**
     * Adds an output while the stream goes on (start recording). The sink gets the output frames
     * whose delivery starts after this returns, none before, at the session's current nominal rate;
     * the session owns it from now on and closes it when it is removed, fails, or the session ends.
     *
     * @param sink the sink
     * @throws IllegalArgumentException when it is a sink of this session already
     * @throws IllegalStateException when the session has ended or is closed: the sink was not
     *         added and stays the caller's to close
     * @since 3.1
     */
    void addSink(FrameSink sink);

    /**
     * Removes an output while the stream goes on (stop recording): waits until the frame being
     * delivered to it, if any, is done, then closes it ({@link FrameSink#close()}, which writes a
     * recording's trailer) on the calling thread; it gets no frame after that. A failure to close is
     * reported by {@link #warnings()}. Call it from another thread than the sink's own
     * {@code accept}.
     *
     * @param sink a sink given to {@link Engine#start} or {@link #addSink}
     * @return whether it was a sink of this session (then it is closed now); {@code false} for one
     *         that was removed, failed or closed before, or never belonged to it
     * @since 3.1
     */
    boolean removeSink(FrameSink sink);

    /** Stops calling the pipelines; the source is held too, so a file resumes where it was. */
    void pause();

    /** Resumes after {@link #pause()}. */
    void resume();

    /** @return whether the session is paused */
    boolean isPaused();

    /**
     * Waits for the session to end by itself.
     *
     * @param timeout how long to wait
     * @param unit the unit of {@code timeout}
     * @return whether it ended
     * @throws InterruptedException when the waiting thread is interrupted
     */
    boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException;

    /** @return whether the session has ended */
    boolean isDone();

    /** @return why the session ended early (the source failed), if it did */
    Optional<String> error();

    /** @return problems that did not stop the session (a sink that failed), in order */
    List<String> warnings();

    /** Stops the threads and closes the chain, the source and the sinks. Idempotent. */
    @Override
    void close();
}
