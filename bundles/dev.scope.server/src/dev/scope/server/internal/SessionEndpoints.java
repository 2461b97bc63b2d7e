package dev.scope.server.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.Engine;
import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.Session;
import dev.scope.engine.api.SessionClock;
import dev.scope.engine.api.SessionSpec;
import dev.scope.engine.api.StageSpec;
import dev.scope.engine.api.TimedFrame;
import dev.scope.media.Jpeg;
import dev.scope.media.MediaService;
import dev.scope.media.PreviewTap;

/**
 * Scope's headless sessions, one at a time per server: {@code POST /api/v1/session/start} streams
 * a chain in real time from an input (the test pattern by default), {@code /stop} ends it,
 * {@code /parameters} reads and changes its stages' values while it streams, {@code /frame} is its
 * latest output as JPEG and {@code /metrics} the engine's figures. Thread-safe.
 */
final class SessionEndpoints implements AutoCloseable {

    /** The input of a video session when none is given. */
    static final String DEFAULT_INPUT = "testsrc:1280x720@30";
    /** The frame size of a text-mode (generator) session unless its parameters set one. */
    private static final int TEXT_SIZE = 512;
    private static final int QUEUE = 4;

    private final PipelineRegistry registry;
    private final Engine engine;
    private final Supplier<MediaService> media;
    private final PipelineLoader loader;
    private final Clock clock;
    private final Executor previewEncoder;
    private final Consumer<Map<String, Object>> events;
    private HeadlessSession current; // guarded by this

    /**
     * @param media the media service, or a supplier that throws {@link ApiException} 503 when the
     *        framework has none
     * @param loader the loaded pipeline, which a start without a pipeline streams
     * @param previewEncoder where the remote preview's JPEGs are encoded
     * @param events told of {@code stream_started} and {@code stream_stopped}, for the relay's clients
     */
    SessionEndpoints(PipelineRegistry registry, Engine engine, Supplier<MediaService> media, PipelineLoader loader,
            Clock clock, Executor previewEncoder, Consumer<Map<String, Object>> events) {
        this.registry = registry;
        this.engine = engine;
        this.media = media;
        this.loader = loader;
        this.clock = clock;
        this.previewEncoder = previewEncoder;
        this.events = events;
    }

    /** @return the session with this id, if it is the current one (running or ended, not stopped) */
    synchronized Optional<HeadlessSession> current(String sessionId) {
        return current != null && current.id().equals(sessionId) ? Optional.of(current) : Optional.empty();
    }

    /** @return the remote preview of the running session with this id */
    synchronized Optional<PreviewFanout> preview(String sessionId) {
        return current != null && current.id().equals(sessionId) && current.state().equals("running")
                ? Optional.of(current.preview()) : Optional.empty();
    }

    void addTo(Routes routes) {
        routes.add(new Route("POST", "/api/v1/session/start",
                "start streaming a chain in real time: {pipeline_id | pipeline_ids, input_mode, input_source,"
                        + " parameters, prompts, loop}; without a pipeline, the loaded one",
                Map.of(200, "started: {success, message, session}", 404, "an unknown pipeline id",
                        409, "a session runs already, or no pipeline is given and none is loaded",
                        422, "a wrong field, input or parameter value", 503, "the media service is unavailable"),
                true, this::start));
        routes.add(new Route("POST", "/api/v1/session/stop", "stop the session",
                Map.of(200, "stopped: {success, message, session, metrics}", 404, "no session"), false, r -> stop()));
        routes.add(new Route("GET", "/api/v1/session/parameters", "the parameter values the session's stages were given",
                Map.of(200, "{session_id, parameters (the main stage's), stages}", 404, "no session"), false,
                r -> ApiReply.json(200, session().parameters())));
        routes.add(new Route("POST", "/api/v1/session/parameters",
                "change parameters while the session streams, at the next frame: {name: value, ...} for the main"
                        + " pipeline, or {stage | pipeline_id, parameters: {...}}",
                Map.of(200, "{success, session_id, stage, pipeline_id, parameters}", 404, "no session",
                        409, "the session has ended", 422, "a wrong field, stage or value"),
                true, this::parameters));
        routes.add(new Route("GET", "/api/v1/session/frame",
                "the session's latest output frame as JPEG; ?quality=1..100 (85), ?max_size=longest side (0: as is)",
                Map.of(200, "image/jpeg", 404, "no session, or no frame yet", 422, "a wrong quality or max_size"),
                false, this::frame));
        routes.add(new Route("GET", "/api/v1/session/metrics", "the session's frame counts, rates, latency and stages",
                Map.of(200, "the engine's metrics in snake case", 404, "no session"), false,
                r -> ApiReply.json(200, session().metrics())));
    }

