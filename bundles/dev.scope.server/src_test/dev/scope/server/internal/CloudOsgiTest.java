package dev.scope.server.internal;

import static dev.scope.server.internal.ServerOsgiTest.bundleJar;
import static dev.scope.server.internal.ServerOsgiTest.capabilities;
import static dev.scope.server.internal.ServerOsgiTest.installBody;
import static dev.scope.server.internal.ServerOsgiTest.send;
import static dev.scope.server.internal.ServerOsgiTest.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.scope.server.ApiServer;
import dev.scope.server.ServeOptions;
import dev.scope.server.Serving;
import dev.scope.server.internal.ServerOsgiTest.Reply;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cloud mode on the real server and plugin manager: the three routes that change the installed set
 * refuse with Scope's 403 and change nothing, the allowlist lets what it names through, and
 * {@code /health} and {@code /openapi.json} say so.
 */
class CloudOsgiTest {

    @TempDir
    Path temp;

    private static Map<String, Object> refusal(String subject) {
        return Map.of("detail", "Plugin installation is not available in cloud mode", "hint",
                "the server's operator can allow this plugin with --allow-plugin " + subject
                        + ", or start the server without --cloud");
    }

    private static void assertRefused(String subject, Reply r) {
        assertEquals(403, r.status(), r.text());
        assertEquals(refusal(subject), r.object());
    }

    private static Map<String, Object> openApi(Serving server) throws Exception {
        return send(server, "GET", "/openapi.json", null).object();
    }

    private static String plugins(Serving server) throws Exception {
        Reply r = send(server, "GET", "/api/v1/plugins", null);
        assertEquals(200, r.status(), r.text());
        return r.text();
    }

    @Test
    void cloudModeRefusesEveryPluginChangeAndChangesNothing() throws Exception {
        ApiServer server = service(ApiServer.class);
        Path installed = bundleJar(temp, "server.cloud.installed", "1.0.0", null);
        Path jar = bundleJar(temp, "server.cloud.refused", "1.0.0", null);
        try (Serving plain = server.serve(ServeOptions.loopback(0))) {
            assertEquals(200, send(plain, "POST", "/api/v1/plugins", installBody(installed, false)).status());
            try (Serving cloud = server.serve(ServeOptions.loopback(0).withCloud(List.of()))) {
                String before = plugins(cloud);
                assertTrue(before.contains("server.cloud.installed"), before);
                assertRefused(jar.toString(), send(cloud, "POST", "/api/v1/plugins", installBody(jar, false)));
                assertRefused(installed.toString(), send(cloud, "POST", "/api/v1/plugins", installBody(installed, true)));
                assertRefused("SOURCE", send(cloud, "POST", "/api/v1/plugins", "{\"package\": "));
                assertRefused("SOURCE", send(cloud, "POST", "/api/v1/plugins", null));
                assertRefused("server.cloud.installed", send(cloud, "DELETE", "/api/v1/plugins/server.cloud.installed",
                        null));
                assertRefused("server.cloud.installed", send(cloud, "POST",
                        "/api/v1/plugins/server.cloud.installed/reload", "{\"force\": true}"));
                assertRefused("dev.scope.pipelines.basic", send(cloud, "DELETE",
                        "/api/v1/plugins/dev.scope.pipelines.basic", null));
                assertRefused("nope", send(cloud, "POST", "/api/v1/plugins/nope/reload", null));
                assertEquals(before, plugins(cloud), "nothing changed");
                assertFalse(before.contains("server.cloud.refused"), before);
                Map<String, Object> health = send(cloud, "GET", "/health", null).object();
                assertEquals("healthy", health.get("status"));
                assertEquals(capabilities(openApi(cloud), false, List.of(), false), health.get("capabilities"));
            }
            assertEquals(200, send(plain, "DELETE", "/api/v1/plugins/server.cloud.installed", null).status());
        }
    }

    @Test
    void theAllowlistLetsWhatItNamesChange() throws Exception {
        ApiServer server = service(ApiServer.class);
        Path listed = bundleJar(temp, "server.cloud.listed", "1.0.0", null);
        Path other = bundleJar(temp, "server.cloud.other", "1.0.0", null);
        Path named = bundleJar(temp, "server.cloud.named", "1.0.0", null);
        // the path as the operator wrote it: compared normalised
        String listedSource = temp.resolve(".").resolve(listed.getFileName()).toString();
        List<String> allowlist = List.of(listedSource, "server.cloud.named");
        try (Serving plain = server.serve(ServeOptions.loopback(0));
                Serving cloud = server.serve(ServeOptions.loopback(0).withCloud(allowlist))) {
            assertEquals(capabilities(openApi(cloud), false, allowlist, false),
                    send(cloud, "GET", "/health", null).object().get("capabilities"));

            Reply installed = send(cloud, "POST", "/api/v1/plugins", installBody(listed, false));
            assertEquals(200, installed.status(), installed.text());
            assertEquals("installed server.cloud.listed 1.0.0", installed.object().get("message"));
            assertRefused(other.toString(), send(cloud, "POST", "/api/v1/plugins", installBody(other, false)));
            // a listed name lets the plugin be reloaded and removed, not installed from any JAR claiming it
            assertRefused(named.toString(), send(cloud, "POST", "/api/v1/plugins", installBody(named, false)));
            assertEquals(200, send(plain, "POST", "/api/v1/plugins", installBody(named, false)).status());

            Reply reloaded = send(cloud, "POST", "/api/v1/plugins/server.cloud.listed/reload", null);
            assertEquals(200, reloaded.status(), "installed from a listed source: " + reloaded.text());
            assertEquals(200, send(cloud, "POST", "/api/v1/plugins/server.cloud.named/reload", null).status());
            Reply removed = send(cloud, "DELETE", "/api/v1/plugins/server.cloud.listed", null);
            assertEquals(200, removed.status(), removed.text());
            assertEquals(200, send(cloud, "DELETE", "/api/v1/plugins/server.cloud.named", null).status());
            assertRefused("server.cloud.other", send(cloud, "DELETE", "/api/v1/plugins/server.cloud.other", null));
            String after = plugins(cloud);
            assertFalse(after.contains("server.cloud."), after);
        }
    }

    @Test
    void theOpenApiDocumentListsThe403OnThePluginChanges() throws Exception {
        try (Serving cloud = service(ApiServer.class).serve(ServeOptions.loopback(0).withCloud(List.of()))) {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Map<String, Object>>> paths = (Map<String, Map<String, Map<String, Object>>>) openApi(
                    cloud).get("paths");
            for (String[] op : new String[][] {{"/api/v1/plugins", "post"}, {"/api/v1/plugins/{name}", "delete"},
                    {"/api/v1/plugins/{name}/reload", "post"}}) {
                @SuppressWarnings("unchecked")
                Map<String, Object> forbidden = (Map<String, Object>) ((Map<String, Object>) paths.get(op[0]).get(op[1])
                        .get("responses")).get("403");
                assertTrue(forbidden != null && ((String) forbidden.get("description")).startsWith("cloud mode"),
                        op[1] + " " + op[0] + ": " + paths.get(op[0]));
                assertEquals(Map.of("application/json", Map.of("schema", Map.of("type", "object", "properties",
                        Map.of("detail", Map.of("type", "string"), "hint", Map.of("type", "string")), "required",
                        List.of("detail")))), forbidden.get("content"));
            }
            assertFalse(((Map<?, ?>) paths.get("/api/v1/plugins").get("get").get("responses")).containsKey("403"),
                    "listing stays open");
        }
    }
}
