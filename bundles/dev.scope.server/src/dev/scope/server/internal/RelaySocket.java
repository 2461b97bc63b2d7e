package dev.scope.server.internal;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.scope.schema.Json;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * One client of the relay ({@code /ws}, SCOPE-REFERENCE §7): JSON text messages with a
 * {@code type}. On open the server says {@code ready} with the connection's id and what it allows;
 * {@code api} requests are answered from the same route table as HTTP (so with the same policy and
 * shapes) by an {@code api_response} with the request's {@code request_id}, on the server's
 * threads, so that many may be in flight and answers come back in any order; {@code parameters}
 * changes the session's values and is acknowledged by {@code parameters_ack}; {@code ping} gets
 * {@code pong}. A message the server cannot take gets {@code error} with a {@code code}; the
 * connection stays open. Events ({@code stream_started}, ...) come through the {@link RelayHub}.
 *
 * <p>Public only because Jetty finds a listener's methods with a public lookup; the package is
 * not exported.
 */
public final class RelaySocket implements Session.Listener.AutoDemanding {

    private static final System.Logger LOG = System.getLogger(RelaySocket.class.getName());

    /** Requests of one connection being answered at a time, at most; more get {@code too_many_requests}. */
    static final int MAX_IN_FLIGHT = 64;
    /** Messages waiting to be written to one client, at most. */
    static final int OUTBOX = 256;

    private final String connectionId;
    private final Routes routes;
    private final RelayHub hub;
    private final Executor work;
    private final Map<String, Object> ready;
    private final Clock clock;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile Outbox outbox;

    /**
     * @param ready the {@code ready} message's fields besides {@code type} and {@code connection_id}
     * @param work where requests are answered (the server's thread pool)
     */
    RelaySocket(String connectionId, Routes routes, RelayHub hub, Executor work, Map<String, Object> ready,
            Clock clock) {
        this.connectionId = connectionId;
        this.routes = routes;
        this.hub = hub;
        this.work = work;
        this.ready = ready;
        this.clock = clock;
    }

