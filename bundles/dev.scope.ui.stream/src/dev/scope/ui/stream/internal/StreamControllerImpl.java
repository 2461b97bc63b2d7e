package dev.scope.ui.stream.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.Engine;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginManager;
import dev.scope.engine.api.Session;
import dev.scope.engine.api.SessionClock;
import dev.scope.engine.api.SessionMetrics;
import dev.scope.engine.api.SessionSpec;
import dev.scope.engine.api.StageStatus;
import dev.scope.media.MediaService;
import dev.scope.ui.stream.SourceSpec;
import dev.scope.ui.stream.StreamController;
import dev.scope.ui.stream.StreamState;
import dev.scope.ui.stream.StreamStatus;

/**
 * The {@link StreamController} on this machine's engine ({@link WorkbenchStream} hands it out while
 * the workbench is local): one engine session at a time, opened from the remembered
 * {@link SavedSession}, its output through a {@link FanOutSink} that outlives sessions, its input
 * through a {@link TapSource}. {@code lifecycle} serializes what opens and closes; {@code lock}
 * guards the remembered session and the status, and is never held while opening anything.
 */
public final class StreamControllerImpl extends ListenedStream {

    private static final int QUEUE = 4;

    private final Engine engine;
    private final MediaService media;
    private final PipelineRegistry registry;
    private final StateWriter writer;
    private final FanOutSink out = new FanOutSink(frameListeners);
    private final Object lifecycle = new Object();
    private final Object lock = new Object();
    private final boolean wasStreaming;
    private SavedSession saved;
    private StreamStatus status = StreamStatus.STOPPED;
    private String error;
    private Path recording;
    private Session session;

    /**
     * @param engine runs the chains
     * @param media opens sources and recordings
     * @param registry tells a chain's input mode
     * @param plugins where the state directory is
     */
    StreamControllerImpl(Engine engine, MediaService media, PipelineRegistry registry, PluginManager plugins) {
        this(engine, media, registry, plugins.home().resolve("workbench").resolve("session.json"));
    }

    StreamControllerImpl(Engine engine, MediaService media, PipelineRegistry registry, Path sessionFile) {
        this.engine = engine;
        this.media = media;
        this.registry = registry;
        this.writer = new StateWriter(sessionFile);
        this.saved = load(sessionFile);
        this.wasStreaming = saved.streaming();
    }

    private SavedSession load(Path file) {
        try {
            return SavedSession.read(file);
        } catch (IOException e) {
            notice(e.getMessage());
            return SavedSession.firstStart();
        }
    }

    /** Closes the session without forgetting that it ran, so the next start resumes it. */
    void deactivate() {
        synchronized (lifecycle) {
            closeSession();
            out.close();
            writer.close();
        }
    }

    @Override
    public StreamState state() {
        synchronized (lock) {
            return new StreamState(status, saved.source(), saved.chain(), saved.bypass(), error, recording);
        }
    }

    @Override
    public boolean wasStreaming() {
        return wasStreaming;
    }

    @Override
    public void start() throws IOException {
        synchronized (lifecycle) {
            if (current() != null) {
                return;
            }
            SavedSession s = remembered();
            update(StreamStatus.STARTING, null);
            try {
                begin(open(s, null));
            } catch (IOException | RuntimeException e) {
                update(StreamStatus.STOPPED, Messages.readable(e));
                throw e;
            }
            remember(r -> r.withStreaming(true));
        }
    }

    @Override
    public void stop() {
        synchronized (lifecycle) {
            try {
                stopRecording();
            } catch (IOException e) {
                notice(Messages.readable(e));
            }
            closeSession();
            update(StreamStatus.STOPPED, null);
            remember(r -> r.withStreaming(false));
        }
    }

    /**
     * Stops the stream (finishing a recording first) without remembering that it stopped: the
     * stream moves to a server, and the next start of the workbench resumes it here as it was.
     */
    void standBy() {
        synchronized (lifecycle) {
            try {
                stopRecording();
            } catch (IOException e) {
                notice(Messages.readable(e));
            }
            closeSession();
            update(StreamStatus.STOPPED, null);
        }
    }

    @Override
    public void pause() {
        Session s = current();
        if (s != null) {
            s.pause();
            update(StreamStatus.PAUSED, null);
        }
    }

    @Override
    public void resume() {
        Session s = current();
        if (s != null) {
            s.resume();
            update(StreamStatus.STREAMING, null);
        }
    }

    @Override
    public void setSource(SourceSpec source) throws IOException {
        synchronized (lifecycle) {
            FrameSource opened = media.openSource(source.mediaSpec(), source.loop()); // refused: nothing changes
            remember(r -> r.withSource(source));
            if (current() == null) {
                opened.close();
                update(StreamStatus.STOPPED, null);
                return;
            }
            restart(remembered(), opened);
        }
    }

    @Override
    public void setChain(ChainSpec chain) throws IOException {
        synchronized (lifecycle) {
            SavedSession before = remembered();
            SavedSession next = before.withChain(chain, ChainEdits.noBypass(chain.stages().size()));
            Session s = current();
            if (s == null) {
                remember(r -> next);
                update(StreamStatus.STOPPED, null);
                return;
            }
            if (textMode(chain) == "text".equals(s.mode())) {
                s.replaceChain(chain); // the stream goes on; refused: the old chain does, nothing changes
                for (int i = 0; i < chain.stages().size(); i++) {
                    s.setBypass(i, false);
                }
            } else {
                try {
                    restart(next, null); // another input mode: a new session
                } catch (IOException | RuntimeException e) {
                    restart(before, null); // the old chain goes on
                    throw e;
                }
            }
            remember(r -> next);
        }
    }

