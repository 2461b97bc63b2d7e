package dev.scope.server.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.scope.schema.Json;

/**
 * One request as a route handler sees it, without HTTP types: the relay's {@code api} messages
 * will build the same from a WebSocket message.
 *
 * @param method the HTTP method, upper case
 * @param path the decoded path, e.g. {@code /api/v1/plugins/invert}
 * @param pathParams the values of the route's {@code {name}} segments
 * @param query the query parameters, each with its values in order
 * @param body the request body, empty when there is none
 */
record ApiRequest(String method, String path, Map<String, String> pathParams, Map<String, List<String>> query,
        byte[] body) {

    /**
     * @param fields query parameters as Jetty decoded them (an HTTP request's, or a relay path's)
     * @return them by name, each with its values in order
     */
    static Map<String, List<String>> query(org.eclipse.jetty.util.Fields fields) {
        Map<String, List<String>> query = new java.util.LinkedHashMap<>();
        for (org.eclipse.jetty.util.Fields.Field f : fields) {
            query.put(f.getName(), List.copyOf(f.getValues()));
        }
        return query;
    }

    /**
     * @param request an HTTP request (a WebSocket upgrade too)
     * @return its query parameters
     * @throws ApiException 400 for a query string Jetty cannot decode
     */
    static Map<String, List<String>> query(org.eclipse.jetty.server.Request request) {
        try {
            return query(org.eclipse.jetty.server.Request.extractQueryParameters(request, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new ApiException(400, "the query string cannot be read: " + e.getMessage());
        }
    }

    /**
     * @param query a query string without its {@code ?} (a relay {@code api} message's path)
     * @return its parameters
     * @throws ApiException 400 for one that cannot be decoded
     */
    static Map<String, List<String>> query(String query) {
        org.eclipse.jetty.util.Fields fields = new org.eclipse.jetty.util.Fields();
        try {
            org.eclipse.jetty.util.UrlEncoded.decodeUtf8To(query, fields);
        } catch (RuntimeException e) {
            throw new ApiException(400, "the query string cannot be read: " + e.getMessage());
        }
        return query(fields);
    }

    /** @return the value of a {@code {name}} segment of the route */
    String pathParam(String name) {
        return pathParams.get(name);
    }

    /**
     * @return the body as a JSON object, or an empty map when there is no body
     * @throws ApiException 400 for a body that is not JSON, 422 for JSON that is not an object
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> jsonObjectOrEmpty() {
        if (body.length == 0) {
            return Map.of();
        }
        Object tree = json();
        if (!(tree instanceof Map<?, ?> map)) {
            throw new ApiException(422, "the body must be a JSON object, not " + JsonFields.kind(tree));
        }
        return (Map<String, Object>) map;
    }

    /**
     * @return the body as a JSON object
     * @throws ApiException 400 for a missing body or one that is not JSON, 422 for JSON that is not
     *         an object
     */
    Map<String, Object> jsonObject() {
        if (body.length == 0) {
            throw new ApiException(400, method + " " + path + " needs a JSON object as its body");
        }
        return jsonObjectOrEmpty();
    }

    private Object json() {
        try {
            return Json.read(new String(body, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "the body is not valid JSON: " + e.getMessage());
        }
    }
}
