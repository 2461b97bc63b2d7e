package dev.scope.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.scope.server.internal.ServerOsgiTest.Reply;

import org.junit.jupiter.api.Test;

/**
 * Headless sessions through a real server and the JDK's HTTP client: a session streams the test
 * pattern through color-grade in real time, a parameter change shows in the JPEG of a later frame,
 * and every wrong request is a 4xx with {@code detail}. Waits count frames and requests, never time.
 */
class SessionOsgiTest extends OwnServer {

    private static final HttpClient HTTP = HttpClient.newHttpClient();


    private static Reply send(String method, String path, String body) throws Exception {
        return ServerOsgiTest.send(serving, method, path, body);
    }

    private static Reply get(String path) throws Exception {
        return send("GET", path, null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static long framesOut() throws Exception {
        Reply m = get("/api/v1/session/metrics");
        assertEquals(200, m.status(), m.text());
        return ((Number) m.object().get("frames_out")).longValue();
    }

    /** Asks for the metrics until the session has put out at least {@code n} frames (bounded by requests). */
    private static void untilFramesOut(long n) throws Exception {
        for (int i = 0; i < 20_000; i++) {
            if (framesOut() >= n) {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the session put out fewer than " + n + " frames in 20000 requests");
    }

    private static BufferedImage frame(String query) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(serving.uri() + "/api/v1/session/frame"
                + query)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("image/jpeg", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.headers().firstValue("X-Scope-Pts-Micros").isPresent(), "the frame's pts in a header");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertTrue(image != null, "a JPEG");
        return image;
    }

    /** @return the mean of the red, green and blue of every pixel */
    private static double meanLevel(BufferedImage image) {
        double sum = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int p = image.getRGB(x, y);
                sum += (p >> 16 & 0xFF) + (p >> 8 & 0xFF) + (p & 0xFF);
            }
        }
        return sum / (3.0 * image.getWidth() * image.getHeight());
    }

    @Test
    void withoutASessionEveryEndpointSaysSo() throws Exception {
        for (Reply r : List.of(get("/api/v1/session/metrics"), get("/api/v1/session/frame"),
                get("/api/v1/session/parameters"), send("POST", "/api/v1/session/parameters", "{\"brightness\": 1}"),
                send("POST", "/api/v1/session/stop", null))) {
            assertEquals(404, r.status(), r.text());
            assertEquals("no session; start one with POST /api/v1/session/start", r.detail());
        }
    }

    @Test
    void aParameterChangeShowsInTheNextFrames() throws Exception {
        Reply started = send("POST", "/api/v1/session/start", "{\"pipeline_id\": \"color-grade\", \"input_source\":"
                + " \"testsrc:160x90@100\", \"parameters\": {\"brightness\": -1}}");
        assertEquals(200, started.status(), started.text());
        assertEquals(List.of("success", "message", "session"), List.copyOf(started.object().keySet()));
        Map<String, Object> session = map(started.object().get("session"));
        assertEquals("running", session.get("status"));
        assertEquals(List.of("color-grade"), session.get("pipeline_ids"));
        assertEquals("video", session.get("input_mode"));
        assertTrue(((String) session.get("input_source")).contains("160x90"), session.toString());

        untilFramesOut(1);
        assertTrue(meanLevel(frame("")) < 16, "brightness -1 makes every pixel black");

        Reply changed = send("POST", "/api/v1/session/parameters", "{\"brightness\": 1}");
        assertEquals(200, changed.status(), changed.text());
        assertEquals(Map.of("success", true, "session_id", session.get("session_id"), "stage", 0, "pipeline_id",
                "color-grade", "parameters", Map.of("brightness", 1), "bypass", false), changed.object());
        // the change applies at the next frame boundary: two frames later the output has it
        untilFramesOut(framesOut() + 2);
        assertTrue(meanLevel(frame("?quality=90")) > 240, "brightness +1 makes every pixel white");

        Map<String, Object> params = get("/api/v1/session/parameters").object();
        assertEquals(Map.of("brightness", 1), params.get("parameters"));
        assertEquals(160 / 4, frame("?max_size=40").getWidth(), "scaled to the longest side asked");

        Reply metrics = get("/api/v1/session/metrics");
        assertEquals(List.of("session_id", "status", "wall_seconds", "source_seconds", "frames_in", "input_dropped",
                "skipped", "frames_out", "output_dropped", "output_fps", "output_frame_rate", "latency_p50_ms",
                "latency_p99_ms", "frames_in_use", "pooled_bytes", "stages", "preview_frames", "preview_clients"),
                List.copyOf(metrics.object().keySet()));

        Reply again = send("POST", "/api/v1/session/start", "{\"pipeline_id\": \"gray\"}");
        assertEquals(409, again.status(), again.text());
        assertTrue(again.detail().contains("is running; stop it first"), again.text());

        Reply stopped = send("POST", "/api/v1/session/stop", null);
        assertEquals(200, stopped.status(), stopped.text());
        assertEquals(List.of("success", "message", "session", "metrics"), List.copyOf(stopped.object().keySet()));
        assertEquals("stopped", map(stopped.object().get("session")).get("status"));
        assertEquals(404, get("/api/v1/session/metrics").status(), "no session after stop");
    }

    @Test
    void aRecordingOfTheSessionIsAnMp4ThatOnlyItsIdReaches() throws Exception {
        Reply started = send("POST", "/api/v1/session/start", "{\"pipeline_id\": \"color-grade\", \"input_source\":"
                + " \"testsrc:64x48@60\"}");
        String id = (String) map(started.object().get("session")).get("session_id");
        String at = "/api/v1/recordings/" + id;
        Reply recording = send("POST", at + "/start", null);
        assertEquals(200, recording.status(), recording.text());
        assertEquals(List.of("success", "session_id", "file", "started_at"), List.copyOf(recording.object().keySet()));
        assertEquals(id + ".mp4", recording.object().get("file"));
        assertEquals(409, send("POST", at + "/start", null).status(), "one recording at a time");
        Reply unfinished = get(at);
        assertEquals(409, unfinished.status(), unfinished.text());
        assertTrue(unfinished.detail().contains("still recording"), unfinished.text());
        untilFramesOut(framesOut() + 20);
        Reply stopped = send("POST", at + "/stop", null);
        assertEquals(200, stopped.status(), stopped.text());
        assertTrue(((Number) stopped.object().get("bytes")).longValue() > 0, stopped.text());
        assertEquals(404, send("POST", at + "/stop", null).status(), "it records no more");

        HttpResponse<byte[]> mp4 = HTTP.send(HttpRequest.newBuilder(URI.create(serving.uri() + at)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, mp4.statusCode());
        assertEquals("video/mp4", mp4.headers().firstValue("Content-Type").orElse(""));
        assertEquals("ftyp", new String(mp4.body(), 4, 4, java.nio.charset.StandardCharsets.US_ASCII),
                "an MP4 file");
        assertEquals(((Number) stopped.object().get("bytes")).longValue(), mp4.body().length);
        assertTrue(get("/api/v1/recordings").text().contains(id), "listed");

        // only an id the server made reaches a file: no path, no other name
        for (String wrong : List.of("/api/v1/recordings/plugins.json", "/api/v1/recordings/..",
                "/api/v1/recordings/%2e%2e%2fplugins.json", "/api/v1/recordings/" + id + ".mp4")) {
            Reply r = get(wrong);
            assertTrue(r.status() == 400 || r.status() == 404 || r.status() == 422, wrong + " -> " + r.text());
            assertTrue(r.text().startsWith("{\"detail\":"), wrong + " -> " + r.text());
        }
        assertEquals(422, send("POST", "/api/v1/recordings/abc/start", null).status());
        assertEquals(404, send("POST", "/api/v1/recordings/00000000-0000-0000-0000-000000000000/start", null).status());
    }

    @Test
    void aStartWithoutAPipelineStreamsTheLoadedOne() throws Exception {
        Reply none = send("POST", "/api/v1/session/start", null);
        assertEquals(409, none.status(), none.text());
        assertTrue(none.detail().startsWith("no pipeline is loaded"), none.text());
        assertEquals(200, send("POST", "/api/v1/pipeline/load", "{\"pipeline_ids\": [\"gray\", \"passthrough\","
                + " \"color-grade\"]}")
                .status());
        for (int i = 0; i < 10_000 && get("/api/v1/pipeline/status").object().get("status").equals("loading"); i++) {
            Thread.onSpinWait();
        }
        Reply started = send("POST", "/api/v1/session/start", "{\"input_source\": {\"source_type\": \"testsrc\","
                + " \"source_name\": \"64x64@50\"}}");
        assertEquals(200, started.status(), started.text());
        assertEquals(List.of("gray", "passthrough", "color-grade"),
                map(started.object().get("session")).get("pipeline_ids"));
        Reply second = send("POST", "/api/v1/session/parameters", "{\"pipeline_id\": \"color-grade\", \"parameters\":"
                + " {\"contrast\": 0}}");
        assertEquals(200, second.status(), second.text());
        assertEquals(2, second.object().get("stage"), "color-grade is the chain's third stage");
    }

    @Test
    void wrongRequestsAreRefusedWithTheirReasonAndChangeNothing() throws Exception {
        Map<String, Integer> starts = Map.ofEntries(
                Map.entry("{\"stages\": [1]}", 422),
                Map.entry("{\"stages\": {\"pipeline_id\": \"gray\"}}", 422),
                Map.entry("{\"stages\": [{\"pipeline_id\": \"gray\", \"speed\": 1}]}", 422),
                Map.entry("{\"stages\": [{\"pipeline_id\": \"gray\"}], \"pipeline_id\": \"gray\"}", 422),
                Map.entry("{\"stages\": [{\"pipeline_id\": \"gray\", \"bypass\": \"yes\"}]}", 422),
                Map.entry("{\"stages\": [{\"pipeline_id\": \"color-grade\", \"parameters\": {\"brightness\": 7}}]}", 422),
                Map.entry("{\"stages\": [{\"parameters\": {}}]}", 422),
                Map.entry("{\"pipeline_id\": \"no-such\"}", 404),
                Map.entry("{\"pipeline_id\": 3}", 422),
                Map.entry("{\"pipeline_id\": \"gray\", \"input_mode\": \"audio\"}", 422),
                Map.entry("{\"pipeline_id\": \"gray\", \"input_source\": \"/no/such/clip.mp4\"}", 422),
                Map.entry("{\"pipeline_id\": \"gray\", \"input_source\": {\"source_type\": \"ndi\"}}", 422),
                Map.entry("{\"pipeline_id\": \"color-grade\", \"parameters\": {\"brightness\": 7}}", 422),
                Map.entry("{\"pipeline_id\": \"gray\", \"loop\": \"yes\"}", 422),
                Map.entry("[1, 2]", 422),
                Map.entry("{not json", 400));
        for (Map.Entry<String, Integer> e : starts.entrySet()) {
            Reply r = send("POST", "/api/v1/session/start", e.getKey());
            assertEquals((int) e.getValue(), r.status(), e.getKey() + " -> " + r.text());
            r.detail();
            assertEquals(404, get("/api/v1/session/metrics").status(), "no session was left by " + e.getKey());
        }
        assertEquals(200, send("POST", "/api/v1/session/start", "{\"pipeline_id\": \"color-grade\", \"input_source\":"
                + " \"testsrc:32x32@30\"}").status());
        Map<String, Integer> changes = Map.of(
                "{\"brightness\": \"bright\"}", 422,
                "{\"brightness\": 5}", 422,
                "{\"no_such_param\": 1}", 422,
                "{}", 422,
                "{\"stage\": 4, \"parameters\": {\"brightness\": 0}}", 422,
                "{\"stage\": \"first\", \"parameters\": {\"brightness\": 0}}", 422,
                "{\"parameters\": {\"brightness\": 0}, \"extra\": 1}", 422,
                "{\"bypass\": true, \"extra\": 1}", 422,
                "oops", 400);
        for (Map.Entry<String, Integer> e : changes.entrySet()) {
            Reply r = send("POST", "/api/v1/session/parameters", e.getKey());
            assertEquals((int) e.getValue(), r.status(), e.getKey() + " -> " + r.text());
            r.detail();
        }
        for (String q : List.of("?quality=0", "?quality=101", "?quality=high", "?max_size=-1")) {
            Reply r = get("/api/v1/session/frame" + q);
            assertEquals(422, r.status(), q + " -> " + r.text());
        }
        assertEquals(Map.of(), get("/api/v1/session/parameters").object().get("parameters"),
                "nothing refused was applied");
        assertEquals("running", get("/api/v1/session/metrics").object().get("status"), "the session streams on");
    }
}