    /** Closes the running session and opens one for {@code s} (on {@code opened} when given). */
    private void restart(SavedSession s, FrameSource opened) throws IOException {
        boolean paused = status() == StreamStatus.PAUSED;
        closeSession();
        update(StreamStatus.STARTING, null);
        try {
            begin(open(s, opened));
        } catch (IOException | RuntimeException e) {
            update(StreamStatus.STOPPED, Messages.readable(e));
            throw e;
        }
        if (paused) {
            pause();
        }
    }

    @Override
    public void setParams(int stage, Map<String, ?> values) {
        synchronized (lock) {
            ChainSpec next = ChainEdits.withParams(saved.chain(), stage, values);
            if (session != null) {
                session.setParams(stage, values); // an invalid value throws here: nothing changes
            }
            saved = saved.withChain(next, saved.bypass());
            writer.save(saved);
        }
        listeners.fire(state());
    }

    @Override
    public void setBypass(int stage, boolean bypass) {
        synchronized (lock) {
            List<Boolean> flags = new ArrayList<>(saved.bypass());
            flags.set(stage, bypass);
            if (session != null) {
                session.setBypass(stage, bypass);
            }
            saved = saved.withChain(saved.chain(), flags);
            writer.save(saved);
        }
        listeners.fire(state());
    }

    @Override
    public void startRecording(Path mp4) throws IOException {
        synchronized (lifecycle) {
            if (current() == null) {
                throw new IllegalStateException("start the stream before recording it");
            }
            if (!mp4.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".mp4")) {
                throw new IllegalArgumentException(mp4 + " does not end in .mp4; recordings are H.264 MP4 files");
            }
            out.record(media.openSink(mp4.toAbsolutePath().toString()));
            synchronized (lock) {
                recording = mp4.toAbsolutePath();
            }
            listeners.fire(state());
        }
    }

    @Override
    public Optional<Path> stopRecording() throws IOException {
        synchronized (lifecycle) {
            Path was;
            synchronized (lock) {
                was = recording;
                recording = null;
            }
            try {
                out.stopRecording();
            } finally {
                listeners.fire(state());
            }
            return Optional.ofNullable(was);
        }
    }

    @Override
    public void snapshot(Path png) throws IOException {
        dev.scope.pipeline.api.Frame frame = out.latest();
        if (frame == null) {
            throw new IllegalStateException("there is no output frame yet: start the stream first");
        }
        try {
            dev.scope.media.Png.write(frame, png);
        } finally {
            frame.release();
        }
    }

    @Override
    public Optional<SessionMetrics> metrics() {
        return Optional.ofNullable(current()).map(Session::metrics);
    }

    @Override
    public List<StageStatus> stages() {
        Session s = current();
        return s == null ? List.of() : s.stages();
    }

    /** Opens the source (unless given, or the chain is in text mode) and starts a session on it. */
    private Session open(SavedSession s, FrameSource opened) throws IOException {
        FrameSource source = opened;
        if (textMode(s.chain())) {
            if (source != null) {
                source.close();
                source = null;
            }
        } else if (source == null) {
            source = media.openSource(s.source().mediaSpec(), s.source().loop());
        }
        FrameSource tapped = source == null ? null : new TapSource(source, frameListeners);
        try {
            Session started = engine.start(new SessionSpec(s.chain(), tapped, List.of(out.session()), true, 0,
                    textRate(s.source()), QUEUE, SessionClock.SYSTEM));
            for (int i = 0; i < s.bypass().size(); i++) {
                if (s.bypass().get(i)) {
                    started.setBypass(i, true);
                }
            }
            return started;
        } catch (RuntimeException e) {
            if (source != null) {
                source.close();
            }
            throw e;
        }
    }

    private boolean textMode(ChainSpec chain) {
        String mode = chain.mode();
        if (mode == null) {
            mode = registry.find(chain.main().pipelineId()).map(PipelineInfo::defaultMode).orElse("video");
        }
        return "text".equals(mode);
    }

    /** Text mode generates frames at the test pattern's rate, else 30 a second. */
    private static double textRate(SourceSpec source) {
        return source.kind() == SourceSpec.Kind.TEST_PATTERN ? source.fps() : 30;
    }

    private void begin(Session started) {
        synchronized (lock) {
            session = started;
        }
        update(StreamStatus.STREAMING, null);
        new Watcher(started, this::changed, this::ended).start();
    }

    /** Closes the running session, if any; a recording goes on into the next one. */
    private void closeSession() {
        Session s;
        synchronized (lock) {
            s = session;
            session = null;
        }
        if (s != null) {
            s.close();
        }
    }

    /** The watcher saw the stages change. */
    private void changed(Session s) {
        if (current() == s) {
            listeners.fire(state());
        }
    }

    /** The watcher saw the session end by itself: the source ended or failed. */
    private void ended(Session s) {
        synchronized (lock) {
            if (session != s) {
                return; // closed on purpose
            }
            session = null;
        }
        s.close();
        try {
            stopRecording();
        } catch (IOException e) {
            notice(Messages.readable(e));
        }
        update(StreamStatus.STOPPED, s.error().orElse(null));
    }

    private Session current() {
        synchronized (lock) {
            return session;
        }
    }

    private StreamStatus status() {
        synchronized (lock) {
            return status;
        }
    }

    private SavedSession remembered() {
        synchronized (lock) {
            return saved;
        }
    }

    private void remember(java.util.function.UnaryOperator<SavedSession> change) {
        synchronized (lock) {
            saved = change.apply(saved);
            writer.save(saved);
        }
        listeners.fire(state());
    }

    private void update(StreamStatus now, String why) {
        synchronized (lock) {
            status = now;
            error = why;
        }
        listeners.fire(state());
    }

    /** For tests: waits until the session file holds every change made so far. */
    void flush() {
        writer.flush();
    }
}
