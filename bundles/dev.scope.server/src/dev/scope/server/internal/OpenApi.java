package dev.scope.server.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code GET /openapi.json}: an OpenAPI 3.1 document of the routes the server has, made from the route table. */
final class OpenApi {

    private OpenApi() {
    }

    static void addTo(Routes routes, String version) {
        routes.add(new Route("GET", "/openapi.json", "this document", Map.of(200, "the OpenAPI 3.1 document"), false,
                r -> ApiReply.json(200, document(routes, version))));
    }

    static Map<String, Object> document(Routes routes, String version) {
        Map<String, Object> paths = new LinkedHashMap<>();
        for (Route route : routes.all()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(route.template(),
                    t -> new LinkedHashMap<String, Object>());
            item.put(route.method().toLowerCase(Locale.ROOT), operation(route));
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("title", "Scope Workbench API");
        info.put("version", version);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.1.0");
        doc.put("info", info);
        doc.put("paths", paths);
        return doc;
    }

    private static Map<String, Object> operation(Route route) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("summary", route.summary());
        op.put("operationId", (route.method() + route.template()).replaceAll("[^A-Za-z0-9]+", "_")
                .replaceAll("_$", "").toLowerCase(Locale.ROOT));
        List<Object> parameters = new ArrayList<>();
        for (String name : route.parameters()) {
            parameters.add(Map.of("name", name, "in", "path", "required", true, "schema", Map.of("type", "string")));
        }
        if (!parameters.isEmpty()) {
            op.put("parameters", parameters);
        }
        if (route.body()) {
            op.put("requestBody", Map.of("required", true, "content",
                    Map.of(ApiReply.JSON, Map.of("schema", Map.of("type", "object")))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        route.statuses().forEach((status, what) -> responses.put(Integer.toString(status), response(status, what)));
        op.put("responses", responses);
        return op;
    }

    private static Map<String, Object> response(int status, String description) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("description", description);
        r.put("content", Map.of(ApiReply.JSON, Map.of("schema", status < 400 ? Map.of("type", "object")
                : Map.of("type", "object", "properties", errorProperties(status), "required", List.of("detail")))));
        return r;
    }

    /** Every refusal has its {@code detail}; a 403 (cloud mode) also a {@code hint} for the operator. */
    private static Map<String, Object> errorProperties(int status) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("detail", Map.of("type", "string"));
        if (status == 403) {
            properties.put("hint", Map.of("type", "string"));
        }
        return properties;
    }
}
