package dev.scope.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.scope.server.ApiServer;
import dev.scope.server.ServeOptions;
import dev.scope.server.Serving;
import dev.scope.server.client.PreviewClient;
import dev.scope.server.client.RelayAnswer;
import dev.scope.server.client.RelayClient;
import dev.scope.server.client.RelayException;
import dev.scope.server.client.RelayStatus;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The relay client against a real server: the address a user types, correlated api and parameters
 * answers, a session started with every stage's values and bypass, its preview frames in order,
 * and a lost connection failing what waits and coming back when the server does. Waits are on
 * futures and queues, bounded generously; nothing sleeps.
 */
class RelayClientOsgiTest extends OwnServer {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ScheduledExecutorService SCHEDULER = Executors.newSingleThreadScheduledExecutor();

    @AfterAll
    static void stopScheduler() {
        SCHEDULER.shutdownNow();
    }

    private static RelayClient client(Serving s) {
        return new RelayClient(RelayClient.relayUrl(s.uri().toString()), null, HTTP, SCHEDULER, Clock.systemUTC());
    }

    private static <T> T await(java.util.concurrent.CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    @Test
    void relayUrlOfWhatAUserTypes() {
        assertEquals(URI.create("ws://127.0.0.1:8000/ws"), RelayClient.relayUrl("127.0.0.1:8000"));
        assertEquals(URI.create("ws://gpu-box:8000/ws"), RelayClient.relayUrl("http://gpu-box"));
        assertEquals(URI.create("wss://gpu-box:9443/ws"), RelayClient.relayUrl(" https://gpu-box:9443/ "));
        assertEquals(URI.create("ws://h:1/relay"), RelayClient.relayUrl("ws://h:1/relay"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RelayClient.relayUrl("ftp://h"));
        assertTrue(e.getMessage().contains("expected http, https, ws or wss"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RelayClient.relayUrl("  "));
    }

    @Test
    void aTokenFileHoldsOneTokenOnOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path good = java.nio.file.Files.writeString(dir.resolve("t"), "s3cret\n");
        assertEquals("s3cret", dev.scope.server.client.TokenFile.read(good, "--token-file"));
        java.nio.file.Path spaced = java.nio.file.Files.writeString(dir.resolve("s"), "two words\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dev.scope.server.client.TokenFile.read(spaced, "--token-file"));
        assertEquals("--token-file " + spaced + " must hold one token: one line without spaces", e.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> dev.scope.server.client.TokenFile.read(dir.resolve("none"), "the token file"));
        assertTrue(missing.getMessage().contains("cannot be read (no such file)"), missing.getMessage());
    }

    @Test
    void answersMatchTheirRequestsAndTheSessionTakesEveryStagesValues() throws Exception {
        try (RelayClient c = client(serving)) {
            RelayStatus ready = await(c.connect());
            assertTrue(ready.connected());
            assertNotNull(ready.connectionId());
            assertTrue(ready.capability("plugin_install", false), ready.capabilities().toString());
            List<java.util.concurrent.CompletableFuture<RelayAnswer>> asked = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                asked.add(c.api("GET", i % 2 == 0 ? "/health" : "/api/v1/pipelines/schemas", null));
            }
            for (int i = 0; i < 20; i++) {
                Map<String, Object> body = await(asked.get(i)).object();
                assertTrue(i % 2 == 0 ? body.containsKey("capabilities") : body.containsKey("pipelines"), "answer " + i);
            }
            assertEquals(404, await(c.api("GET", "/api/v1/nothing", null)).status());

            Map<String, Object> start = new LinkedHashMap<>();
            start.put("stages", List.of(Map.of("pipeline_id", "gray", "bypass", true), Map.of("pipeline_id", "passthrough"),
                    Map.of("pipeline_id", "color-grade", "parameters", Map.of("brightness", 0.25))));
            start.put("input_source", "testsrc:160x120@30");
            Map<String, Object> started = await(c.api("POST", "/api/v1/session/start", start)).object();
            @SuppressWarnings("unchecked")
            String id = String.valueOf(((Map<String, Object>) started.get("session")).get("session_id"));
            Map<String, Object> params = await(c.api("GET", "/api/v1/session/parameters", null)).object();
            List<?> stages = (List<?>) params.get("stages");
            assertEquals(Map.of("stage", 0, "pipeline_id", "gray", "parameters", Map.of(), "bypass", true), stages.get(0));
            assertEquals(0.25, ((Number) ((Map<?, ?>) ((Map<?, ?>) stages.get(2)).get("parameters")).get("brightness"))
                    .doubleValue());

            RelayAnswer ack = await(c.parameters(Map.of("stage", 0, "bypass", false)));
            assertTrue(ack.ok(), String.valueOf(ack.error()));
            assertEquals(false, ack.object().get("bypass"));
            RelayAnswer refused = await(c.parameters(Map.of("stage", 2, "parameters", Map.of("brightness", "x"))));
            assertFalse(refused.ok());
            assertEquals(422, refused.status());
            assertTrue(refused.error().contains("brightness"), refused.error());

            BlockingQueue<PreviewClient.Frame> frames = new LinkedBlockingQueue<>();
            URI preview = URI.create(serving.uri().toString().replace("http", "ws") + "/ws/preview/" + id);
            try (PreviewClient p = PreviewClient.open(HTTP, preview, null, frames::add, why -> { })) {
                await(p.connected());
                long last = -1;
                for (int i = 0; i < 3; i++) {
                    PreviewClient.Frame f = frames.poll(60, TimeUnit.SECONDS);
                    assertNotNull(f, "preview frame " + i);
                    assertTrue(f.number() > last, "frames in order");
                    assertEquals((byte) 0xFF, f.jpeg()[0]);
                    assertEquals((byte) 0xD8, f.jpeg()[1]);
                    last = f.number();
                }
            }
        }
    }

    @Test
    void aLostConnectionFailsWhatWaitsAndComesBackWithTheServer() throws Exception {
        ApiServer api = ServerOsgiTest.service(ApiServer.class);
        Serving first = api.serve(ServeOptions.loopback(0));
        int port = first.port();
        BlockingQueue<RelayStatus> changes = new LinkedBlockingQueue<>();
        try (RelayClient c = client(first)) {
            c.addStatusListener(changes::add);
            await(c.connect());
            first.close();
            RelayStatus lost = next(changes, RelayStatus.State.RECONNECTING);
            assertNotNull(lost.error());
            assertNotNull(lost.retryAt());
            ExecutionException e = assertThrows(ExecutionException.class, () -> await(c.api("GET", "/health", null)));
            assertTrue(e.getCause() instanceof RelayException, e.toString());
            assertTrue(e.getCause().getMessage().startsWith("not connected to ws://127.0.0.1:" + port), e.getMessage());
            try (Serving again = api.serve(ServeOptions.loopback(port))) {
                RelayStatus back = next(changes, RelayStatus.State.CONNECTED);
                assertEquals(2, back.connects());
                assertNull(back.error());
                assertEquals(200, await(c.api("GET", "/health", null)).status());
            }
        }
        assertEquals(RelayStatus.State.CLOSED, next(changes, RelayStatus.State.CLOSED).state());
    }

    private static RelayStatus next(BlockingQueue<RelayStatus> changes, RelayStatus.State wanted)
            throws InterruptedException {
        for (;;) {
            RelayStatus s = changes.poll(120, TimeUnit.SECONDS);
            assertNotNull(s, "no " + wanted + " within the bound");
            if (s.state() == wanted) {
                return s;
            }
        }
    }
}
