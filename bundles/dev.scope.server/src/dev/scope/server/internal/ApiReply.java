package dev.scope.server.internal;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.scope.schema.Json;

/**
 * What a route answers.
 *
 * @param status the HTTP status
 * @param contentType the body's media type
 * @param body the body
 * @param headers more response headers
 * @param file a file whose bytes are the body instead (a recording, streamed from disk), or null
 */
record ApiReply(int status, String contentType, byte[] body, Map<String, String> headers, java.nio.file.Path file) {

    /** A reply whose body is in memory. */
    ApiReply(int status, String contentType, byte[] body, Map<String, String> headers) {
        this(status, contentType, body, headers, null);
    }

    /** @return a reply of a file's bytes, read from disk as they are sent */
    static ApiReply file(String contentType, java.nio.file.Path file, Map<String, String> headers) {
        return new ApiReply(200, contentType, new byte[0], headers, file);
    }

    static final String JSON = "application/json";

    /** @return a JSON reply of a tree, compact (as FastAPI writes it) */
    static ApiReply json(int status, Object tree) {
        return text(status, Json.write(tree));
    }

    /** @return a JSON reply of JSON text as it is */
    static ApiReply text(int status, String json) {
        return new ApiReply(status, JSON, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** @return Scope's error body {@code {"detail": ...}} */
    static ApiReply error(int status, String detail) {
        return json(status, Map.of("detail", detail));
    }

    ApiReply withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiReply(status, contentType, body, Map.copyOf(more), file);
    }
}