    @Override
    public void onWebSocketOpen(Session session) {
        // registered for events first, held until ready is on its way: no event is missed between
        // the client reading ready and the hub knowing the connection, and none comes before ready
        Outbox o = new Outbox(session, OUTBOX, true);
        outbox = o;
        hub.add(o);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "ready");
        message.put("connection_id", connectionId);
        message.putAll(ready);
        o.release(Json.write(message));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        Outbox o = outbox;
        if (o != null) {
            hub.remove(o);
        }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.log(System.Logger.Level.DEBUG, "relay connection " + connectionId + " failed", cause);
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        callback.succeed();
        send(error(null, "bad_message", "the relay takes JSON text messages, not binary ones"));
    }

    @Override
    public void onWebSocketText(String text) {
        Object tree;
        try {
            tree = Json.read(text);
        } catch (IllegalArgumentException e) {
            send(error(null, "bad_message", "the message is not valid JSON: " + e.getMessage()));
            return;
        }
        if (!(tree instanceof Map<?, ?>)) {
            send(error(null, "bad_message", "a message must be a JSON object with a 'type', not "
                    + JsonFields.kind(tree)));
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> message = (Map<String, Object>) tree;
        Object requestId = message.get("request_id");
        if (requestId instanceof Map || requestId instanceof List) {
            send(error(null, "bad_message", "'request_id' must be a string or a number, not " + JsonFields.kind(requestId)));
            return;
        }
        Object type = message.get("type");
        switch (type instanceof String s ? s : "") {
            case "ping" -> {
                Map<String, Object> pong = new LinkedHashMap<>();
                pong.put("type", "pong");
                if (requestId != null) {
                    pong.put("request_id", requestId);
                }
                pong.put("timestamp", clock.instant().toString());
                send(pong);
            }
            case "api" -> answerLater(requestId, () -> api(requestId, message));
            case "parameters" -> answerLater(requestId, () -> parameters(requestId, message));
            default -> send(error(requestId, "unknown_type", (type == null ? "a message needs a 'type'"
                    : "'type' " + Json.write(type) + " is not known") + "; expected api, parameters or ping"));
        }
    }

    /** Answers on the server's threads, at most {@link #MAX_IN_FLIGHT} at a time for this client. */
    private void answerLater(Object requestId, java.util.function.Supplier<Map<String, Object>> answer) {
        if (requestId == null) {
            send(error(null, "missing_request_id", "an api or parameters message needs a 'request_id' to answer to"));
            return;
        }
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            send(error(requestId, "too_many_requests", "more than " + MAX_IN_FLIGHT + " requests of this connection are"
                    + " being answered; wait for their answers"));
            return;
        }
        try {
            work.execute(() -> {
                try {
                    send(answer.get());
                } finally {
                    inFlight.decrementAndGet();
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.decrementAndGet();
            send(error(requestId, "unavailable", "the server is stopping"));
        }
    }

    private Map<String, Object> api(Object requestId, Map<String, Object> message) {
        ApiReply reply;
        ApiRequest bare = new ApiRequest("?", "?", Map.of(), Map.of(), new byte[0]);
        try {
            ApiRequest parsed = request(message);
            bare = parsed;
            Routes.Match match = routes.find(parsed.method(), parsed.path());
            reply = routes.answer(match, new ApiRequest(parsed.method(), parsed.path(), match.pathParams(),
                    parsed.query(), parsed.body()));
        } catch (RuntimeException e) {
            reply = Routes.refusal(e, bare);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("type", "api_response");
        response.put("request_id", requestId);
        response.put("status", reply.status());
        if (reply.file() != null) {
            reply = inMemory(reply);
        }
        Object body;
        if (reply.contentType().startsWith(ApiReply.JSON)) {
            body = Json.read(new String(reply.body(), StandardCharsets.UTF_8));
        } else {
            Map<String, Object> binary = new LinkedHashMap<>();
            binary.put("_base64_content", Base64.getEncoder().encodeToString(reply.body()));
            binary.put("_content_type", reply.contentType());
            body = binary;
        }
        if (reply.status() >= 400 && body instanceof Map<?, ?> m && m.get("detail") != null) {
            response.put("error", m.get("detail"));
        } else {
            response.put("data", body);
        }
        return response;
    }

    /** The largest file (a recording) the relay sends as base64; a larger one is fetched over HTTP. */
    static final long MAX_RELAYED_FILE_BYTES = 64L << 20;

    private static ApiReply inMemory(ApiReply reply) {
        try {
            long size = java.nio.file.Files.size(reply.file());
            if (size > MAX_RELAYED_FILE_BYTES) {
                return ApiReply.error(413, "the file has " + size + " bytes; the relay carries at most "
                        + MAX_RELAYED_FILE_BYTES + " (GET it over HTTP)");
            }
            return new ApiReply(reply.status(), reply.contentType(), java.nio.file.Files.readAllBytes(reply.file()),
                    reply.headers());
        } catch (java.io.IOException e) {
            return ApiReply.error(404, "the file cannot be read: " + e.getMessage());
        }
    }

    /** @return the HTTP request an {@code api} message stands for */
    private static ApiRequest request(Map<String, Object> message) {
        String method = JsonFields.string(message, "method").toUpperCase(java.util.Locale.ROOT);
        String target = JsonFields.string(message, "path");
        if (!target.startsWith("/")) {
            throw new ApiException(400, "'path' must start with '/', e.g. /api/v1/pipelines/schemas");
        }
        int q = target.indexOf('?');
        String path = decode(q < 0 ? target : target.substring(0, q));
        Map<String, List<String>> query = q < 0 ? Map.of() : ApiRequest.query(target.substring(q + 1));
        byte[] body = message.containsKey("body") && message.get("body") != null
                ? Json.write(message.get("body")).getBytes(StandardCharsets.UTF_8) : new byte[0];
        return new ApiRequest(method, path, Map.of(), query, body);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "'path' is not a valid URL path: " + e.getMessage());
        }
    }

    /** As {@code POST /api/v1/session/parameters}, through the same table (so forwarded in dual mode). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> parameters(Object requestId, Map<String, Object> message) {
        Map<String, Object> change = new LinkedHashMap<>(message);
        change.remove("type");
        change.remove("request_id");
        ApiRequest request = new ApiRequest("POST", "/api/v1/session/parameters", Map.of(), Map.of(),
                Json.write(change).getBytes(StandardCharsets.UTF_8));
        ApiReply reply = routes.answer(routes.find(request.method(), request.path()), request);
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("type", "parameters_ack");
        ack.put("request_id", requestId);
        Object body = Json.read(new String(reply.body(), StandardCharsets.UTF_8));
        if (reply.status() == 200 && body instanceof Map<?, ?> applied) {
            ack.putAll((Map<String, Object>) applied); // success first, then what was applied
        } else {
            ack.put("success", false);
            ack.put("status", reply.status());
            ack.put("error", body instanceof Map<?, ?> m ? m.get("detail") : null);
        }
        return ack;
    }

    private static Map<String, Object> error(Object requestId, String code, String error) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "error");
        if (requestId != null) {
            message.put("request_id", requestId);
        }
        message.put("error", error);
        message.put("code", code);
        return message;
    }

    private void send(Map<String, Object> message) {
        Outbox o = outbox;
        if (o != null && !o.offer(Json.write(message))) {
            LOG.log(System.Logger.Level.DEBUG, "relay connection " + connectionId + " is not reading; a "
                    + message.get("type") + " message was dropped");
        }
    }
}
