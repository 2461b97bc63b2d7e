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
 * @since 1.1
 */
@ProviderType
public interface Session extends AutoCloseable {

    /** @return the chain's input mode */
    String mode();

    /** @return the state of every stage in chain order */
    List<StageStatus> stages();

    /** @return a snapshot of the metrics */
    SessionMetrics metrics();

    /** @see Chain#setParams(int, Map) */
    void setParams(int stage, Map<String, ?> values);

    /** @see Chain#setBypass(int, boolean) */
    void setBypass(int stage, boolean bypass);

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
