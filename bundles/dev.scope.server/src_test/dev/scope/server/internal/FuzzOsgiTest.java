package dev.scope.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.scope.server.internal.ServerOsgiTest.Reply;

import org.junit.jupiter.api.Test;

/**
 * Every endpoint the server lists in {@code /openapi.json}, with every method it takes, fed
 * malformed input: broken and deep JSON, wrong types, bodies past the limit, odd path values
 * (traversal, control characters, very long, not ASCII). Every answer is a 2xx or a 4xx with
 * {@code {"detail"}} and no trace, never a 5xx; afterwards the server is up and nothing changed
 * (the plugins, the loaded pipeline, no session).
 */
class FuzzOsgiTest extends OwnServer {

    private static final List<String> BODIES = List.of("", "{", "[]", "null", "\"text\"", "{\"a\":", "{\"package\": 5}",
            "{\"pipeline_ids\": [{}]}", "{\"pipelines\": \"all\"}", "{\"pipeline_id\": [\"gray\"]}",
            "{\"brightness\": {\"nested\": true}}", "[".repeat(5000) + "]".repeat(5000), "\u0000\u0001",
            "{\"upgrade\": \"yes\", \"package\": \"/etc/passwd\"}", "x".repeat(ServeOptionsLimit.BYTES + 10));
    private static final List<String> PATH_VALUES = List.of("x", "..", "%2e%2e", "%00", "a".repeat(3000), "%C3%A4",
            "00000000-0000-0000-0000-000000000000");

    /** The default body limit, 1 MiB. */
    private static final class ServeOptionsLimit {
        static final int BYTES = dev.scope.server.ServeOptions.DEFAULT_MAX_REQUEST_BYTES;
    }

    @SuppressWarnings("unchecked")
    @Test
    void noBadRequestYieldsA5xxOrChangesAnything() throws Exception {
        String plugins = ServerOsgiTest.send(serving, "GET", "/api/v1/plugins", null).text();
        String loaded = ServerOsgiTest.send(serving, "GET", "/api/v1/pipeline/status", null).text();
        Map<String, Object> paths = (Map<String, Object>) ServerOsgiTest.send(serving, "GET", "/openapi.json", null)
                .object().get("paths");
        int requests = 0;
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Object> path : paths.entrySet()) {
            List<String> concrete = new ArrayList<>();
            if (path.getKey().contains("{")) {
                for (String v : PATH_VALUES) {
                    concrete.add(path.getKey().replaceAll("\\{[^}]+}", v));
                }
            } else {
                concrete.add(path.getKey());
            }
            for (String method : ((Map<String, Object>) path.getValue()).keySet()) {
                for (String p : concrete) {
                    for (String body : BODIES) {
                        Reply r;
                        try {
                            if (body.length() > ServeOptionsLimit.BYTES) {
                                // the server answers 413 and closes without reading the rest: a
                                // client of its own, so that no other request meets that connection
                                if (!tooLarge(method, p, body)) {
                                    wrong.add(method + " " + p + " <- " + body.length() + " chars: not refused");
                                }
                                requests++;
                                continue;
                            }
                            r = p.contains("%00") ? parserRefusal(method, p, body)
                                    : ServerOsgiTest.send(serving, method.toUpperCase(java.util.Locale.ROOT), p,
                                            body.isEmpty() ? null : body);
                        } catch (java.io.IOException e) {
                            wrong.add(method + " " + p.substring(0, Math.min(p.length(), 80)) + " <- "
                                    + body.substring(0, Math.min(body.length(), 40)) + " (" + body.length() + " chars): "
                                    + e);
                            continue;
                        }
                        requests++;
                        boolean ok = r.status() >= 200 && r.status() < 300 || r.status() >= 400 && r.status() < 500
                                && r.text().startsWith("{\"detail\":") && !r.text().contains("\tat ")
                                && !r.text().contains("Exception");
                        if (!ok) {
                            wrong.add(method + " " + p.substring(0, Math.min(p.length(), 80)) + " <- "
                                    + body.substring(0, Math.min(body.length(), 40)) + ": " + r.status() + " "
                                    + r.text().substring(0, Math.min(r.text().length(), 200)));
                        }
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + requests + " answers were wrong:\n" + String.join("\n",
                wrong));
        assertTrue(requests > 500, "every route was fed: " + requests);
        assertEquals("healthy", ServerOsgiTest.send(serving, "GET", "/health", null).object().get("status"));
        assertEquals(plugins, ServerOsgiTest.send(serving, "GET", "/api/v1/plugins", null).text(), "no plugin changed");
        assertEquals(loaded, ServerOsgiTest.send(serving, "GET", "/api/v1/pipeline/status", null).text());
        assertEquals(404, ServerOsgiTest.send(serving, "GET", "/api/v1/session/metrics", null).status(), "no session");
    }

    /**
     * A path Jetty's parser refuses (a NUL): its 400 closes the connection, so a client of its own
     * (the JDK's client does not retry a POST on a connection the server closed meanwhile).
     */
    private static Reply parserRefusal(String method, String path, String body) throws Exception {
        java.net.http.HttpResponse<String> r = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                URI.create(serving.uri() + path)).method(method.toUpperCase(java.util.Locale.ROOT), body.isEmpty()
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""), r);
    }

    /**
     * @return whether a body past the limit was refused: a 4xx with {@code detail}, or the connection
     *         closed while the client was still sending it (the server does not read it all)
     */
    private static boolean tooLarge(String method, String path, String body) throws InterruptedException {
        try {
            java.net.http.HttpResponse<String> r = HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    URI.create(serving.uri() + path)).method(method.toUpperCase(java.util.Locale.ROOT),
                            java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            // 413, or the refusal of the path that comes first (Jetty's 400, no such route's 404)
            return r.statusCode() >= 400 && r.statusCode() < 500 && r.body().startsWith("{\"detail\":");
        } catch (java.io.IOException closedMidBody) {
            return true;
        }
    }

    @Test
    void aRelayMessagePastTheLimitClosesThatConnectionOnly() throws Exception {
        RelayOsgiTest.Client big = new RelayOsgiTest.Client();
        URI relay = URI.create(serving.uri().toString().replace("http:", "ws:") + "/ws");
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(relay, big).join();
        big.json("ready");
        ws.sendText("{\"type\": \"ping\", \"pad\": \"" + "x".repeat(ServeOptionsLimit.BYTES) + "\"}", true);
        Object closed = null;
        for (int i = 0; i < 1000 && !(closed instanceof String s && s.startsWith("closed ")); i++) {
            closed = big.next();
        }
        assertEquals("closed 1009", String.valueOf(closed).substring(0, 11), "too big: " + closed);
        RelayOsgiTest.Client other = new RelayOsgiTest.Client();
        WebSocket ok = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(relay, other).join();
        assertEquals("ready", other.json().get("type"), "another connection is served");
        ok.sendText("{\"type\": \"ping\", \"request_id\": 1}", true).join();
        assertFalse(other.json("pong").isEmpty());
        ok.abort();
    }
}
