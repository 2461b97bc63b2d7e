package dev.scope.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import javax.imageio.ImageIO;

import dev.scope.server.ApiServer;
import dev.scope.server.ServeOptions;
import dev.scope.server.Serving;
import dev.scope.server.internal.ServerOsgiTest.Reply;

import org.junit.jupiter.api.Test;

/**
 * Dual mode end to end: a local server forwarding to a remote server in the same framework (the
 * remote with a token), through the JDK's clients. While connected, every {@code /api/v1/} request
 * to the local server is the remote's answer (the schemas, a session, a JPEG, a refusal), the
 * remote's events reach the local relay's clients with the remote's channel address, and
 * {@code /health} stays local and says where requests go; once the remote is gone the local server
 * answers by itself again.
 */
class DualModeOsgiTest {

    private static final String TOKEN = "remote-s3cret";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Serving serve(ServeOptions options) throws InterruptedException {
        return ServerOsgiTest.service(ApiServer.class).serve(options);
    }

    private static URI relayOf(Serving s) {
        return URI.create(s.uri().toString().replace("http:", "ws:") + "/ws");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> remoteStatus(Serving local) throws Exception {
        Map<String, Object> health = ServerOsgiTest.send(local, "GET", "/health", null).object();
        return (Map<String, Object>) ((Map<String, Object>) health.get("capabilities")).get("remote");
    }

    /** Asks the local /health until the link's status passes (a bounded number of requests). */
    private static Map<String, Object> until(Serving local, Predicate<Map<String, Object>> test, String what)
            throws Exception {
        for (int i = 0; i < 20_000; i++) {
            Map<String, Object> status = remoteStatus(local);
            if (test.test(status)) {
                return status;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the link to the remote was not " + what + " after 20000 requests: "
                + remoteStatus(local));
    }

    @Test
    void whileConnectedTheLocalServerAnswersWhatTheRemoteAnswers() throws Exception {
        Serving remote = serve(new ServeOptions("127.0.0.1", 0, TOKEN, ServeOptions.DEFAULT_MAX_REQUEST_BYTES));
        Serving local = serve(ServeOptions.loopback(0).withRemote(relayOf(remote), TOKEN));
        try {
            Map<String, Object> status = until(local, s -> Boolean.TRUE.equals(s.get("connected")), "connected");
            assertEquals(relayOf(remote).toString(), status.get("url"));

            Reply schemas = ServerOsgiTest.send(local, "GET", "/api/v1/pipelines/schemas", null);
            assertEquals(200, schemas.status());
            assertEquals(ServerOsgiTest.send(remote, "GET", "/api/v1/pipelines/schemas", null,
                    "Authorization", "Bearer " + TOKEN).json(), schemas.json(), "the remote's schemas, through the local server");

            // a local relay client hears the remote's events, with the remote's channel address
            RelayOsgiTest.Client events = new RelayOsgiTest.Client();
            WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(relayOf(local), events).join();
            events.json("ready");

            Reply started = ServerOsgiTest.send(local, "POST", "/api/v1/session/start",
                    "{\"pipeline_id\": \"color-grade\", \"input_source\": \"testsrc:80x60@60\"}");
            assertEquals(200, started.status(), started.text());
            String id = (String) ((Map<?, ?>) started.object().get("session")).get("session_id");
            Reply onRemote = ServerOsgiTest.send(remote, "GET", "/api/v1/session/metrics", null, "Authorization",
                    "Bearer " + TOKEN);
            assertEquals(id, onRemote.object().get("session_id"), "the session runs on the remote");

            Map<String, Object> event = events.json("stream_started");
            assertEquals(id, event.get("session_id"));
            @SuppressWarnings("unchecked")
            String url = (String) ((List<Map<String, Object>>) event.get("channels")).get(0).get("url");
            assertEquals(remote.uri().toString().replace("http:", "ws:") + "/ws/preview/" + id, url);

            // a refusal comes back as the remote said it, a JPEG as a JPEG
            Reply refused = ServerOsgiTest.send(local, "POST", "/api/v1/session/parameters", "{\"brightness\": 9}");
            assertEquals(422, refused.status());
            assertTrue(refused.detail().contains("brightness"), refused.text());
            HttpResponse<byte[]> frame = null;
            for (int i = 0; i < 20_000; i++) {
                frame = HTTP.send(HttpRequest.newBuilder(URI.create(local.uri() + "/api/v1/session/frame?max_size=40"))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                if (frame.statusCode() == 200) {
                    break;
                }
                Thread.onSpinWait();
            }
            assertEquals(200, frame.statusCode());
            assertEquals("image/jpeg", frame.headers().firstValue("Content-Type").orElse(""));
            assertEquals(40, ImageIO.read(new ByteArrayInputStream(frame.body())).getWidth());

            // the local relay's api and parameters messages are forwarded too
            ws.sendText("{\"type\": \"parameters\", \"request_id\": 1, \"parameters\": {\"brightness\": 0.25}}", true)
                    .join();
            Map<String, Object> ack = events.json("parameters_ack");
            assertEquals(true, ack.get("success"), ack.toString());
            assertEquals(Map.of("brightness", 0.25), ((Map<?, ?>) ServerOsgiTest.send(remote, "GET",
                    "/api/v1/session/parameters", null, "Authorization", "Bearer " + TOKEN).object()).get("parameters"));
            assertEquals(200, ServerOsgiTest.send(local, "POST", "/api/v1/session/stop", null).status());
            ws.abort();
        } finally {
            remote.close();
        }
        try {
            until(local, s -> Boolean.FALSE.equals(s.get("connected")), "lost");
            Reply alone = ServerOsgiTest.send(local, "GET", "/api/v1/session/metrics", null);
            assertEquals(404, alone.status(), "answered here now: this server has no session");
            assertEquals(200, ServerOsgiTest.send(local, "GET", "/api/v1/pipelines/schemas", null).status());
        } finally {
            local.close();
        }
    }

    @Test
    void aWrongRemoteTokenLeavesTheLinkDownWithTheReasonAndTheServerLocal() throws Exception {
        try (Serving remote = serve(new ServeOptions("127.0.0.1", 0, TOKEN, ServeOptions.DEFAULT_MAX_REQUEST_BYTES));
                Serving local = serve(ServeOptions.loopback(0).withRemote(relayOf(remote), "not-the-token"))) {
            Map<String, Object> status = until(local, s -> s.get("last_error") != null, "refused");
            assertEquals(false, status.get("connected"));
            assertTrue(((String) status.get("last_error")).contains("401"), status.toString());
            assertEquals(404, ServerOsgiTest.send(local, "GET", "/api/v1/session/metrics", null).status(),
                    "answered here");
        }
    }
}
