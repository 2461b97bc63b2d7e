package dev.scope.ui.stream.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.scope.engine.api.BadInputException;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.SessionMetrics;
import dev.scope.engine.api.StageMetrics;
import dev.scope.engine.api.StageSpec;
import dev.scope.engine.api.StageStatus;
import dev.scope.frames.FramePool;
import dev.scope.media.Jpeg;
import dev.scope.pipeline.api.Frame;
import dev.scope.server.client.PreviewClient;
import dev.scope.server.client.RelayAnswer;
import dev.scope.server.client.RelayClient;
import dev.scope.server.client.RelayStatus;
import dev.scope.ui.stream.SourceSpec;
import dev.scope.ui.stream.StreamState;
import dev.scope.ui.stream.StreamStatus;

/**
 * The stream on a server: its headless session ({@code POST /api/v1/session/start} with every
 * stage's values and bypass), parameter changes as the relay's {@code parameters} messages (at
 * most one in flight per stage, later changes merged into the next, so that they arrive in order),
 * the preview channel's JPEGs decoded into frames for the frame listeners, the metrics asked for
 * twice a second, and recordings made on the server and fetched into the file asked for when they
 * stop. A change of source or chain starts a new session (the server has no chain swap). When the
 * connection comes back after a loss, the session goes on (its preview reopened) or, if the server
 * lost it, starts again. Thread-safe; methods that start or stop block, a bounded time.
 */
final class RemoteStream extends ListenedStream {

    private static final System.Logger LOG = System.getLogger(RemoteStream.class.getName());
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long METRICS_MILLIS = 500;
    private static final int PREVIEW_QUALITY = 80;
    /** The preview's longest side: the server encodes and this side decodes a quarter of a 720p frame. */
    private static final int PREVIEW_SIDE = 854;

    private final RelayClient relay;
    private final HttpClient http;
    private final String token;
    private final RemoteRegistry registry;
    private final ScheduledExecutorService scheduler;
    private final FramePool pool = new FramePool(64L << 20);
    private final Object lifecycle = new Object();
    private final Object lock = new Object();
    // guarded by lock
    private SourceSpec source;
    private ChainSpec chain;
    private List<Boolean> bypass;
    private StreamStatus status = StreamStatus.STOPPED;
    private String error;
    private Path recording;
    private String sessionId;
    private PreviewClient preview;
    private Frame latest;
    private SessionMetrics metrics;
    private List<StageStatus> stages = List.of();
    private ScheduledFuture<?> polling;
    private final Map<Integer, Map<String, Object>> waiting = new HashMap<>();
    private final Set<Integer> sending = new HashSet<>();

    RemoteStream(RelayClient relay, HttpClient http, String token, RemoteRegistry registry,
            ScheduledExecutorService scheduler, StreamState from) {
        this.relay = relay;
        this.http = http;
        this.token = token;
        this.registry = registry;
        this.scheduler = scheduler;
        this.source = from.source();
        this.chain = from.chain();
        this.bypass = from.bypass();
        relay.addEventListener(this::event);
        relay.addStatusListener(this::connection);
    }

    @Override
    public StreamState state() {
        synchronized (lock) {
            return new StreamState(status, source, chain, bypass, error, recording);
        }
    }

    @Override
    public boolean wasStreaming() {
        return false;
    }

    @Override
    public void start() throws IOException {
        synchronized (lifecycle) {
            if (session() != null) {
                return;
            }
            update(StreamStatus.STARTING, null);
            try {
                begin();
            } catch (IOException | RuntimeException e) {
                update(StreamStatus.STOPPED, Messages.readable(e));
                throw e;
            }
        }
    }

    /** Starts the server's session for the chain as it stands (taking over one running there). */
    private void begin() throws IOException {
        // a server runs one session: one running there (another client's) is stopped, and said
        if (call("POST", "/api/v1/session/stop", null).ok()) {
            notice("the session already running on " + where() + " was stopped to start this one");
        }
        RelayAnswer a = call("POST", "/api/v1/session/start", startBody());
        if (!a.ok()) {
            throw refused("the server " + where() + " refused the stream", a);
        }
        Map<?, ?> session = a.object().get("session") instanceof Map<?, ?> m ? m : Map.of();
        String id = String.valueOf(session.get("session_id"));
        List<StageStatus> started = stageStatus(session.get("stages"));
        synchronized (lock) {
            sessionId = id;
            stages = started;
            metrics = null;
            waiting.clear();
            sending.clear();
        }
        openPreview(id);
        synchronized (lock) {
            if (polling == null) {
                polling = scheduler.scheduleWithFixedDelay(this::poll, METRICS_MILLIS, METRICS_MILLIS,
                        TimeUnit.MILLISECONDS);
            }
        }
        update(StreamStatus.STREAMING, null);
    }

