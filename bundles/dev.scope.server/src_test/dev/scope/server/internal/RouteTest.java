package dev.scope.server.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The route table alone: templates, 404 and 405, and every refusal as {@code {"detail": ...}}. */
class RouteTest {

    private static Route route(String method, String template) {
        return new Route(method, template, "test", Map.of(200, "ok"), false,
                r -> ApiReply.json(200, Map.of("params", r.pathParams())));
    }

    @Test
    void templatesMatchWholeSegments() {
        Route reload = route("POST", "/api/v1/plugins/{name}/reload");
        assertEquals(Optional.of(Map.of("name", "invert")), reload.match("/api/v1/plugins/invert/reload"));
        assertEquals(Optional.of(Map.of("name", "invert")), reload.match("/api/v1/plugins/invert/reload/"));
        assertEquals(Optional.empty(), reload.match("/api/v1/plugins//reload"));
        assertEquals(Optional.empty(), reload.match("/api/v1/plugins/a/b/reload"));
        assertEquals(Optional.empty(), reload.match("/api/v1/plugins/invert"));
        assertEquals(List.of("name"), reload.parameters());
        assertEquals(Optional.of(Map.of()), route("GET", "/health").match("/health"));
        assertEquals(Optional.empty(), route("GET", "/health").match("/healthz"));
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405WithAllow() {
        Routes routes = new Routes().add(route("GET", "/api/v1/plugins")).add(route("POST", "/api/v1/plugins"));
        assertEquals("POST", routes.find("POST", "/api/v1/plugins").route().method());
        ApiException missing = assertThrows(ApiException.class, () -> routes.find("GET", "/api/v2/plugins"));
        assertEquals(404, missing.status());
        ApiException wrong = assertThrows(ApiException.class, () -> routes.find("PUT", "/api/v1/plugins"));
        ApiRequest put = new ApiRequest("PUT", "/api/v1/plugins", Map.of(), Map.of(), new byte[0]);
        ApiReply reply = Routes.refusal(wrong, put);
        assertEquals(405, reply.status());
        assertEquals("GET, POST", reply.headers().get("Allow"));
        assertTrue(new String(reply.body(), StandardCharsets.UTF_8).startsWith("{\"detail\":\"/api/v1/plugins does not take PUT"));
    }

    @Test
    void twoRoutesForOneMethodAndTemplateAreRefused() {
        Routes routes = new Routes().add(route("GET", "/health"));
        assertThrows(IllegalArgumentException.class, () -> routes.add(route("GET", "/health")));
    }

    @Test
    void aHandlerThatThrowsAnswers500WithItsMessageOnly() {
        Route broken = new Route("GET", "/x", "test", Map.of(200, "ok"), false, r -> {
            throw new IllegalStateException("the store is\n  gone");
        });
        ApiRequest get = new ApiRequest("GET", "/x", Map.of(), Map.of(), new byte[0]);
        ApiReply reply = Routes.call(new Routes.Match(broken, Map.of()), get);
        assertEquals(500, reply.status());
        assertEquals("{\"detail\":\"GET /x failed: the store is; gone (SCOPE_LOG=debug logs where)\"}",
                new String(reply.body(), StandardCharsets.UTF_8));
    }
}
