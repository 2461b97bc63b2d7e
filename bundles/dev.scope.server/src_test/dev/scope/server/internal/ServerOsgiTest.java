package dev.scope.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import dev.scope.engine.api.Engine;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.schema.Json;
import dev.scope.server.ApiServer;
import dev.scope.server.ServeException;
import dev.scope.server.ServeOptions;
import dev.scope.server.Serving;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The real server (the ApiServer service, embedded Jetty on a free loopback port) against the
 * framework's registry, engine and plugin manager, through the JDK's HTTP client: every endpoint's
 * shape, and every bad request a 4xx with {@code detail} while the server stays up.
 */
class ServerOsgiTest {

    private static final BundleContext CONTEXT = FrameworkUtil.getBundle(ServerOsgiTest.class).getBundleContext();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static Serving serving;

    @TempDir
    Path temp;

    static <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(CONTEXT, type, null);
        tracker.open();
        T service = tracker.waitForService(TimeUnit.SECONDS.toMillis(30));
        assertNotNull(service, type.getSimpleName() + " service");
        return service;
    }

    @BeforeAll
    static void serve() throws InterruptedException {
        serving = service(ApiServer.class).serve(ServeOptions.loopback(0));
    }

    @AfterAll
    static void stop() {
        serving.close();
    }

    /** A reply: status, body text, and the body as JSON when it is JSON. */
    record Reply(int status, String text, String contentType, HttpResponse<String> response) {
        Object json() {
            return Json.read(text);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            return (Map<String, Object>) json();
        }

        String detail() {
            assertTrue(contentType.startsWith("application/json"), "JSON error body: " + contentType);
            Map<String, Object> body = object();
            assertEquals(Set.of("detail"), body.keySet(), text);
            assertTrue(body.get("detail") instanceof String s && !s.isBlank(), text);
            assertFalse(text.contains("Exception") || text.contains("\tat "), "no exception or trace: " + text);
            return (String) body.get("detail");
        }
    }

    static Reply send(Serving server, String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.uri() + path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        HttpResponse<String> r = HTTP.send(b.build(), BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""), r);
    }

    static Reply send(String method, String path, String body) throws Exception {
        return send(serving, method, path, body);
    }

    static Reply get(String path) throws Exception {
        return send("GET", path, null);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    @Test
    void healthHasScopesFields() throws Exception {
        Reply r = get("/health");
        assertEquals(200, r.status());
        Map<String, Object> body = r.object();
        assertEquals(List.of("status", "timestamp", "server_start_time", "version", "git_commit", "capabilities"),
                List.copyOf(body.keySet()));
        assertEquals("healthy", body.get("status"));
        Instant started = Instant.parse((String) body.get("server_start_time"));
        assertFalse(Instant.parse((String) body.get("timestamp")).isBefore(started));
        assertEquals(CONTEXT.getBundle().getVersion().toString(), body.get("version"));
        assertEquals(capabilities(get("/openapi.json").object(), true, List.of(), false), body.get("capabilities"));
    }

    /**
     * @param openApi the server's {@code /openapi.json}
     * @return what {@code /health} should say the server offers; {@code sessions} is whether the
     *         OpenAPI document has the headless session routes
     */
    static Map<String, Object> capabilities(Map<String, Object> openApi, boolean pluginInstall, List<String> allowlist,
            boolean tls) {
        @SuppressWarnings("unchecked")
        Map<String, Object> paths = (Map<String, Object>) openApi.get("paths");
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("plugin_install", pluginInstall);
        c.put("plugin_allowlist", allowlist);
        c.put("cloud", !pluginInstall);
        c.put("sessions", paths.containsKey("/api/v1/session/start"));
        c.put("tls", tls);
        return c;
    }

    @Test
    void schemasAreByteForByteWhatTheCommandLinePrints() throws Exception {
        PipelineRegistry registry = service(PipelineRegistry.class);
        Reply r = get("/api/v1/pipelines/schemas");
        assertEquals(200, r.status());
        assertEquals("application/json", r.contentType());
        assertEquals(Json.writePretty(registry.schemas()) + "\n", r.text());
        @SuppressWarnings("unchecked")
        Map<String, Object> pipelines = (Map<String, Object>) r.object().get("pipelines");
        assertTrue(pipelines.containsKey("passthrough") && pipelines.containsKey("gray"), pipelines.keySet().toString());
    }

    @Test
    void pluginsListBuiltInsWithScopesPluginInfo() throws Exception {
        Reply r = get("/api/v1/plugins");
        assertEquals(200, r.status());
        Map<String, Object> body = r.object();
        assertEquals(List.of("plugins", "total", "failed_plugins"), List.copyOf(body.keySet()));
        List<Map<String, Object>> plugins = list(body.get("plugins"));
        assertEquals(plugins.size(), ((Number) body.get("total")).intValue());
        Map<String, Object> basic = plugins.stream().filter(p -> p.get("name").equals("dev.scope.pipelines.basic"))
                .findFirst().orElseThrow(() -> new AssertionError(r.text()));
        assertEquals(List.of("name", "version", "author", "description", "source", "editable", "editable_path",
                "pipelines", "latest_version", "update_available", "package_spec", "bundled", "state", "error", "enabled",
                "leaked"), List.copyOf(basic.keySet()));
        assertEquals(true, basic.get("bundled"));
        assertEquals("Scope Workbench", basic.get("author"));
        assertEquals(List.of(Map.of("pipeline_id", "gray", "pipeline_name", "Grayscale"),
                Map.of("pipeline_id", "passthrough", "pipeline_name", "Passthrough")), basic.get("pipelines"));
        assertEquals(List.of(), body.get("failed_plugins"));
    }

    private Path bundleJar(String name, String version) throws IOException {
        return bundleJar(name, version, null);
    }

    private Path bundleJar(String name, String version, String imports) throws IOException {
        return bundleJar(temp, name, version, imports);
    }

    /** @return a plugin bundle JAR written in the folder */
    static Path bundleJar(Path folder, String name, String version, String imports) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", name);
        a.putValue("Bundle-Version", version);
        a.putValue("Bundle-Vendor", "Test Vendor");
        if (imports != null) {
            a.putValue("Import-Package", imports);
        }
        Path jar = folder.resolve(name + "-" + version + ".jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            // manifest only: a bundle that provides no pipeline
        }
        return jar;
    }

    static String installBody(Path jar, boolean upgrade) {
        return Json.write(Map.of("package", jar.toString(), "editable", false, "upgrade", upgrade));
    }

    @Test
    void installUpgradeReloadAndUninstallOverTheApi() throws Exception {
        Path v1 = bundleJar("server.test.plugin", "1.0.0");
        Reply installed = send("POST", "/api/v1/plugins", installBody(v1, false));
        assertEquals(200, installed.status(), installed.text());
        assertEquals(true, installed.object().get("success"));
        @SuppressWarnings("unchecked")
        Map<String, Object> plugin = (Map<String, Object>) installed.object().get("plugin");
        assertEquals("server.test.plugin", plugin.get("name"));
        assertEquals("1.0.0", plugin.get("version"));
        assertEquals("Test Vendor", plugin.get("author"));
        assertEquals(false, plugin.get("bundled"));
        assertEquals(v1.toString(), plugin.get("package_spec"));

        Reply again = send("POST", "/api/v1/plugins", installBody(v1, false));
        assertEquals(409, again.status(), again.text());
        assertTrue(again.detail().contains("server.test.plugin 1.0.0 is installed"), again.text());

        Path v2 = bundleJar("server.test.plugin", "1.1.0");
        Reply upgraded = send("POST", "/api/v1/plugins", installBody(v2, true));
        assertEquals(200, upgraded.status(), upgraded.text());
        assertEquals("installed server.test.plugin 1.1.0", upgraded.object().get("message"));
        assertTrue(list(get("/api/v1/plugins").object().get("plugins")).stream()
                .anyMatch(p -> p.get("name").equals("server.test.plugin") && p.get("version").equals("1.1.0")));

        Reply reloaded = send("POST", "/api/v1/plugins/server.test.plugin/reload", null);
        assertEquals(200, reloaded.status(), reloaded.text());
        assertEquals(List.of("success", "message", "reloaded_pipelines", "added_pipelines", "removed_pipelines", "notes"),
                List.copyOf(reloaded.object().keySet()));

        Reply removed = send("DELETE", "/api/v1/plugins/server.test.plugin", null);
        assertEquals(200, removed.status(), removed.text());
        assertEquals(Map.of("success", true, "message", "uninstalled server.test.plugin 1.1.0", "unloaded_pipelines",
                List.of()), removed.object());
        Reply gone = send("DELETE", "/api/v1/plugins/server.test.plugin", null);
        assertEquals(404, gone.status());
        assertTrue(gone.detail().startsWith("no plugin named 'server.test.plugin' is installed"), gone.text());
        assertEquals(404, send("POST", "/api/v1/plugins/server.test.plugin/reload", "{}").status());
    }

    @Test
    void builtInPluginsCannotBeRemovedOrReloaded() throws Exception {
        Reply r = send("DELETE", "/api/v1/plugins/dev.scope.pipelines.basic", null);
        assertEquals(400, r.status(), r.text());
        assertTrue(r.detail().contains("built into the workbench"), r.text());
        assertEquals(400, send("POST", "/api/v1/plugins/dev.scope.pipelines.basic/reload", null).status());
    }

    @Test
    void badInstallRequestsAre4xxWithDetail() throws Exception {
        Path text = Files.writeString(temp.resolve("notes.jar"), "not a zip");
        Reply notAPlugin = send("POST", "/api/v1/plugins", installBody(text, false));
        assertEquals(422, notAPlugin.status(), notAPlugin.text());
        notAPlugin.detail();
        Reply unresolved = send("POST", "/api/v1/plugins", installBody(bundleJar("server.test.needy", "1.0.0",
                "no.such.api;version=\"[1,2)\""), false));
        assertEquals(422, unresolved.status(), unresolved.text());
        assertTrue(unresolved.detail().contains("no.such.api"), "names the requirement: " + unresolved.text());
        assertFalse(get("/api/v1/plugins").text().contains("server.test.needy"), "nothing changed");
        Reply missing = send("POST", "/api/v1/plugins", installBody(temp.resolve("missing.jar"), false));
        assertEquals(422, missing.status(), missing.text());
        assertEquals(422, send("POST", "/api/v1/plugins", "{\"package\": 7}").status());
        assertEquals("'package' must be a string, not a number", send("POST", "/api/v1/plugins", "{\"package\": 7}").detail());
        assertEquals("'package' is required (a string)", send("POST", "/api/v1/plugins", "{}").detail());
        assertEquals("'upgrade' must be true or false, not a string", send("POST", "/api/v1/plugins",
                "{\"package\": \"x.jar\", \"upgrade\": \"yes\"}").detail());
        Reply url = send("POST", "/api/v1/plugins", "{\"package\": \"https://example.com/p.jar\"}");
        assertEquals(422, url.status());
        assertTrue(url.detail().contains("not available yet"), url.text());
        Reply malformed = send("POST", "/api/v1/plugins", "{\"package\": ");
        assertEquals(400, malformed.status());
        assertTrue(malformed.detail().startsWith("the body is not valid JSON"), malformed.text());
        assertEquals(422, send("POST", "/api/v1/plugins", "[1, 2]").status());
        assertEquals(400, send("POST", "/api/v1/plugins", null).status());
        assertEquals(422, send("POST", "/api/v1/plugins/x/reload", "{\"force\": 1}").status());
    }

    @Test
    void unknownPathsWrongMethodsAndHugeBodiesAreRefusedAndTheServerStaysUp() throws Exception {
        Reply unknown = get("/api/v1/nothing");
        assertEquals(404, unknown.status());
        assertEquals("no endpoint at /api/v1/nothing; /openapi.json lists them", unknown.detail());
        Reply wrong = send("PUT", "/api/v1/plugins", "{}");
        assertEquals(405, wrong.status());
        assertEquals("GET, POST", wrong.response().headers().firstValue("Allow").orElse(""));
        wrong.detail();
        // a body past the limit is refused from its declared length, before any of it is read; the
        // headers alone, so that no client is still sending when the server answers and closes (a
        // client sending the whole body may meet the closed connection before it reads the 413)
        String tooLarge = raw("POST /api/v1/plugins HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json"
                + "\r\nContent-Length: " + (ServeOptions.DEFAULT_MAX_REQUEST_BYTES + 1) + "\r\n\r\n");
        assertTrue(tooLarge.startsWith("HTTP/1.1 413 "), tooLarge);
        assertTrue(tooLarge.contains("at most " + ServeOptions.DEFAULT_MAX_REQUEST_BYTES + " bytes"), tooLarge);
        assertTrue(tooLarge.substring(tooLarge.indexOf("\r\n\r\n") + 4).startsWith("{\"detail\":"), tooLarge);
        String deep = "[".repeat(5000) + "]".repeat(5000);
        Reply nested = send("POST", "/api/v1/pipeline/load", deep);
        assertEquals(400, nested.status(), nested.text());
        nested.detail();
        assertEquals(200, get("/health").status());
    }

    /** Requests the JDK's client would not send: Jetty's own refusals are JSON too. */
    @Test
    void requestsJettyRefusesGetJsonDetail() throws Exception {
        for (String head : List.of("GET /%zz HTTP/1.1", "GET /api/v1/../../etc/passwd HTTP/1.1", "HELLO")) {
            String response = raw(head + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            String status = response.lines().findFirst().orElse("");
            assertTrue(status.matches("HTTP/1\\.1 4\\d\\d .*"), head + " -> " + response);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertTrue(Json.read(body) instanceof Map<?, ?> m && m.get("detail") instanceof String, head + " -> " + response);
        }
        assertEquals(200, get("/health").status());
    }

    /**
     * A request no route takes is answered after its body has arrived, so that its connection
     * carries the next request (the fuzz test met a closed connection when the 404 went out before
     * the rest of the body was read).
     */
    @Test
    void aRequestNoRouteTakesIsAnsweredAfterItsBodyAndTheConnectionCarriesTheNext() throws IOException {
        try (Socket socket = new Socket(serving.uri().getHost(), serving.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/no-such HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 8\r\n\r\n{\"a\":").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            socket.setSoTimeout(500);
            // no answer while the body is incomplete: a read that times out, whatever the machine's speed
            assertThrows(java.net.SocketTimeoutException.class, in::read, "answered before the body had arrived");
            socket.setSoTimeout(0);
            out.write((" 1}\r\nGET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String both = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(both.startsWith("HTTP/1.1 404 "), both);
            assertTrue(both.contains("}HTTP/1.1 200 "), "the next request on the connection: " + both);
        }
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket(serving.uri().getHost(), serving.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Polls the status over HTTP until the load is no longer in progress (a bounded number of requests). */
    private static Map<String, Object> loadedStatus() throws Exception {
        for (int i = 0; i < 10_000; i++) {
            Map<String, Object> status = get("/api/v1/pipeline/status").object();
            if (!status.get("status").equals("loading")) {
                return status;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the pipeline was still loading after 10000 status requests");
    }

    @Test
    void pipelineLoadAndStatus() throws Exception {
        Reply loaded = send("POST", "/api/v1/pipeline/load", "{\"pipeline_ids\": [\"gray\", \"passthrough\"]}");
        assertEquals(200, loaded.status(), loaded.text());
        Map<String, Object> status = loadedStatus();
        assertEquals(List.of("status", "pipeline_id", "load_params", "error", "loading_stage", "produces_video",
                "produces_audio", "pipeline_ids"), List.copyOf(status.keySet()));
        assertEquals("loaded", status.get("status"), status.toString());
        assertEquals("passthrough", status.get("pipeline_id"));
        assertEquals(List.of("gray", "passthrough"), status.get("pipeline_ids"));
        assertEquals(true, status.get("produces_video"));
        assertNull(status.get("error"));

        Reply nodes = send("POST", "/api/v1/pipeline/load",
                "{\"pipelines\": [{\"node_id\": \"a\", \"pipeline_id\": \"passthrough\", \"load_params\": {\"nope\": 1}}]}");
        assertEquals(200, nodes.status(), nodes.text());
        Map<String, Object> failed = loadedStatus();
        assertEquals("error", failed.get("status"), failed.toString());
        assertTrue(((String) failed.get("error")).contains("nope"), failed.toString());

        assertEquals(400, send("POST", "/api/v1/pipeline/load", "{}").status());
        Reply unknown = send("POST", "/api/v1/pipeline/load", "{\"pipeline_ids\": [\"no-such\"]}");
        assertEquals(404, unknown.status());
        assertTrue(unknown.detail().contains("no-such"), unknown.text());
        assertEquals(422, send("POST", "/api/v1/pipeline/load", "{\"pipeline_ids\": \"passthrough\"}").status());
        assertEquals(422, send("POST", "/api/v1/pipeline/load", "{\"pipeline_ids\": []}").status());
        assertEquals(422, send("POST", "/api/v1/pipeline/load", "{\"pipeline_ids\": [\"gray\"]}").status());
        assertEquals(422, send("POST", "/api/v1/pipeline/load", "{\"pipelines\": [{\"pipeline_id\": 3}]}").status());
        assertEquals(422, send("POST", "/api/v1/pipeline/load",
                "{\"pipeline_ids\": [\"passthrough\"], \"load_params\": []}").status());
    }

    @Test
    void hardwareInfoNamesTheEnginesDevice() throws Exception {
        Engine engine = service(Engine.class);
        Map<String, Object> body = get("/api/v1/hardware/info").object();
        assertEquals(List.of("vram_gb", "opencl_device"), List.copyOf(body.keySet()));
        engine.device().ifPresentOrElse(d -> {
            assertEquals(d.memoryGb(), ((Number) body.get("vram_gb")).doubleValue());
            assertEquals(Map.of("name", d.name(), "path", d.path(), "memory_bytes", d.memoryBytes()),
                    body.get("opencl_device"));
        }, () -> {
            assertNull(body.get("vram_gb"));
            assertNull(body.get("opencl_device"));
        });
    }

    @Test
    void openApiDescribesEveryRoute() throws Exception {
        Map<String, Object> doc = get("/openapi.json").object();
        assertEquals("3.1.0", doc.get("openapi"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) doc.get("paths");
        List<String> operations = new ArrayList<>();
        paths.forEach((path, item) -> item.keySet().forEach(method -> operations.add(method + " " + path)));
        assertEquals(List.of("get /health", "get /api/v1/pipelines/schemas", "get /api/v1/hardware/info",
                "get /api/v1/plugins", "post /api/v1/plugins", "delete /api/v1/plugins/{name}",
                "post /api/v1/plugins/{name}/reload", "post /api/v1/pipeline/load", "get /api/v1/pipeline/status",
                "post /api/v1/session/start", "post /api/v1/session/stop", "get /api/v1/session/parameters",
                "post /api/v1/session/parameters", "get /api/v1/session/frame", "get /api/v1/session/metrics",
                "post /api/v1/recordings/{session}/start", "post /api/v1/recordings/{session}/stop",
                "get /api/v1/recordings/{session}", "get /api/v1/recordings", "get /openapi.json"), operations);
    }

    @Test
    void aTokenIsRequiredOnEveryRouteButHealth() throws Exception {
        try (Serving guarded = service(ApiServer.class).serve(new ServeOptions("127.0.0.1", 0, "s3cret", 1024))) {
            assertEquals(200, send(guarded, "GET", "/health", null).status());
            Reply none = send(guarded, "GET", "/api/v1/plugins", null);
            assertEquals(401, none.status());
            none.detail();
            assertEquals(401, send(guarded, "GET", "/api/v1/plugins", null, "Authorization", "Bearer s3cre").status());
            assertEquals(401, send(guarded, "GET", "/api/v1/plugins", null, "Authorization", "Basic s3cret").status());
            assertEquals(200, send(guarded, "GET", "/api/v1/plugins", null, "Authorization", "Bearer s3cret").status());
            assertEquals(413, send(guarded, "POST", "/api/v1/plugins", "x".repeat(1025), "Authorization",
                    "Bearer s3cret").status());
        }
    }

    @Test
    void addressesThatCannotBeServed() throws Exception {
        ApiServer server = service(ApiServer.class);
        ServeException inUse = assertThrows(ServeException.class, () -> server.serve(ServeOptions.loopback(serving.port())));
        assertEquals(ServeException.Kind.ADDRESS_IN_USE, inUse.kind());
        assertEquals("port " + serving.port() + " on 127.0.0.1 is in use (another server?); pick another with --port",
                inUse.getMessage());
        ServeException open = assertThrows(ServeException.class,
                () -> server.serve(new ServeOptions("0.0.0.0", 0, null, 1024)));
        assertEquals(ServeException.Kind.TOKEN_REQUIRED, open.kind());
        ServeException plain = assertThrows(ServeException.class,
                () -> server.serve(new ServeOptions("0.0.0.0", 0, "s3cret", 1024)));
        assertEquals(ServeException.Kind.TLS_REQUIRED, plain.kind());
        assertEquals("0.0.0.0 is not a loopback address: over plain HTTP the token would cross the network in clear;"
                + " serve https with --tls-keystore, pass --insecure to serve plain HTTP there anyway, or serve on"
                + " 127.0.0.1", plain.getMessage());
        try (Serving insecure = server.serve(new ServeOptions("0.0.0.0", 0, "s3cret", 1024).withInsecure())) {
            assertEquals(URI.create("http://0.0.0.0:" + insecure.port()), insecure.uri());
            assertEquals(200, send(insecure, "GET", "/health", null).status());
        }
        ServeException unknown = assertThrows(ServeException.class,
                () -> server.serve(new ServeOptions("no-such-host.invalid", 0, null, 1024)));
        assertEquals(ServeException.Kind.BAD_ADDRESS, unknown.kind());
        assertEquals(200, get("/health").status());
    }
}
