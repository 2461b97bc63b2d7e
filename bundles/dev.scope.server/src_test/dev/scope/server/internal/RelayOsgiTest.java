package dev.scope.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import dev.scope.schema.Json;
import dev.scope.server.ApiServer;
import dev.scope.server.ServeOptions;
import dev.scope.server.Serving;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket relay ({@code /ws}) and the remote preview ({@code /ws/preview/{id}}) of a real
 * server, through the JDK's WebSocket client: ready, api/api_response correlated by request_id with
 * 50 requests in flight, ping/pong, parameters/parameters_ack, stream_started, every bad message an
 * error with a code on a connection that stays open, and preview frames in order with at most one
 * in flight and the skipped ones counted. The waits' bounds are only there so that a broken server
 * fails the test instead of hanging it.
 */
class RelayOsgiTest extends OwnServer {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long BOUND_SECONDS = 30;
    private final List<WebSocket> open = new ArrayList<>();

    @AfterEach
    void closeSockets() throws Exception {
        for (WebSocket ws : open) {
            ws.abort();
        }
    }

    /** A client that queues every whole message it gets: a String, or a ByteBuffer for binary ones. */
    static final class Client implements WebSocket.Listener {
        final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();
        private ByteBuffer binary = ByteBuffer.allocate(0);
        volatile boolean demandEach = true;

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
            ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
            joined.put(binary).put(data).flip();
            binary = joined;
            if (last) {
                received.add(binary);
                binary = ByteBuffer.allocate(0);
            }
            if (demandEach || !last) {
                ws.request(1);
            }
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            received.add("closed " + status + " " + reason);
            return null;
        }

        Object next() throws InterruptedException {
            Object m = received.poll(BOUND_SECONDS, TimeUnit.SECONDS);
            assertNotNull(m, "a message within the bound");
            return m;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> json() throws InterruptedException {
            Object m = next();
            assertTrue(m instanceof String, "a text message, not " + m);
            return (Map<String, Object>) Json.read((String) m);
        }

        /** Messages {@link #json(String)} passed over, for a later call that wants their type. */
        private final List<Map<String, Object>> passed = new ArrayList<>();

        /** @return the first JSON message of that type not returned yet, in the order they came */
        Map<String, Object> json(String type) throws InterruptedException {
            for (Map<String, Object> m : passed) {
                if (type.equals(m.get("type"))) {
                    passed.remove(m);
                    return m;
                }
            }
            for (int i = 0; i < 1000; i++) {
                Map<String, Object> m = json();
                if (type.equals(m.get("type"))) {
                    return m;
                }
                passed.add(m);
            }
            throw new AssertionError("no " + type + " message in 1000");
        }
    }

    private WebSocket connect(String path, Client client, String... headers) {
        WebSocket.Builder b = HTTP.newWebSocketBuilder();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        WebSocket ws = b.buildAsync(URI.create(serving.uri().toString().replace("http:", "ws:") + path), client).join();
        open.add(ws);
        return ws;
    }

    private static void send(WebSocket ws, Object message) {
        ws.sendText(message instanceof String s ? s : Json.write(message), true).join();
    }