    /** @return the media service, or ApiException 503 */
    MediaService media() {
        return media.get();
    }

    private synchronized HeadlessSession session() {
        if (current == null) {
            throw new ApiException(404, "no session; start one with POST /api/v1/session/start");
        }
        return current;
    }

    private ApiReply start(ApiRequest request) {
        Map<String, Object> body = request.jsonObjectOrEmpty();
        ChainSpec spec = chain(body);
        boolean text = "text".equals(spec.mode() != null ? spec.mode()
                : registry.require(spec.main().pipelineId()).defaultMode());
        String input = input(body, text);
        boolean loop = JsonFields.bool(body, "loop", true);
        synchronized (this) {
            if (current != null && current.state().equals("running")) {
                throw new ApiException(409, "session " + current.id() + " is running; stop it first"
                        + " (POST /api/v1/session/stop)");
            }
            if (current != null) {
                current.close();
                current = null;
            }
            MediaService m = media.get();
            FrameSource source = null;
            PreviewTap tap = m.previewTap();
            String id = UUID.randomUUID().toString();
            PreviewFanout preview = new PreviewFanout(previewEncoder, () -> events.accept(stopped(id)));
            Session session;
            try {
                source = input == null ? null : m.openSource(input, loop);
                session = engine.start(new SessionSpec(spec, source, List.<FrameSink>of(tap, preview), true, 0, 30,
                        QUEUE, SessionClock.SYSTEM));
            } catch (IOException e) {
                closeQuietly(source, tap);
                throw new ApiException(503, "the input " + input + " cannot be opened on this server: " + e.getMessage());
            } catch (RuntimeException e) {
                closeQuietly(source, tap);
                throw e;
            }
            current = new HeadlessSession(id, session, tap, preview, spec, source == null ? null : source.description(),
                    clock.instant());
            bypassAsked(body, current);
            events.accept(started(current));
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("success", true);
            reply.put("message", "Session started");
            reply.put("session", current.status());
            return ApiReply.json(200, reply);
        }
    }

