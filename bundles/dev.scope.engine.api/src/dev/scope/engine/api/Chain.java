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
 * more arrived it samples them uniformly. Extra outputs of a stage become parameters of the
 * stages after it. A stage that throws, returns frames of inconsistent size or non-finite values
 * is marked {@link StageStatus.State#FAILED} with the reason and bypassed from then on: its input
 * goes on unchanged and the chain keeps running.
 *
 * <p>Not thread-safe: one thread drives a chain. {@link #setParams} may be called from any
 * thread; the change applies at the next frame boundary, as an immutable snapshot.
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
     * @param input the frame; the chain reads it during this call only
     * @return the frames the last stage produced, possibly none; owned by the caller
     * @throws IllegalStateException in text mode or after close
     */
    List<Frame> push(Frame input);

    /**
     * Runs one tick without input (text mode).
     *
     * @return the frames produced; owned by the caller
     * @throws IllegalStateException in video mode or after close
     */
    List<Frame> tick();

    /**
     * Changes runtime parameters of one stage. Validated now; applied at the next frame
     * boundary. A load parameter cannot change here.
     *
     * @param stage the stage index in chain order
     * @param values new values, merged into the stage's current ones
     * @throws IllegalArgumentException for an invalid value or a load parameter
     */
    void setParams(int stage, Map<String, ?> values);

    /** @return the state of every stage in chain order */
    List<StageStatus> stages();

    /** Closes every pipeline instance. Idempotent. */
    @Override
    void close();
}