    private static Map<String, Object> api(Object requestId, String method, String path, Object body) {
        Map<String, Object> m = new HashMap<>();
        m.put("type", "api");
        m.put("request_id", requestId);
        m.put("method", method);
        m.put("path", path);
        if (body != null) {
            m.put("body", body);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void readyThenApiAnswersFromTheSameRoutesAsHttp() throws Exception {
        Client c = new Client();
        WebSocket ws = connect("/ws", c);
        Map<String, Object> ready = c.json();
        assertEquals("ready", ready.get("type"));
        assertTrue(ready.get("connection_id") instanceof String id && !id.isBlank(), ready.toString());

        send(ws, api("schemas", "GET", "/api/v1/pipelines/schemas", null));
        Map<String, Object> r = c.json("api_response");
        assertEquals("schemas", r.get("request_id"));
        assertEquals(200, r.get("status"));
        assertEquals(ServerOsgiTest.send(serving, "GET", "/api/v1/pipelines/schemas", null).json(), r.get("data"),
                "the relay's schemas are the HTTP endpoint's");

        send(ws, api(7, "GET", "/api/v1/no-such", null));
        Map<String, Object> missing = c.json("api_response");
        assertEquals(7, missing.get("request_id"));
        assertEquals(404, missing.get("status"));
        assertTrue(((String) missing.get("error")).startsWith("no endpoint at /api/v1/no-such"), missing.toString());

        send(ws, Map.of("type", "ping", "request_id", "p1"));
        Map<String, Object> pong = c.json("pong");
        assertEquals("p1", pong.get("request_id"));
    }

    @Test
    void theRelayPushesPipelineChangesAndWarnings() throws Exception {
        Client c = new Client();
        connect("/ws", c);
        assertEquals(List.of("stream_started", "stream_stopped", "notification", "logs"), c.json("ready").get("events"));

        System.getLogger("dev.scope.server.relaytest").log(System.Logger.Level.WARNING, "a test warning\nits second line");
        assertEquals(List.of("WARNING dev.scope.server.relaytest: a test warning; its second line"),
                c.json("logs").get("lines"));

        org.osgi.framework.Bundle basic = java.util.Arrays.stream(org.osgi.framework.FrameworkUtil.getBundle(
                RelayOsgiTest.class).getBundleContext().getBundles())
                .filter(b -> b.getSymbolicName().equals("dev.scope.pipelines.basic")).findFirst().orElseThrow();
        assertTrue(ServerOsgiTest.send(serving, "GET", "/api/v1/pipelines/schemas", null).text().contains("\"gray\""));
        assertEquals(200, ServerOsgiTest.send(serving, "POST", "/api/v1/pipeline/load",
                "{\"pipeline_ids\": [\"gray\", \"passthrough\"]}").status());
        for (int i = 0; i < 10_000 && !"loaded".equals(ServerOsgiTest.send(serving, "GET", "/api/v1/pipeline/status",
                null).object().get("status")); i++) {
            Thread.onSpinWait();
        }
        basic.stop();
        try {
            assertEquals("pipelines_changed", c.json("notification").get("kind"));
            assertFalse(ServerOsgiTest.send(serving, "GET", "/api/v1/pipelines/schemas", null).text()
                    .contains("\"gray\""), "the schemas are written anew after a change");
            Map<String, Object> status = ServerOsgiTest.send(serving, "GET", "/api/v1/pipeline/status", null).object();
            assertEquals("error", status.get("status"), "the loaded chain lost its pipelines: " + status);
            // the registry changes a pipeline at a time: the first one gone already ends the loaded chain
            assertTrue(((String) status.get("error")).matches("pipeline (gray|passthrough) is no longer installed.*"),
                    status.toString());
        } finally {
            basic.start();
        }
        assertEquals("pipelines_changed", c.json("notification").get("kind"));
        assertTrue(ServerOsgiTest.send(serving, "GET", "/api/v1/pipelines/schemas", null).text().contains("\"gray\""));
    }

    @Test
    void fiftyRequestsInFlightEachGetTheirOwnAnswer() throws Exception {
        Client c = new Client();
        WebSocket ws = connect("/ws", c);
        c.json("ready");
        List<String> paths = List.of("/health", "/api/v1/pipelines/schemas", "/api/v1/plugins",
                "/api/v1/pipeline/status", "/api/v1/nothing-here");
        Map<String, String> asked = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            String id = "req-" + i;
            String path = paths.get(i % paths.size());
            asked.put(id, path);
            send(ws, api(id, "GET", path, null));
        }
        Object schemas = ServerOsgiTest.send(serving, "GET", "/api/v1/pipelines/schemas", null).json();
        Map<String, Map<String, Object>> answers = new HashMap<>();
        while (answers.size() < 50) {
            Map<String, Object> r = c.json("api_response");
            assertTrue(answers.put((String) r.get("request_id"), r) == null, "one answer per request: " + r);
        }
        for (Map.Entry<String, String> e : asked.entrySet()) {
            Map<String, Object> r = answers.get(e.getKey());
            switch (e.getValue()) {
                case "/health" -> assertEquals("healthy", map(r.get("data")).get("status"), r.toString());
                case "/api/v1/pipelines/schemas" -> assertEquals(schemas, r.get("data"), e.getKey());
                case "/api/v1/plugins" -> assertTrue(map(r.get("data")).containsKey("plugins"), e.getKey());
                case "/api/v1/pipeline/status" -> assertEquals("not_loaded", map(r.get("data")).get("status"));
                default -> assertEquals(404, r.get("status"), r.toString());
            }
        }
    }

    @Test
    void everyBadMessageGetsAnErrorWithACodeAndTheConnectionStaysOpen() throws Exception {
        Client c = new Client();
        WebSocket ws = connect("/ws", c);
        c.json("ready");
        Map<String, String> cases = Map.of(
                "not json", "bad_message",
                "[1, 2]", "bad_message",
                "{\"type\": \"teleport\"}", "unknown_type",
                "{\"request_id\": 1}", "unknown_type",
                "{\"type\": \"api\", \"method\": \"GET\", \"path\": \"/health\"}", "missing_request_id",
                "{\"type\": \"api\", \"request_id\": {\"a\": 1}}", "bad_message");
        for (Map.Entry<String, String> e : cases.entrySet()) {
            send(ws, e.getKey());
            Map<String, Object> error = c.json("error");
            assertEquals(e.getValue(), error.get("code"), e.getKey() + " -> " + error);
            assertTrue(error.get("error") instanceof String s && !s.isBlank(), error.toString());
        }
        ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), true).join();
        assertEquals("bad_message", c.json("error").get("code"));
        send(ws, api("bad-path", "GET", "health", null));
        Map<String, Object> badPath = c.json("api_response");
        assertEquals(400, badPath.get("status"), badPath.toString());
        send(ws, api("bad-body", "POST", "/api/v1/session/start", List.of(1)));
        assertEquals(422, c.json("api_response").get("status"));
        send(ws, api("no-method", null, "/health", null));
        assertEquals(422, c.json("api_response").get("status"));
        send(ws, Map.of("type", "ping", "request_id", "still-there"));
        assertEquals("still-there", c.json("pong").get("request_id"), "the connection is still open");
        assertEquals("healthy", ServerOsgiTest.send(serving, "GET", "/health", null).object().get("status"));
    }

    @Test
    void aSessionThroughTheRelayAnnouncesItsPreviewAndTakesParameters() throws Exception {
        Client c = new Client();
        WebSocket ws = connect("/ws", c);
        c.json("ready");
        send(ws, api("start", "POST", "/api/v1/session/start", Map.of("pipeline_id", "color-grade", "input_source",
                "testsrc:96x64@100")));
        Map<String, Object> started = c.json("api_response");
        assertEquals(200, started.get("status"), started.toString());
        String sessionId = (String) map(map(started.get("data")).get("session")).get("session_id");
        Map<String, Object> event = c.json("stream_started");
        assertEquals(sessionId, event.get("session_id"));
        @SuppressWarnings("unchecked")
        Map<String, Object> channel = ((List<Map<String, Object>>) event.get("channels")).get(0);
        assertEquals("/ws/preview/" + sessionId, channel.get("url"));
        assertEquals("image/jpeg", channel.get("mime_type"));

        send(ws, Map.of("type", "parameters", "request_id", "p", "parameters", Map.of("brightness", 0.5)));
        Map<String, Object> ack = c.json("parameters_ack");
        assertEquals(true, ack.get("success"), ack.toString());
        assertEquals("p", ack.get("request_id"));
        assertEquals(Map.of("brightness", 0.5), ack.get("parameters"));
        send(ws, Map.of("type", "parameters", "request_id", "q", "parameters", Map.of("brightness", 9)));
        Map<String, Object> refused = c.json("parameters_ack");
        assertEquals(false, refused.get("success"));
        assertEquals(422, refused.get("status"));
        assertTrue(((String) refused.get("error")).contains("brightness"), refused.toString());

        // a binary reply travels as base64 with its type
        Map<String, Object> frame = null;
        for (int i = 0; i < 10_000; i++) {
            send(ws, api("frame-" + i, "GET", "/api/v1/session/frame?quality=80", null));
            frame = c.json("api_response");
            if (frame.get("status").equals(200)) {
                break;
            }
            Thread.onSpinWait();
        }
        assertEquals(200, frame.get("status"), frame.toString());
        Map<String, Object> data = map(frame.get("data"));
        assertEquals("image/jpeg", data.get("_content_type"));
        assertEquals(96, ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode((String) data
                .get("_base64_content")))).getWidth());

        send(ws, api("stop", "POST", "/api/v1/session/stop", null));
        assertEquals(sessionId, c.json("stream_stopped").get("session_id"));
    }

    @Test
    void previewFramesComeInOrderAndASlowClientsAreSkippedAndCounted() throws Exception {
        Map<String, Object> started = ServerOsgiTest.send(serving, "POST", "/api/v1/session/start",
                "{\"pipeline_id\": \"gray\", \"input_source\": \"testsrc:320x180@200\"}").object();
        String id = (String) map(started.get("session")).get("session_id");
        Client c = new Client();
        connect("/ws/preview/" + id + "?quality=60&max_size=160", c);
        long lastNumber = -1;
        long lastPts = Long.MIN_VALUE;
        for (int i = 0; i < 20; i++) {
            ByteBuffer m = (ByteBuffer) c.next();
            assertEquals('S', m.get());
            assertEquals('V', m.get());
            assertEquals(1, m.get(), "version");
            m.get();
            long pts = m.getLong();
            long number = Integer.toUnsignedLong(m.getInt());
            assertTrue(number > lastNumber, "frame numbers rise: " + number + " after " + lastNumber);
            assertTrue(pts > lastPts, "pts rise");
            byte[] jpeg = new byte[m.remaining()];
            m.get(jpeg);
            assertEquals(160, ImageIO.read(new ByteArrayInputStream(jpeg)).getWidth(), "scaled as asked");
            lastNumber = number;
            lastPts = pts;
        }
        // stop reading: the client's socket fills, its one frame in flight stays in flight, and
        // the frames that come meanwhile are skipped for it (and only for it) and counted
        // (bounded by the frames the stream makes, not by requests: the socket's buffers take a number
        // of frames before the first skip that depends on the machine, not on this code)
        c.demandEach = false;
        long skipped = 0;
        long framesAtStop = -1;
        long made = 0;
        while (skipped < 30 && made < 20_000) {
            Map<String, Object> metrics = ServerOsgiTest.send(serving, "GET", "/api/v1/session/metrics", null).object();
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> clients = (List<Map<String, Object>>) metrics.get("preview_clients");
            assertEquals(1, clients.size(), metrics.toString());
            skipped = ((Number) clients.get(0).get("skipped")).longValue();
            long out = ((Number) metrics.get("frames_out")).longValue();
            framesAtStop = framesAtStop < 0 ? out : framesAtStop;
            made = out - framesAtStop;
            Thread.onSpinWait();
        }
        assertTrue(skipped >= 30, "a client that does not read has frames skipped, counted: " + skipped + " in "
                + made + " frames");
        assertEquals("running", ServerOsgiTest.send(serving, "GET", "/api/v1/session/metrics", null).object()
                .get("status"), "the stream goes on");
    }

    /** @return the HTTP status a refused WebSocket handshake was answered with */
    private static int status(CompletionException e) {
        assertTrue(e.getCause() instanceof WebSocketHandshakeException, String.valueOf(e.getCause()));
        return ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
    }

    @Test
    void aPreviewOfNoSuchSessionIsRefusedAndATokenServerWantsItsToken() throws Exception {
        CompletionException none = assertThrows(CompletionException.class, () -> connect("/ws/preview/nope", new Client()));
        assertEquals(404, status(none));

        Serving guarded = ServerOsgiTest.service(ApiServer.class).serve(new ServeOptions("127.0.0.1", 0, "s3cret",
                ServeOptions.DEFAULT_MAX_REQUEST_BYTES));
        try {
            URI ws = URI.create(guarded.uri().toString().replace("http:", "ws:") + "/ws");
            CompletionException refused = assertThrows(CompletionException.class,
                    () -> HTTP.newWebSocketBuilder().buildAsync(ws, new Client()).join());
            assertEquals(401, status(refused));
            Client byHeader = new Client();
            WebSocket a = HTTP.newWebSocketBuilder().header("Authorization", "Bearer s3cret").buildAsync(ws, byHeader)
                    .join();
            assertEquals("ready", byHeader.json().get("type"));
            Client byQuery = new Client();
            WebSocket b = HTTP.newWebSocketBuilder().buildAsync(URI.create(ws + "?token=s3cret"), byQuery).join();
            assertEquals("ready", byQuery.json().get("type"));
            a.abort();
            b.abort();
            assertFalse(HTTP.newWebSocketBuilder().buildAsync(URI.create(ws + "?token=wrong"), new Client())
                    .handle((w, e) -> e == null).join(), "a wrong token is refused");
        } finally {
            guarded.close();
        }
    }
}