    /** Bypasses the stages that {@code stages} asked to be (checked by {@link #chain}), as soon as the session runs. */
    private static void bypassAsked(Map<String, Object> body, HeadlessSession s) {
        if (body.get("stages") instanceof List<?> stages) {
            for (int i = 0; i < stages.size(); i++) {
                if (stages.get(i) instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("bypass"))) {
                    s.setBypass(i, true);
                }
            }
        }
    }

    /** @return the relay's {@code stream_started} event: the session and its media channels */
    private static Map<String, Object> started(HeadlessSession s) {
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("url", "/ws/preview/" + s.id());
        channel.put("direction", "out");
        channel.put("mime_type", "image/jpeg");
        channel.put("role", "preview");
        channel.put("framing", "each binary message: 16-byte header ('S' 'V', version 1, flags, pts us int64,"
                + " frame number uint32, big-endian) + one JPEG; ?quality=1..100, ?max_size=N");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "stream_started");
        event.put("session_id", s.id());
        event.put("pipeline_ids", s.pipelineIds());
        event.put("channels", List.of(channel));
        return event;
    }

    private static Map<String, Object> stopped(String id) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", "stream_stopped");
        event.put("session_id", id);
        return event;
    }

    private static void closeQuietly(FrameSource source, PreviewTap tap) {
        if (source != null) {
            source.close();
        }
        try {
            tap.close();
        } catch (IOException e) {
            // a tap holds a frame reference only; closing it lets the frame go and cannot fail
        }
    }

    /** The chain asked for: a pipeline, a chain of pipelines, or the loaded one. */
    private ChainSpec chain(Map<String, Object> body) {
        Object mode = body.get("input_mode");
        if (mode != null && !"video".equals(mode) && !"text".equals(mode)) {
            throw new ApiException(422, "'input_mode' must be \"video\" or \"text\", not " + (mode instanceof String s
                    ? "\"" + s + "\"" : JsonFields.kind(mode)));
        }
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> given = new ArrayList<>();
        if (body.get("stages") != null) {
            if (body.get("pipeline_id") != null || body.get("pipeline_ids") != null) {
                throw new ApiException(422, "give 'stages' or 'pipeline_id' / 'pipeline_ids', not both");
            }
            for (Object stage : JsonFields.array(body, "stages")) {
                if (!(stage instanceof Map<?, ?>)) {
                    throw new ApiException(422, "each of 'stages' must be an object {pipeline_id, parameters, bypass},"
                            + " not " + JsonFields.kind(stage));
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) stage;
                for (String key : m.keySet()) {
                    if (!List.of("pipeline_id", "parameters", "bypass").contains(key)) {
                        throw new ApiException(422, "'" + key + "' is not a field of a stage; expected {pipeline_id,"
                                + " parameters, bypass}");
                    }
                }
                ids.add(JsonFields.string(m, "pipeline_id"));
                given.add(JsonFields.object(m, "parameters"));
                JsonFields.bool(m, "bypass", false); // checked here, applied once the session runs
            }
        } else if (body.get("pipeline_id") != null) {
            ids.add(JsonFields.string(body, "pipeline_id"));
        } else if (body.get("pipeline_ids") != null) {
            for (Object id : JsonFields.array(body, "pipeline_ids")) {
                if (!(id instanceof String s) || s.isBlank()) {
                    throw new ApiException(422, "each of 'pipeline_ids' must be a pipeline id, not " + JsonFields.kind(id));
                }
                ids.add(s);
            }
        }
        Map<String, Object> params = new LinkedHashMap<>(JsonFields.object(body, "parameters"));
        if (body.get("prompts") != null) {
            params.put("prompts", JsonFields.array(body, "prompts"));
        }
        if (ids.isEmpty()) {
            ChainSpec loaded = loader.loaded().orElseThrow(() -> new ApiException(409, "no pipeline is loaded; give"
                    + " 'pipeline_id' (or 'pipeline_ids'), or load one first (POST /api/v1/pipeline/load)"));
            StageSpec main = loaded.main();
            Map<String, Object> merged = new LinkedHashMap<>(main.params());
            merged.putAll(params);
            return new ChainSpec(loaded.pre(), new StageSpec(main.pipelineId(), merged), loaded.post(),
                    (String) mode, loaded.backend(), loaded.deadlineMillis());
        }
        List<StageSpec> stages = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            stages.add(new StageSpec(ids.get(i), i < given.size() ? given.get(i) : Map.of()));
        }
        // one pipeline streams alone, whatever its usage (./scope run --pipeline gray); a chain needs a main one
        ChainSpec spec = stages.size() == 1 ? ChainSpec.of(List.of(), stages.get(0), List.of(), (String) mode)
                : PipelineEndpoints.chain(registry, stages, (String) mode);
        Map<String, Object> main = new LinkedHashMap<>(spec.main().params());
        main.putAll(params);
        PipelineInfo info = registry.require(spec.main().pipelineId());
        if ("text".equals(mode != null ? mode : info.defaultMode())) {
            main.putIfAbsent("width", TEXT_SIZE);
            main.putIfAbsent("height", TEXT_SIZE);
        }
        return new ChainSpec(spec.pre(), new StageSpec(spec.main().pipelineId(), main), spec.post(), spec.mode(),
                spec.backend(), spec.deadlineMillis());
    }

    /** @return the media spec of the input, or null in text mode */
    private static String input(Map<String, Object> body, boolean text) {
        Object given = body.get("input_source");
        if (text) {
            if (given != null) {
                throw new ApiException(422, "a text-mode pipeline generates its frames and takes no 'input_source'");
            }
            return null;
        }
        if (given == null) {
            return DEFAULT_INPUT;
        }
        if (given instanceof String s) {
            if (s.isBlank()) {
                throw new ApiException(422, "'input_source' must not be empty");
            }
            return s.strip();
        }
        if (!(given instanceof Map<?, ?>)) {
            throw new ApiException(422, "'input_source' must be a string (testsrc:WxH@FPS, a file, webcam) or an"
                    + " object {source_type, source_name}, not " + JsonFields.kind(given));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> source = (Map<String, Object>) given;
        String type = JsonFields.string(source, "source_type");
        String name = source.get("source_name") == null ? null : JsonFields.string(source, "source_name");
        return switch (type) {
            case "testsrc" -> name == null ? DEFAULT_INPUT : name.startsWith("testsrc:") ? name : "testsrc:" + name;
            case "video_file", "image_file" -> {
                if (name == null) {
                    throw new ApiException(422, "'source_name' is required for a " + type + " (the file's path on the"
                            + " server)");
                }
                yield name;
            }
            case "webcam" -> name == null ? "webcam" : name.startsWith("webcam") ? name : "webcam:" + name;
            default -> throw new ApiException(422, "'source_type' " + type + " is not known; expected testsrc,"
                    + " video_file, image_file or webcam");
        };
    }

    private ApiReply stop() {
        HeadlessSession stopped;
        synchronized (this) {
            stopped = session();
            current = null;
        }
        Map<String, Object> metrics = stopped.metrics();
        stopped.close();
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("success", true);
        reply.put("message", "Session stopped");
        reply.put("session", stopped.status());
        reply.put("metrics", metrics);
        return ApiReply.json(200, reply);
    }

    private ApiReply parameters(ApiRequest request) {
        return ApiReply.json(200, change(request.jsonObject()));
    }

    /**
     * Changes parameters of the session (the REST body's shapes; the relay's {@code parameters}
     * message has the same).
     *
     * @return {@code {success, session_id, stage, pipeline_id, parameters}}
     * @throws ApiException 404 without a session, 409 when it ended, 422 for a wrong field or value
     */
    Map<String, Object> change(Map<String, Object> body) {
        HeadlessSession s = session();
        Map<String, Object> changes;
        Integer stage = null;
        String pipelineId = null;
        Boolean bypass = null;
        if (body.get("parameters") instanceof Map<?, ?> || body.get("bypass") instanceof Boolean) {
            for (String key : body.keySet()) {
                if (!List.of("parameters", "stage", "pipeline_id", "bypass").contains(key)) {
                    throw new ApiException(422, "'" + key + "' is not a field of a stage's change; expected {stage |"
                            + " pipeline_id, parameters: {...}, bypass}, or {name: value, ...} for the main pipeline");
                }
            }
            changes = body.get("parameters") == null ? Map.of() : JsonFields.object(body, "parameters");
            bypass = body.get("bypass") == null ? null : JsonFields.bool(body, "bypass", false);
            Object index = body.get("stage");
            if (index != null) {
                if (!(index instanceof Integer i)) {
                    throw new ApiException(422, "'stage' must be a stage's index (an integer), not " + JsonFields.kind(index));
                }
                stage = i;
            }
            pipelineId = body.get("pipeline_id") == null ? null : JsonFields.string(body, "pipeline_id");
        } else {
            changes = body;
        }
        if (changes.isEmpty() && bypass == null) {
            throw new ApiException(422, "no parameter to change; expected {name: value, ...}");
        }
        int index = s.stageOf(stage, pipelineId);
        Map<String, Object> values = s.setParams(index, changes);
        if (bypass != null) {
            s.setBypass(index, bypass);
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("success", true);
        reply.put("session_id", s.id());
        reply.put("stage", index);
        reply.put("pipeline_id", s.pipelineIds().get(index));
        reply.put("parameters", values);
        reply.put("bypass", s.bypassed(index));
        return reply;
    }

    private ApiReply frame(ApiRequest request) {
        int quality = intQuery(request, "quality", Jpeg.DEFAULT_QUALITY, 1, 100);
        int maxSide = intQuery(request, "max_size", 0, 0, dev.scope.pipeline.api.Frame.MAX_SIDE);
        HeadlessSession s = session();
        Optional<TimedFrame> latest = s.latest();
        if (latest.isEmpty()) {
            throw new ApiException(404, "session " + s.id() + " has no output frame yet");
        }
        TimedFrame frame = latest.get();
        byte[] jpeg;
        try {
            jpeg = Jpeg.encode(frame.frame(), quality, maxSide);
        } finally {
            frame.frame().release();
        }
        return new ApiReply(200, "image/jpeg", jpeg, Map.of("X-Scope-Pts-Micros", Long.toString(frame.ptsMicros()),
                "Cache-Control", "no-store"));
    }

    private static int intQuery(ApiRequest request, String name, int fallback, int min, int max) {
        return intQuery(request.query(), name, fallback, min, max);
    }

    /** @return the integer query parameter, or {@code fallback} without one; 422 outside min..max */
    static int intQuery(Map<String, List<String>> query, String name, int fallback, int min, int max) {
        List<String> values = query.get(name);
        if (values == null || values.isEmpty()) {
            return fallback;
        }
        String text = values.get(values.size() - 1);
        try {
            int v = Integer.parseInt(text.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new ApiException(422, "'" + name + "' " + text + " is not valid; expected an integer from " + min + " to "
                + max);
    }

    /** Stops the session, if one runs. */
    @Override
    public synchronized void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
