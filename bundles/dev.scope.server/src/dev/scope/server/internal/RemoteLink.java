package dev.scope.server.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.scope.schema.Json;

/**
 * Dual mode's side of the relay (Scope's {@code @cloud_proxy}): one WebSocket from this server to a
 * remote server's {@code /ws}, over which {@link #forward} sends a request as an {@code api}
 * message and returns the remote's {@code api_response} as a reply, so that the local endpoints
 * answer what the remote would. It connects on {@link #start}, and whenever the connection is lost
 * it tries again after 1, 2, 4 ... up to 30 seconds, on the scheduler; meanwhile
 * {@link #connected()} is false and the server answers locally. The remote's events
 * ({@code stream_started}, ...) go to {@code events}, their channel URLs made absolute (they name
 * the remote). Thread-safe.
 */
final class RemoteLink implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RemoteLink.class.getName());
    private static final long FIRST_RETRY_MILLIS = 1000;
    private static final long LAST_RETRY_MILLIS = 30_000;

    private final URI url;
    private final String token;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Consumer<Map<String, Object>> events;
    private final Duration timeout;
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private WebSocket socket; // guarded by this
    private String connectionId; // guarded by this
    private Instant since; // guarded by this
    private String lastError; // guarded by this
    private long connects; // guarded by this
    private long retryMillis = FIRST_RETRY_MILLIS; // guarded by this
    private boolean closed; // guarded by this

    /**
     * @param url the remote's relay, {@code ws://host:port/ws} or {@code wss://...}
     * @param token the remote's bearer token, or null
     * @param timeout how long a forwarded request may wait for its answer (then 504)
     */
    RemoteLink(URI url, String token, HttpClient http, ScheduledExecutorService scheduler,
            Consumer<Map<String, Object>> events, Duration timeout, Clock clock) {
        this.url = url;
        this.token = token;
        this.http = http;
        this.scheduler = scheduler;
        this.events = events;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Connects in the background. */
    void start() {
        connect();
    }

    private void connect() {
        synchronized (this) {
            if (closed) {
                return;
            }
        }
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        builder.buildAsync(url, new Listener()).whenComplete((ws, failure) -> {
            if (failure != null) {
                lost(why(failure));
            }
        });
    }

    private static String why(Throwable failure) {
        Throwable t = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (t instanceof WebSocketHandshakeException h) {
            int status = h.getResponse().statusCode();
            return "the remote refused the connection: HTTP " + status + (status == 401 ? " (a wrong or missing"
                    + " --remote-token-file)" : "");
        }
        if (t instanceof java.net.ConnectException) {
            return "connection refused (is the remote server running there?)";
        }
        if (t instanceof java.net.http.HttpTimeoutException) {
            return "no answer within 10 s";
        }
        if (t instanceof javax.net.ssl.SSLException) {
            return "TLS failed: " + t.getMessage() + " (does the JDK trust the remote's certificate?)";
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    /** The connection is gone (or never came): fail what waits, retry later. */
    private void lost(String why) {
        long retry;
        boolean tell;
        synchronized (this) {
            tell = socket != null || connects == 0 && lastError == null; // a loss, or the first try failing
            socket = null;
            connectionId = null;
            lastError = why;
            if (closed) {
                return;
            }
            retry = retryMillis;
            retryMillis = Math.min(LAST_RETRY_MILLIS, retryMillis * 2);
        }
        // once per loss on the terminal; the retries that follow only in the debug log
        LOG.log(tell ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG, "the remote " + url + " is not"
                + " connected (" + why + "); this server answers by itself meanwhile and tries again in " + retry / 1000
                + " s");
        for (CompletableFuture<Map<String, Object>> f : pending.values()) {
            f.completeExceptionally(new ApiException(502, "the remote server " + url + " went away before it answered"
                    + " (" + why + ")"));
        }
        pending.clear();
        scheduler.schedule(this::connect, retry, TimeUnit.MILLISECONDS);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                received(ws, message);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
            lost("the remote closed the connection (" + status + (reason.isBlank() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            lost(why(error));
        }
    }

    @SuppressWarnings("unchecked")
    private void received(WebSocket ws, String text) {
        Map<String, Object> message;
        try {
            message = (Map<String, Object>) Json.read(text);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "the remote sent something that is not a JSON object: " + text);
            return;
        }
        Object type = message.get("type");
        if ("ready".equals(type)) {
            boolean again;
            synchronized (this) {
                again = lastError != null;
                socket = ws;
                connectionId = String.valueOf(message.get("connection_id"));
                since = clock.instant();
                connects++;
                retryMillis = FIRST_RETRY_MILLIS;
                lastError = null;
            }
            // after a loss the terminal said, it says the remote is back
            LOG.log(again ? System.Logger.Level.WARNING : System.Logger.Level.INFO, (again ? "connected again to the"
                    + " remote " : "connected to the remote ") + url + ": /api/v1/ requests go there");
            return;
        }
        if ("api_response".equals(type) || "error".equals(type) && message.get("request_id") != null) {
            CompletableFuture<Map<String, Object>> f = pending.remove(String.valueOf(message.get("request_id")));
            if (f != null) {
                f.complete(message);
            }
            return;
        }
        if (type instanceof String s && s.startsWith("stream_")) {
            events.accept(absolute(message));
        }
    }

    /** A channel's URL made absolute: a local client reaches the remote's preview there. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> absolute(Map<String, Object> event) {
        Object channels = event.get("channels");
        if (channels instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object c : list) {
                if (c instanceof Map<?, ?> m && m.get("url") instanceof String u && u.startsWith("/")) {
                    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) m);
                    copy.put("url", url.resolve(u).toString());
                    out.add(copy);
                } else {
                    out.add(c);
                }
            }
            Map<String, Object> copy = new LinkedHashMap<>(event);
            copy.put("channels", out);
            copy.put("remote", url.toString());
            return copy;
        }
        return event;
    }

    /** @return whether requests go to the remote now */
    synchronized boolean connected() {
        return socket != null;
    }

    /** @return {@code {url, connected, connection_id, since, connects, last_error}} for /health */
    synchronized Map<String, Object> status() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("url", url.toString());
        s.put("connected", socket != null);
        s.put("connection_id", connectionId);
        s.put("since", socket == null || since == null ? null : since.toString());
        s.put("connects", connects);
        s.put("last_error", lastError);
        return s;
    }

    /**
     * Sends the request to the remote and waits for its answer.
     *
     * @return the remote's answer as this server's reply: its status and body (a JSON body as the
     *         remote wrote it, an error as {@code {"detail"}}, a binary body with its type)
     * @throws ApiException 502 when the link is not connected or drops, 504 when the answer does not
     *         come within the timeout, 400 for a body that is not JSON
     */
    ApiReply forward(ApiRequest request) {
        WebSocket ws;
        synchronized (this) {
            ws = socket;
        }
        if (ws == null) {
            throw new ApiException(502, "the remote server " + url + " is not connected");
        }
        String id = "fwd-" + ids.incrementAndGet();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "api");
        message.put("request_id", id);
        message.put("method", request.method());
        message.put("path", request.path() + query(request.query()));
        if (request.body().length > 0) {
            try {
                message.put("body", Json.read(new String(request.body(), StandardCharsets.UTF_8)));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "the body is not valid JSON: " + e.getMessage());
            }
        }
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (ws) { // one text message at a time on a JDK WebSocket
                ws.sendText(Json.write(message), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return reply(answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            throw new ApiException(504, "the remote server " + url + " did not answer " + request.method() + " "
                    + request.path() + " within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException a) {
                throw a;
            }
            throw new ApiException(502, "the remote server " + url + " could not be asked: " + why(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "the server is stopping");
        } finally {
            pending.remove(id);
        }
    }

    private static String query(Map<String, List<String>> query) {
        StringBuilder q = new StringBuilder();
        query.forEach((name, values) -> values.forEach(v -> q.append(q.isEmpty() ? '?' : '&')
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return q.toString();
    }

    @SuppressWarnings("unchecked")
    private static ApiReply reply(Map<String, Object> answer) {
        if ("error".equals(answer.get("type"))) {
            throw new ApiException(502, "the remote server refused the request: " + answer.get("error"));
        }
        int status = answer.get("status") instanceof Integer s ? s : 502;
        if (answer.containsKey("error")) {
            return ApiReply.error(status, String.valueOf(answer.get("error")));
        }
        Object data = answer.get("data");
        if (data instanceof Map<?, ?> m && m.get("_base64_content") instanceof String b64) {
            return new ApiReply(status, String.valueOf(m.get("_content_type")), Base64.getDecoder().decode(b64),
                    Map.of());
        }
        return ApiReply.json(status, data);
    }

    /** Closes the connection; no retry follows. */
    @Override
    public void close() {
        WebSocket ws;
        synchronized (this) {
            closed = true;
            ws = socket;
            socket = null;
        }
        if (ws != null) {
            ws.abort();
        }
        for (CompletableFuture<Map<String, Object>> f : pending.values()) {
            f.completeExceptionally(new ApiException(503, "the server is stopping"));
        }
    }
}
