package dev.scope.ui.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.Engine;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.PluginException;
import dev.scope.engine.api.PluginManager;
import dev.scope.engine.api.StageSpec;
import dev.scope.media.MediaService;
import dev.scope.pipeline.api.Frame;
import dev.scope.schema.Json;
import dev.scope.server.ApiServer;
import dev.scope.server.ServeOptions;
import dev.scope.server.Serving;
import dev.scope.ui.stream.FrameListener;
import dev.scope.ui.stream.RemoteStatus;
import dev.scope.ui.stream.SourceSpec;
import dev.scope.ui.stream.StreamStatus;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The remote mode against a real server in the same framework (the ApiServer service on a free
 * loopback port): the stream moves there with its values, the preview's frames show the server's
 * output and a parameter change, the registry and plugins are the server's, a lost server is
 * reconnected and its stream started again, and disconnecting brings the stream home. Waits are
 * bounded counts of frames and queue polls; nothing sleeps.
 */
class RemoteModeOsgiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path home;

    private final ApiServer api = Services.get(ApiServer.class);
    private Serving server;
    private WorkbenchStream stream;
    private final BlockingQueue<Double> levels = new LinkedBlockingQueue<>();
    private final BlockingQueue<RemoteStatus> statuses = new LinkedBlockingQueue<>();

    @BeforeEach
    void open() throws Exception {
        server = api.serve(ServeOptions.loopback(0));
        StreamControllerImpl local = new StreamControllerImpl(Services.get(Engine.class), Services.get(MediaService.class),
                Services.get(PipelineRegistry.class), home.resolve("session.json"));
        stream = new WorkbenchStream(local, Services.get(PipelineRegistry.class), Services.get(PluginManager.class),
                home.resolve("remote.json"));
        stream.setSource(SourceSpec.testPattern(64, 48, 30));
        // passthrough, then color-grade turning every pixel black
        stream.setChain(ChainSpec.of(List.of(), new StageSpec("passthrough", Map.of()),
                List.of(new StageSpec("color-grade", Map.of("brightness", -1.0))), null));
        stream.addFrameListener(new FrameListener() {
            @Override
            public void outputFrame(Frame frame, long ptsMicros) {
                try {
                    levels.add(mean(frame));
                } finally {
                    frame.release();
                }
            }
        });
        stream.addListener(statuses::add);
    }

    @AfterEach
    void close() {
        stream.deactivate();
        server.close();
    }

    private static double mean(Frame f) {
        int[] row = new int[f.width()];
        double sum = 0;
        for (int y = 0; y < f.height(); y++) {
            f.readRows(y, 1, row, 0);
            for (int p : row) {
                sum += (p & 0xFF) + (p >> 8 & 0xFF) + (p >> 16 & 0xFF);
            }
        }
        return sum / (3.0 * f.width() * f.height());
    }

    /** Waits, a bounded number of frames, for a frame whose mean level passes {@code test}. */
    private void untilFrame(java.util.function.DoublePredicate test, String what) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Double level = levels.poll(60, TimeUnit.SECONDS);
            assertNotNull(level, "no preview frame: waiting for " + what);
            if (test.test(level)) {
                return;
            }
        }
        throw new AssertionError("600 preview frames without " + what);
    }

    private Map<String, Object> serverGet(Serving s, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(s.uri() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) Json.read(r.body());
        body.put("_status", r.statusCode());
        return body;
    }

    @Test
    void theStreamMovesToTheServerWithItsValuesAndAChangeShowsInThePreview() throws Exception {
        stream.start();
        assertEquals(StreamStatus.STREAMING, stream.state().status());
        RemoteStatus connected = stream.connect(server.uri().toString(), null);
        assertEquals(RemoteStatus.State.CONNECTED, connected.state());
        assertTrue(connected.pluginInstall(), connected.capabilities().toString());
        assertEquals(server.uri().toString().replace("http", "ws") + "/ws", connected.server().toString());
        assertEquals(server.uri().toString(), stream.lastServer());

        // the server runs the chain with the workbench's values; the local engine does not
        assertEquals(StreamStatus.STREAMING, stream.state().status());
        Map<String, Object> params = serverGet(server, "/api/v1/session/parameters");
        assertEquals(200, params.get("_status"), params.toString());
        assertEquals(-1.0, ((Number) ((Map<?, ?>) ((Map<?, ?>) ((List<?>) params.get("stages")).get(1))
                .get("parameters")).get("brightness")).doubleValue());
        untilFrame(level -> level < 16, "a black frame from the server");

        stream.setParams(1, Map.of("brightness", 1.0)); // over the relay
        untilFrame(level -> level > 240, "a white frame after the change");
        stream.setBypass(1, true);
        untilFrame(level -> level > 16 && level < 240, "the test pattern with color-grade bypassed");
        assertEquals(true, ((Map<?, ?>) ((List<?>) serverGet(server, "/api/v1/session/parameters").get("stages"))
                .get(1)).get("bypass"));

        // the registry and the plugins are the server's (its pipelines name it as where they are)
        assertEquals(connected.server().toString(), stream.registry().find("color-grade").get().plugin().location());
        assertEquals(Json.write(Services.get(PipelineRegistry.class).find("color-grade").get().schema()),
                Json.write(stream.registry().find("color-grade").get().schema()), "the server's schema entry, as served");
        PluginException e = assertThrows(PluginException.class, () -> stream.plugins().reload("no-such-plugin"));
        assertEquals(PluginException.Kind.NOT_INSTALLED, e.kind());
        assertTrue(e.getMessage().contains("no-such-plugin"), e.getMessage());

        stream.disconnect();
        assertEquals(RemoteStatus.State.LOCAL, stream.status().state());
        assertTrue(!connected.server().toString().equals(stream.registry().find("color-grade").get().plugin()
                .location()), "this machine's registry again");
        assertEquals(404, serverGet(server, "/api/v1/session/parameters").get("_status"), "the server's session ended");
        assertEquals(StreamStatus.STREAMING, stream.state().status(), "the stream goes on here");
        assertEquals(1.0, ((Number) stream.state().chain().post().get(0).params().get("brightness")).doubleValue(),
                "with the value changed on the server");
    }

    @Test
    void aLostServerIsReconnectedAndItsStreamStartedAgain() throws Exception {
        BlockingQueue<RemoteStatus> remote = new LinkedBlockingQueue<>();
        stream.addListener(remote::add);
        stream.connect(server.uri().toString(), null);
        stream.start();
        untilFrame(level -> level < 16, "a frame from the server");
        int port = server.port();
        server.close();
        RemoteStatus lost = next(remote, RemoteStatus.State.RECONNECTING);
        assertNotNull(lost.error());
        assertEquals("Remote 127.0.0.1:" + port + " lost, reconnecting", lost.describe());
        assertTrue(stream.metrics().isEmpty(), "no figures while the server cannot be asked");
        server = api.serve(ServeOptions.loopback(port));
        next(remote, RemoteStatus.State.CONNECTED);
        levels.clear();
        untilFrame(level -> level < 16, "a frame from the server's new session");
        assertEquals(200, serverGet(server, "/api/v1/session/parameters").get("_status"));
    }

    @Test
    void aSessionAnotherClientRunsThereIsStoppedAndSaid() throws Exception {
        HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(URI.create(server.uri()
                + "/api/v1/session/start")).POST(HttpRequest.BodyPublishers.ofString(
                        "{\"pipeline_id\": \"gray\", \"input_source\": \"testsrc:32x32@30\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, other.statusCode(), other.body());
        String theirs = String.valueOf(((Map<?, ?>) ((Map<?, ?>) Json.read(other.body())).get("session"))
                .get("session_id"));
        stream.connect(server.uri().toString(), null);
        stream.start();
        untilFrame(level -> level < 16, "this chain's frame");
        Object ours = serverGet(server, "/api/v1/session/parameters").get("session_id");
        assertTrue(!theirs.equals(ours), "a session of its own");
        assertTrue(stream.takeNotices().stream().anyMatch(n -> n.contains("was stopped to start this one")));
    }

    @Test
    void wrongAddressesAndUnreachableServersSayWhyAndStayLocal() {
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> stream.connect("ftp://h", null));
        assertTrue(bad.getMessage().contains("expected http, https, ws or wss"), bad.getMessage());
        int port = server.port();
        server.close();
        IOException refused = assertThrows(IOException.class, () -> stream.connect("127.0.0.1:" + port, null));
        assertTrue(refused.getMessage().contains("connection refused"), refused.getMessage());
        assertEquals(RemoteStatus.LOCAL, stream.status());
        server = api.serve(ServeOptions.loopback(0));
    }

    @Test
    void aServerWithATokenTakesTheRightOneOnlyAndItsPreviewToo() throws Exception {
        server.close();
        server = api.serve(new ServeOptions("127.0.0.1", 0, "s3cret-token", 1 << 20));
        IOException wrong = assertThrows(IOException.class, () -> stream.connect(server.uri().toString(), "nope"));
        assertTrue(wrong.getMessage().contains("HTTP 401 (a wrong or missing token)"), wrong.getMessage());
        assertEquals(RemoteStatus.LOCAL, stream.status());
        assertFalse(wrong.getMessage().contains("nope"), "the message does not show the token");
        stream.connect(server.uri().toString(), " s3cret-token\n");
        stream.start();
        untilFrame(level -> level < 16, "a preview frame through the token guard");
        assertEquals(RemoteStatus.State.CONNECTED, stream.status().state());
    }

    private static RemoteStatus next(BlockingQueue<RemoteStatus> q, RemoteStatus.State wanted)
            throws InterruptedException {
        for (;;) {
            RemoteStatus s = q.poll(120, TimeUnit.SECONDS);
            assertNotNull(s, "no " + wanted + " within the bound");
            if (s.state() == wanted) {
                return s;
            }
        }
    }
}
