package dev.scope.ui.stream;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.SessionMetrics;
import dev.scope.engine.api.StageStatus;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one stream the workbench runs: it owns the engine session, its source and its sinks (the
 * frames for the preview through {@link FrameListener}s, and an MP4 recording), and remembers the
 * source, the chain with its parameter values and whether it was streaming in
 * {@code $SCOPE_HOME/workbench/session.json} (written atomically on every change), so that the next
 * start of the workbench resumes where the last one ended. On the very first start the source is a
 * 1280x720 test pattern at 30 fps through the built-in {@code kaleidoscope} effect.
 *
 * <p>Thread-safe. Methods that open or close things ({@link #start}, {@link #stop},
 * {@link #setSource}, {@link #setChain}, the recording) block until done and are serialized; a UI
 * calls them from a Job, never from its display thread. {@link #setParams}, {@link #setBypass},
 * {@link #pause} and {@link #resume} return at once and take effect at the next frame.
 *
 * <p>Errors: what the user gave that is wrong (a missing or unreadable file, no webcam, an invalid
 * parameter value, a pipeline that is not installed) is a {@code dev.scope.engine.api.BadInputException}
 * or an {@link IllegalArgumentException} whose message is one readable line, fit for a status
 * line; the machine failing is an {@link IOException}. A stage that fails while streaming is
 * bypassed and reported through {@link #stages()} and the listeners; the stream goes on.
 */
@ProviderType
public interface StreamController {

    /** @return the current state */
    StreamState state();

    /**
     * @return whether the stream was running when the workbench last ended (true on the very first
     *         start): a UI calls {@link #start()} when it opens if so
     */
    boolean wasStreaming();

    /**
     * Opens the source, loads the chain's pipelines and starts streaming. Does nothing when
     * already running. Remembers that the stream runs.
     *
     * @throws IllegalArgumentException (often a {@code BadInputException}) when the source or the
     *         chain cannot run as given; the message says why in one line
     * @throws IOException when the machine fails (FFmpeg cannot load, a read error)
     */
    void start() throws IOException;

    /** Stops the stream (finishing a recording first) and remembers that it is stopped. Idempotent. */
    void stop();

    /** Pauses a running stream: no stage is called, a file keeps its place. */
    void pause();

    /** Resumes after {@link #pause()}. */
    void resume();

    /**
     * Changes the source; a running stream restarts on it (its chain and values unchanged).
     *
     * @param source the new source
     * @throws IllegalArgumentException when it cannot be opened (the old source is kept)
     * @throws IOException when the machine fails
     */
    void setSource(SourceSpec source) throws IOException;

    /**
     * Changes the chain (stages, order, mode, values); a running stream goes on with the new chain,
     * swapped in at a frame boundary (stages that stay keep running; a change of input mode starts
     * a new session). Per-stage bypass is cleared.
     *
     * @param chain the new chain
     * @throws IllegalArgumentException when it cannot run (unknown pipeline, wrong usage or mode,
     *         an invalid value); the old chain keeps running
     * @throws IOException when the machine fails
     */
    void setChain(ChainSpec chain) throws IOException;

    /**
     * Changes parameter values of one stage, at the next frame when streaming, and remembers them.
     *
     * @param stage the stage's index in chain order
     * @param values new values by key (merged into the stage's values)
     * @throws IllegalArgumentException for an unknown key, a wrong type or a value out of range,
     *         naming it and what is allowed; nothing changes then
     * @throws IndexOutOfBoundsException for a stage the chain does not have
     */
    void setParams(int stage, Map<String, ?> values);

    /**
     * Bypasses one stage (frames pass through it unchanged) or ends the bypass.
     *
     * @param stage the stage's index in chain order
     * @param bypass whether to bypass it
     * @throws IndexOutOfBoundsException for a stage the chain does not have
     */
    void setBypass(int stage, boolean bypass);

    /**
     * Records every output frame from now on into an H.264 MP4 while the preview goes on. A
     * recording already running is finished first.
     *
     * @param mp4 the file to write, ending in {@code .mp4}
     * @throws IllegalStateException when the stream is not running
     * @throws IllegalArgumentException when the file cannot be created there
     * @throws IOException when no encoder opens
     */
    void startRecording(Path mp4) throws IOException;

    /**
     * Finishes the recording, if one runs.
     *
     * @return the file written, if a recording was running
     * @throws IOException when finishing the file fails
     */
    Optional<Path> stopRecording() throws IOException;

    /**
     * Writes the latest output frame to a PNG.
     *
     * @param png the file to write
     * @throws IllegalStateException when no output frame has been made yet
     * @throws IOException when the file cannot be written
     */
    void snapshot(Path png) throws IOException;

    /** @return the running session's metrics, empty when stopped */
    Optional<SessionMetrics> metrics();

    /** @return the running session's stages (state, failure reason, backend), empty when stopped */
    List<StageStatus> stages();

    /**
     * @return what the controller did by itself that the user should hear about (a session file
     *         it could not read and moved aside, a saved chain that no longer loads), each once;
     *         one line each
     */
    List<String> takeNotices();

    /** @param listener told of every state change from now on */
    void addListener(StreamListener listener);

    /** @param listener a listener given to {@link #addListener} */
    void removeListener(StreamListener listener);

    /** @param listener given the frames of every stream from now on */
    void addFrameListener(FrameListener listener);

    /** @param listener a listener given to {@link #addFrameListener}; gets no frame once this returns */
    void removeFrameListener(FrameListener listener);
}
