package dev.scope.server.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.scope.engine.api.FrameSink;

/**
 * Scope's recordings of the headless session: {@code POST /api/v1/recordings/{session}/start}
 * writes the session's output to an H.264 MP4 beside the preview, {@code /stop} finishes it,
 * {@code GET /api/v1/recordings/{session}} is the file (streamed from disk) and
 * {@code GET /api/v1/recordings} lists them. The files live in the state directory's
 * {@code recordings/}, named by the session's id: a client never names a path, and an id that is
 * not a session id's shape is refused before any file is touched, so no request reaches another
 * file.
 */
final class RecordingEndpoints {

    /** A session id: what the server makes (a UUID), nothing else. */
    private static final Pattern SESSION_ID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final SessionEndpoints sessions;
    private final Path dir;
    private final Clock clock;

    /** @param dir where the recordings are written (created when the first one starts) */
    RecordingEndpoints(SessionEndpoints sessions, Path dir, Clock clock) {
        this.sessions = sessions;
        this.dir = dir;
        this.clock = clock;
    }

    void addTo(Routes routes) {
        routes.add(new Route("POST", "/api/v1/recordings/{session}/start",
                "record the session's output to an H.264 MP4 while it streams",
                Map.of(200, "{success, session_id, file, started_at}", 404, "no such session", 409,
                        "it records already, or has ended", 422, "not a session id", 503, "no H.264 encoder"),
                false, r -> start(r.pathParam("session"))));
        routes.add(new Route("POST", "/api/v1/recordings/{session}/stop", "finish the session's recording",
                Map.of(200, "{success, session_id, file, bytes}", 404, "no such session, or it does not record",
                        422, "not a session id"),
                false, r -> stop(r.pathParam("session"))));
        routes.add(new Route("GET", "/api/v1/recordings/{session}", "the session's recording, video/mp4",
                Map.of(200, "the MP4", 404, "no recording of that session", 409, "it is still being written",
                        422, "not a session id"),
                false, r -> file(r.pathParam("session"))));
        routes.add(new Route("GET", "/api/v1/recordings", "the recordings on this server",
                Map.of(200, "{recordings: [{session_id, bytes, modified}]}"), false, r -> list()));
    }

    private static String checked(String id) {
        if (!SESSION_ID.matcher(id).matches()) {
            throw new ApiException(422, "'" + id + "' is not a session id (the session_id that"
                    + " POST /api/v1/session/start answered)");
        }
        return id;
    }

    private Path fileOf(String id) {
        return dir.resolve(checked(id) + ".mp4");
    }

    private HeadlessSession session(String id) {
        return sessions.current(checked(id)).orElseThrow(() -> new ApiException(404, "no session " + id
                + " is streaming; GET /api/v1/session/metrics names the current one"));
    }

    private ApiReply start(String id) {
        HeadlessSession s = session(id);
        Path file = fileOf(id);
        FrameSink sink;
        try {
            Files.createDirectories(dir);
            sink = sessions.media().openSink(file.toString());
        } catch (IOException e) {
            throw new ApiException(503, "this server cannot record: " + e.getMessage());
        }
        try {
            s.record(sink, file);
        } catch (IOException e) {
            throw new ApiException(503, "this server cannot record: " + e.getMessage());
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("success", true);
        reply.put("session_id", id);
        reply.put("file", file.getFileName().toString());
        reply.put("started_at", clock.instant().toString());
        return ApiReply.json(200, reply);
    }

    private ApiReply stop(String id) {
        Path file = session(id).stopRecording();
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("success", true);
        reply.put("session_id", id);
        reply.put("file", file.getFileName().toString());
        reply.put("bytes", size(file));
        return ApiReply.json(200, reply);
    }

    private ApiReply file(String id) {
        Path file = fileOf(id);
        if (sessions.current(id).map(s -> s.recordingTo(file)).orElse(false)) {
            throw new ApiException(409, "session " + id + " is still recording; POST /api/v1/recordings/" + id
                    + "/stop finishes the file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ApiException(404, "no recording of session " + id);
        }
        return ApiReply.file("video/mp4", file, Map.of("Content-Disposition", "attachment; filename=\""
                + file.getFileName() + "\""));
    }

    private ApiReply list() {
        List<Map<String, Object>> recordings = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.sorted().toList()) {
                    String name = f.getFileName().toString();
                    if (name.endsWith(".mp4") && SESSION_ID.matcher(name.substring(0, name.length() - 4)).matches()) {
                        Map<String, Object> r = new LinkedHashMap<>();
                        r.put("session_id", name.substring(0, name.length() - 4));
                        r.put("bytes", size(f));
                        r.put("modified", Files.getLastModifiedTime(f).toInstant().toString());
                        recordings.add(r);
                    }
                }
            } catch (IOException e) {
                throw new ApiException(503, "the recordings cannot be listed: " + e.getMessage());
            }
        }
        return ApiReply.json(200, Map.of("recordings", recordings));
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
