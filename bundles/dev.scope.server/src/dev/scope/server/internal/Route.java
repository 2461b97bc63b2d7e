package dev.scope.server.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One endpoint: a method, a path template whose {@code {name}} segments match one path segment
 * each, what it does (for {@code /openapi.json}) and its handler.
 *
 * @param method the HTTP method, upper case
 * @param template e.g. {@code /api/v1/plugins/{name}/reload}
 * @param summary one line for the OpenAPI document
 * @param statuses the statuses it answers with, each with what it means (for the OpenAPI document)
 * @param body whether it takes a JSON object as its body
 * @param handler what answers
 */
record Route(String method, String template, String summary, Map<Integer, String> statuses, boolean body,
        Handler handler) {

    /** Answers one request; throws {@link ApiException} (or the engine's exceptions) to refuse it. */
    @FunctionalInterface
    interface Handler {
        ApiReply handle(ApiRequest request);
    }

    Route {
        if (!template.startsWith("/")) {
            throw new IllegalArgumentException("a route template starts with '/': " + template);
        }
        statuses = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(statuses));
    }

    /** @return the names of the template's {@code {name}} segments, in order */
    List<String> parameters() {
        List<String> names = new ArrayList<>();
        for (String s : segments(template)) {
            if (isParameter(s)) {
                names.add(s.substring(1, s.length() - 1));
            }
        }
        return names;
    }

    /**
     * @param path a decoded request path
     * @return the values of the template's parameters when the path matches, else empty
     */
    Optional<Map<String, String>> match(String path) {
        List<String> want = segments(template);
        List<String> got = segments(path);
        if (want.size() != got.size()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < want.size(); i++) {
            String w = want.get(i);
            String g = got.get(i);
            if (isParameter(w)) {
                if (g.isEmpty()) {
                    return Optional.empty();
                }
                values.put(w.substring(1, w.length() - 1), g);
            } else if (!w.equals(g)) {
                return Optional.empty();
            }
        }
        return Optional.of(values);
    }

    private static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.startsWith("{") && segment.endsWith("}");
    }

    /** "/a/b/" and "/a/b" are the same path; "" is the root. */
    private static List<String> segments(String path) {
        String p = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return List.of(p.substring(1).split("/", -1));
    }
}