    private Map<String, Object> startBody() {
        ChainSpec c;
        List<Boolean> b;
        SourceSpec s;
        synchronized (lock) {
            c = chain;
            b = bypass;
            s = source;
        }
        List<Map<String, Object>> list = new ArrayList<>();
        List<StageSpec> all = c.stages();
        for (int i = 0; i < all.size(); i++) {
            Map<String, Object> stage = new LinkedHashMap<>();
            stage.put("pipeline_id", all.get(i).pipelineId());
            stage.put("parameters", new LinkedHashMap<>(all.get(i).params()));
            stage.put("bypass", i < b.size() && b.get(i));
            list.add(stage);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stages", list);
        if (c.mode() != null) {
            body.put("input_mode", c.mode());
        }
        String mode = c.mode() != null ? c.mode()
                : registry.find(c.main().pipelineId()).map(PipelineInfo::defaultMode).orElse("video");
        if (!"text".equals(mode)) {
            body.put("input_source", s.mediaSpec());
            if (s.kind() == SourceSpec.Kind.VIDEO_FILE) {
                body.put("loop", s.loop());
            }
        }
        return body;
    }

    private static List<StageStatus> stageStatus(Object list) {
        List<StageStatus> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> m) {
                    StageStatus.State state = "failed".equals(m.get("state")) ? StageStatus.State.FAILED
                            : StageStatus.State.OK;
                    out.add(new StageStatus(number(m.get("stage")).intValue(), String.valueOf(m.get("pipeline_id")),
                            String.valueOf(m.get("role")), state, m.get("reason") instanceof String r ? r : null, 0, 0,
                            m.get("backend") instanceof String be ? be : "server"));
                }
            }
        }
        return List.copyOf(out);
    }

    private void openPreview(String id) {
        URI url = relay.url().resolve("/ws/preview/" + id + "?quality=" + PREVIEW_QUALITY + "&max_size=" + PREVIEW_SIDE);
        PreviewClient p = PreviewClient.open(http, url, token, f -> frame(id, f),
                why -> LOG.log(System.Logger.Level.DEBUG, "the preview of " + id + " ended: " + why));
        PreviewClient old;
        synchronized (lock) {
            old = preview;
            preview = p;
        }
        if (old != null) {
            old.close();
        }
    }

    /** A preview frame came: decoded, kept for snapshots, handed to every frame listener. */
    private void frame(String id, PreviewClient.Frame f) {
        synchronized (lock) {
            if (!id.equals(sessionId)) {
                return;
            }
        }
        Frame frame;
        try {
            frame = Jpeg.decode(f.jpeg(), pool);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.DEBUG, "a preview frame could not be decoded: " + e.getMessage());
            return;
        }
        Frame old;
        synchronized (lock) {
            old = latest;
            latest = frame.retain();
        }
        if (old != null) {
            old.release();
        }
        Frames.handOut(frameListeners, frame, f.ptsMicros(), true);
        frame.release();
    }

    private void poll() {
        if (session() == null || !relay.status().connected()) {
            return;
        }
        relay.api("GET", "/api/v1/session/metrics", null).whenComplete((a, e) -> {
            if (a != null && a.ok()) {
                Map<String, Object> m = a.object();
                SessionMetrics parsed = metrics(m);
                boolean ended = !"running".equals(m.get("status"));
                synchronized (lock) {
                    if (!String.valueOf(m.get("session_id")).equals(sessionId)) {
                        return;
                    }
                    metrics = parsed;
                    List<StageStatus> next = new ArrayList<>();
                    for (StageStatus s : stages) {
                        StageMetrics sm = s.index() < parsed.stages().size() ? parsed.stages().get(s.index()) : null;
                        next.add(sm == null ? s : new StageStatus(s.index(), s.pipelineId(), s.role(), s.state(),
                                s.reason(), sm.calls(), sm.framesOut(), s.backend()));
                    }
                    stages = List.copyOf(next);
                }
                if (ended) {
                    ended(String.valueOf(m.get("session_id")), "the stream on " + where() + " " + m.get("status"));
                }
            }
        });
    }

    private static SessionMetrics metrics(Map<String, Object> m) {
        List<StageMetrics> stageMetrics = new ArrayList<>();
        if (m.get("stages") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof Map<?, ?> s) {
                    stageMetrics.add(new StageMetrics(number(s.get("stage")).intValue(),
                            String.valueOf(s.get("pipeline_id")), number(s.get("calls")).longValue(),
                            number(s.get("frames_out")).longValue(), number(s.get("skipped")).longValue(),
                            number(s.get("p50_ms")).doubleValue(), number(s.get("p99_ms")).doubleValue(),
                            number(s.get("device_p50_ms")).doubleValue(), number(s.get("device_p99_ms")).doubleValue(),
                            s.get("path") instanceof String p ? p : "server"));
                }
            }
        }
        return new SessionMetrics(number(m.get("wall_seconds")).doubleValue(),
                number(m.get("source_seconds")).doubleValue(), number(m.get("frames_in")).longValue(),
                number(m.get("input_dropped")).longValue(), number(m.get("skipped")).longValue(),
                number(m.get("frames_out")).longValue(), number(m.get("output_dropped")).longValue(),
                number(m.get("output_fps")).doubleValue(), number(m.get("output_frame_rate")).doubleValue(),
                number(m.get("latency_p50_ms")).doubleValue(), number(m.get("latency_p99_ms")).doubleValue(),
                number(m.get("frames_in_use")).longValue(), number(m.get("pooled_bytes")).longValue(),
                stageMetrics);
    }

    private static Number number(Object o) {
        return o instanceof Number n ? n : 0;
    }

    /** A message the server pushed. */
    private void event(Map<String, Object> message) {
        Object type = message.get("type");
        if ("stream_stopped".equals(type)) {
            ended(String.valueOf(message.get("session_id")), "the stream on " + where() + " ended");
        } else if ("notification".equals(type) && "pipelines_changed".equals(message.get("kind"))) {
            scheduler.execute(this::refreshQuietly);
        }
    }

    /** The server's session {@code id} ended without this workbench stopping it. */
    private void ended(String id, String why) {
        synchronized (lock) {
            if (!id.equals(sessionId)) {
                return;
            }
            sessionId = null;
            recording = null;
        }
        closePreview();
        update(StreamStatus.STOPPED, why);
    }

    /**
     * Reads the server's schemas (and failed plugins) into the registry.
     *
     * @throws IOException when the server cannot be asked or does not give its schemas, saying why
     */
    void refreshRegistry() throws IOException {
        RelayAnswer schemas = call("GET", "/api/v1/pipelines/schemas", null);
        if (!schemas.ok() || !(schemas.data() instanceof Map<?, ?>)) {
            throw new IOException("the server " + where() + " gave no pipeline schemas (" + (schemas.error() != null
                    ? schemas.error() : "HTTP " + schemas.status()) + "): is it a Scope server?");
        }
        RelayAnswer plugins = call("GET", "/api/v1/plugins", null);
        registry.update(schemas.object(), plugins.ok() && plugins.object().get("failed_plugins") instanceof List<?> f
                ? f : null);
    }

    /** {@link #refreshRegistry} after a change the server announced; a failure is only logged (the next one tries again). */
    private void refreshQuietly() {
        try {
            refreshRegistry();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "the server's pipelines could not be read: " + e.getMessage());
        }
    }

    /** The relay connected again, or was lost. */
    private void connection(RelayStatus s) {
        if (s.state() == RelayStatus.State.CONNECTED && s.connects() > 1) {
            scheduler.execute(this::reconnected);
        } else if (s.state() == RelayStatus.State.RECONNECTING) {
            closePreview();
            synchronized (lock) {
                metrics = null; // no figures from a server that cannot be asked (the status line shows no rate)
            }
            listeners.fire(state());
        }
    }

    /** After a reconnection: the session goes on if the server still runs it, else starts again. */
    private void reconnected() {
        refreshQuietly();
        synchronized (lifecycle) {
            String id = session();
            if (id == null) {
                listeners.fire(state());
                return;
            }
            try {
                RelayAnswer a = call("GET", "/api/v1/session/parameters", null);
                if (a.ok() && id.equals(String.valueOf(a.object().get("session_id")))) {
                    openPreview(id);
                    listeners.fire(state());
                    return;
                }
                synchronized (lock) {
                    sessionId = null;
                    recording = null;
                }
                notice("the server " + where() + " had lost the stream; it started again");
                begin();
            } catch (IOException | RuntimeException e) {
                update(StreamStatus.STOPPED, Messages.readable(e));
            }
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
            endSession();
            update(StreamStatus.STOPPED, null);
        }
    }

    /** Stops the server's session, if this workbench runs one. */
    private void endSession() {
        String id;
        synchronized (lock) {
            id = sessionId;
            sessionId = null;
            metrics = null;
            stages = List.of();
        }
        closePreview();
        if (id != null && relay.status().connected()) {
            try {
                call("POST", "/api/v1/session/stop", null);
            } catch (IOException e) {
                notice("the server's session could not be stopped: " + e.getMessage());
            }
        }
    }

    private void closePreview() {
        PreviewClient p;
        synchronized (lock) {
            p = preview;
            preview = null;
        }
        if (p != null) {
            p.close();
        }
    }

    @Override
    public void pause() {
        throw new IllegalStateException("a stream on a server cannot be paused; stop it, or disconnect to pause"
                + " on this machine");
    }

    @Override
    public void resume() {
        // never paused
    }

    @Override
    public void setSource(SourceSpec next) throws IOException {
        synchronized (lifecycle) {
            SourceSpec before;
            synchronized (lock) {
                before = source;
                source = next;
            }
            restartIfRunning(() -> {
                synchronized (lock) {
                    source = before;
                }
            });
        }
    }

    @Override
    public void setChain(ChainSpec next) throws IOException {
        synchronized (lifecycle) {
            ChainSpec before;
            List<Boolean> beforeBypass;
            synchronized (lock) {
                before = chain;
                beforeBypass = bypass;
                chain = next;
                bypass = ChainEdits.noBypass(next.stages().size());
            }
            restartIfRunning(() -> {
                synchronized (lock) {
                    chain = before;
                    bypass = beforeBypass;
                }
            });
        }
    }

    /** A running stream starts again as it now stands; refused, {@code undo} and the old one runs again. */
    private void restartIfRunning(Runnable undo) throws IOException {
        if (session() == null) {
            update(StreamStatus.STOPPED, null);
            return;
        }
        try {
            stopRecording();
        } catch (IOException e) {
            notice(Messages.readable(e));
        }
        endSession();
        update(StreamStatus.STARTING, null);
        try {
            begin();
        } catch (IOException | RuntimeException e) {
            undo.run();
            try {
                begin();
            } catch (IOException | RuntimeException again) {
                update(StreamStatus.STOPPED, Messages.readable(again));
            }
            throw e;
        }
    }

    @Override
    public void setParams(int stage, Map<String, ?> values) {
        boolean running;
        synchronized (lock) {
            chain = ChainEdits.withParams(chain, stage, values);
            running = sessionId != null;
        }
        if (running) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("parameters", new LinkedHashMap<String, Object>(values));
            send(stage, change);
        }
        listeners.fire(state());
    }

    @Override
    public void setBypass(int stage, boolean on) {
        boolean running;
        synchronized (lock) {
            List<Boolean> flags = new ArrayList<>(bypass);
            flags.set(stage, on);
            bypass = List.copyOf(flags);
            running = sessionId != null;
        }
        if (running) {
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("bypass", on);
            send(stage, change);
        }
        listeners.fire(state());
    }

    /** Queues a change of one stage: sent now unless one is in flight, else merged into the next. */
    @SuppressWarnings("unchecked")
    private void send(int stage, Map<String, Object> change) {
        synchronized (lock) {
            Map<String, Object> merged = waiting.computeIfAbsent(stage, k -> new LinkedHashMap<>());
            if (change.get("parameters") instanceof Map<?, ?> p) {
                ((Map<String, Object>) merged.computeIfAbsent("parameters", k -> new LinkedHashMap<String, Object>()))
                        .putAll((Map<String, Object>) p);
            }
            if (change.containsKey("bypass")) {
                merged.put("bypass", change.get("bypass"));
            }
            if (!sending.add(stage)) {
                return; // the answer to the one in flight sends this
            }
        }
        flush(stage);
    }

    private void flush(int stage) {
        Map<String, Object> message;
        synchronized (lock) {
            message = waiting.remove(stage);
            if (message == null || sessionId == null) {
                sending.remove(stage);
                return;
            }
        }
        message.put("stage", stage);
        relay.parameters(message).whenComplete((a, e) -> {
            if (e != null) {
                refusedChange(stage, e.getMessage());
            } else if (!a.ok()) {
                refusedChange(stage, a.error());
            }
            flush(stage);
        });
    }

    private void refusedChange(int stage, String why) {
        synchronized (lock) {
            error = "the server did not take the change of stage " + stage + ": " + why;
        }
        listeners.fire(state());
    }

    @Override
    public void startRecording(Path mp4) throws IOException {
        synchronized (lifecycle) {
            String id = session();
            if (id == null) {
                throw new IllegalStateException("start the stream before recording it");
            }
            if (!mp4.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp4")) {
                throw new IllegalArgumentException(mp4 + " does not end in .mp4; recordings are H.264 MP4 files");
            }
            if (recordingPath() != null) {
                stopRecording();
            }
            RelayAnswer a = call("POST", "/api/v1/recordings/" + id + "/start", null);
            if (!a.ok()) {
                throw refused("the server " + where() + " could not record", a);
            }
            synchronized (lock) {
                recording = mp4.toAbsolutePath();
            }
            listeners.fire(state());
        }
    }

    @Override
    public Optional<Path> stopRecording() throws IOException {
        synchronized (lifecycle) {
            Path to;
            String id;
            synchronized (lock) {
                to = recording;
                id = sessionId;
                recording = null;
            }
            if (to == null || id == null) {
                return Optional.empty();
            }
            try {
                RelayAnswer a = call("POST", "/api/v1/recordings/" + id + "/stop", null);
                if (!a.ok()) {
                    throw new IOException("the server " + where() + " could not finish the recording: " + a.error());
                }
                fetch(id, to);
                return Optional.of(to);
            } finally {
                listeners.fire(state());
            }
        }
    }

    /** Fetches the server's MP4 of the session into {@code to}, whole or not at all. */
    private void fetch(String id, Path to) throws IOException {
        URI url = httpBase().resolve("/api/v1/recordings/" + id);
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(Duration.ofMinutes(10));
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token.strip());
        }
        Path dir = to.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, "." + to.getFileName(), ".part");
        try {
            HttpResponse<Path> r = http.send(request.build(), HttpResponse.BodyHandlers.ofFile(part));
            if (r.statusCode() != 200) {
                throw new IOException("the server " + where() + " did not give the recording: HTTP " + r.statusCode());
            }
            Files.move(part, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching the recording");
        } finally {
            Files.deleteIfExists(part);
        }
    }

    private URI httpBase() {
        URI ws = relay.url();
        String scheme = "wss".equals(ws.getScheme()) ? "https" : "http";
        return URI.create(scheme + "://" + ws.getHost() + ":" + ws.getPort() + "/");
    }

    @Override
    public void snapshot(Path png) throws IOException {
        Frame frame;
        synchronized (lock) {
            frame = latest == null ? null : latest.retain();
        }
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
        synchronized (lock) {
            return sessionId == null ? Optional.empty() : Optional.ofNullable(metrics);
        }
    }

    @Override
    public List<StageStatus> stages() {
        synchronized (lock) {
            return sessionId == null ? List.of() : stages;
        }
    }

    /** Stops the stream (the server's session with it) and lets the last frame go. */
    void close() {
        stop();
        ScheduledFuture<?> p;
        Frame f;
        synchronized (lock) {
            p = polling;
            polling = null;
            f = latest;
            latest = null;
        }
        if (p != null) {
            p.cancel(false);
        }
        if (f != null) {
            f.release();
        }
    }

    private String session() {
        synchronized (lock) {
            return sessionId;
        }
    }

    private Path recordingPath() {
        synchronized (lock) {
            return recording;
        }
    }

    private String where() {
        return relay.url().getHost() + ":" + relay.url().getPort();
    }

    /** Asks the server and waits for its answer, a bounded time. */
    RelayAnswer call(String method, String path, Object body) throws IOException {
        try {
            return relay.api(method, path, body).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause() == null ? e.getMessage() : e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new IOException("the server " + where() + " did not answer " + method + " " + path + " within "
                    + WAIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking the server " + where());
        }
    }

    /** What the server refused: a 4xx is the user's to fix, one line; a 5xx the machine's. */
    private static RuntimeException refused(String what, RelayAnswer a) throws IOException {
        if (a.status() >= 500) {
            throw new IOException(what + ": " + a.error());
        }
        return new BadInputException(what + ": " + a.error());
    }

    private void update(StreamStatus now, String why) {
        synchronized (lock) {
            status = now;
            error = why;
        }
        listeners.fire(state());
    }
}
