package dev.scope.server.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.scope.schema.Json;

/**
 * One relay connection to a Scope server's {@code /ws} (README, "The relay"): it connects on
 * {@link #connect}, sends {@code api} and {@code parameters} messages and completes each one's
 * future with the answer that carries its {@code request_id}, in whatever order the answers come,
 * and hands the server's pushed messages ({@code stream_started}, {@code notification},
 * {@code logs}, ...) to the event listeners. When the connection is lost it fails what waits and
 * tries again after 1, 2, 4 ... up to 30 seconds, on the scheduler, telling the status listeners
 * each time; {@link #close} ends that. Thread-safe.
 */
public final class RelayClient implements AutoCloseable {

    private static final long FIRST_RETRY_MILLIS = 1000;
    private static final long LAST_RETRY_MILLIS = 30_000;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final URI url;
    private final String token;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong();
    private final Map<String, CompletableFuture<RelayAnswer>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<Map<String, Object>>> eventListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<RelayStatus>> statusListeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<RelayStatus> first = new CompletableFuture<>();
    private WebSocket socket; // guarded by this
    private RelayStatus status; // guarded by this
    private long retryMillis = FIRST_RETRY_MILLIS; // guarded by this
    private boolean started; // guarded by this

    /**
     * @param url the relay, {@code ws://host:port/ws} or {@code wss://...} ({@link #relayUrl} makes
     *        one of what a user types)
     * @param token the server's bearer token, or {@code null}
     * @param http makes the WebSocket (its executor runs the listeners)
     * @param scheduler runs the retries
     * @param clock tells when a retry is due and since when it is connected, for the status
     */
    public RelayClient(URI url, String token, HttpClient http, ScheduledExecutorService scheduler, Clock clock) {
        this.url = url;
        this.token = token == null || token.isBlank() ? null : token.strip();
        this.http = http;
        this.scheduler = scheduler;
        this.clock = clock;
        this.status = new RelayStatus(RelayStatus.State.CONNECTING, url, null, Map.of(), null, null, null, 0);
    }

    /**
     * The relay's address for what a user typed: {@code host:port}, {@code http://host:port} or
     * {@code ws://host:port} become {@code ws://host:port/ws}, {@code https://} a {@code wss://}
     * one; a path other than {@code /} is kept.
     *
     * @param typed a server's address
     * @return the relay's URI
     * @throws IllegalArgumentException for something that is not a server address, saying what is expected
     */
    public static URI relayUrl(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("no server address; expected one such as http://127.0.0.1:8000");
        }
        if (!text.contains("://")) {
            text = "ws://" + text;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + typed + "' is not a server address (" + e.getReason()
                    + "); expected one such as http://127.0.0.1:8000");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String ws = switch (scheme) {
            case "ws", "http" -> "ws";
            case "wss", "https" -> "wss";
            default -> throw new IllegalArgumentException("'" + typed + "' is not a server address: its scheme is "
                    + scheme + "; expected http, https, ws or wss");
        };
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + typed + "' names no host; expected one such as"
                    + " http://127.0.0.1:8000");
        }
        String path = uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/") ? "/ws"
                : uri.getPath();
        int port = uri.getPort() > 0 ? uri.getPort() : 8000;
        try {
            return new URI(ws, null, uri.getHost(), port, path, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + typed + "' is not a server address: " + e.getReason());
        }
    }

    /** @param listener told of every message the server pushes (a map with its {@code type}), on the client's threads */
    public void addEventListener(Consumer<Map<String, Object>> listener) {
        eventListeners.add(listener);
    }

    /** @param listener told of every change of {@link #status()}, on the client's threads */
    public void addStatusListener(Consumer<RelayStatus> listener) {
        statusListeners.add(listener);
    }

    /** @return the relay's address */
    public URI url() {
        return url;
    }

    /** @return the connection's state now */
    public synchronized RelayStatus status() {
        return status;
    }

    /**
     * Starts connecting (once; later calls return the same future).
     *
     * @return completes with the status at the first {@code ready}, or exceptionally with a
     *         {@link RelayException} saying why the first try failed (the client tries again
     *         meanwhile, unless closed)
     */
    public CompletableFuture<RelayStatus> connect() {
        synchronized (this) {
            if (started) {
                return first;
            }
            started = true;
        }
        open();
        return first;
    }

    private void open() {
        synchronized (this) {
            if (status.state() == RelayStatus.State.CLOSED) {
                return;
            }
        }
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        builder.buildAsync(url, new Listener()).whenComplete((ws, failure) -> {
            if (failure != null) {
                lost(null, why(failure));
            }
        });
    }

    /**
     * @param failure what a connection attempt or a connection failed with
     * @return the reason in one line: refused, a wrong token, TLS, a timeout
     */
    public static String why(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof java.util.concurrent.CompletionException
                || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof WebSocketHandshakeException h) {
            int code = h.getResponse().statusCode();
            return "the server refused the connection: HTTP " + code + (code == 401 ? " (a wrong or missing token)"
                    : code == 404 ? " (no relay at that path: is it a Scope server?)" : "");
        }
        if (t instanceof java.net.ConnectException) {
            return "connection refused (is a Scope server running there?)";
        }
        if (t instanceof java.net.http.HttpTimeoutException) {
            return "no answer within " + CONNECT_TIMEOUT.toSeconds() + " s";
        }
        if (t instanceof javax.net.ssl.SSLException) {
            return "TLS failed: " + t.getMessage() + " (does the JDK trust the server's certificate?)";
        }
        if (t instanceof java.nio.channels.UnresolvedAddressException) {
            return "the host name does not resolve";
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    /** The connection {@code ws} is gone (or none came): fail what waits, try again later. */
    private void lost(WebSocket ws, String why) {
        RelayStatus now;
        long retry;
        synchronized (this) {
            if (ws != null && ws != socket) {
                return; // an old connection's late news
            }
            socket = null;
            if (status.state() == RelayStatus.State.CLOSED) {
                return;
            }
            retry = retryMillis;
            retryMillis = Math.min(LAST_RETRY_MILLIS, retryMillis * 2);
            now = new RelayStatus(RelayStatus.State.RECONNECTING, url, null, status.capabilities(), why,
                    clock.instant().plusMillis(retry), null, status.connects());
            status = now;
        }
        failPending(new RelayException(502, "the server " + url + " went away before it answered (" + why + ")"));
        first.completeExceptionally(new RelayException(502, why));
        tell(now);
        scheduler.schedule(this::open, retry, TimeUnit.MILLISECONDS);
    }

    private void failPending(RelayException why) {
        for (String id : List.copyOf(pending.keySet())) {
            CompletableFuture<RelayAnswer> f = pending.remove(id);
            if (f != null) {
                f.completeExceptionally(why);
            }
        }
    }

    private void tell(RelayStatus now) {
        for (Consumer<RelayStatus> l : statusListeners) {
            try {
                l.accept(now);
            } catch (RuntimeException e) {
                System.getLogger(RelayClient.class.getName()).log(System.Logger.Level.WARNING,
                        "a relay status listener failed", e);
            }
        }
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
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            lost(ws, "the server closed the connection (" + code + (reason.isBlank() ? "" : " " + reason) + ")");
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            lost(ws, why(error));
        }
    }

    @SuppressWarnings("unchecked")
    private void received(WebSocket ws, String text) {
        Map<String, Object> message;
        try {
            message = (Map<String, Object>) Json.read(text);
        } catch (RuntimeException e) {
            return; // not a JSON object: nothing a Scope server sends
        }
        Object type = message.get("type");
        if ("ready".equals(type)) {
            RelayStatus now;
            synchronized (this) {
                if (status.state() == RelayStatus.State.CLOSED) {
                    ws.abort();
                    return;
                }
                socket = ws;
                retryMillis = FIRST_RETRY_MILLIS;
                Map<String, Object> caps = message.get("capabilities") instanceof Map<?, ?> m
                        ? (Map<String, Object>) m : Map.of();
                now = new RelayStatus(RelayStatus.State.CONNECTED, url, String.valueOf(message.get("connection_id")),
                        caps, null, null, clock.instant(), status.connects() + 1);
                status = now;
            }
            first.complete(now);
            tell(now);
            return;
        }
        Object id = message.get("request_id");
        if (("api_response".equals(type) || "parameters_ack".equals(type) || "error".equals(type)) && id != null) {
            CompletableFuture<RelayAnswer> f = pending.remove(String.valueOf(id));
            if (f != null) {
                f.complete(answer(message));
            }
            return;
        }
        for (Consumer<Map<String, Object>> l : eventListeners) {
            try {
                l.accept(message);
            } catch (RuntimeException e) {
                System.getLogger(RelayClient.class.getName()).log(System.Logger.Level.WARNING,
                        "a relay event listener failed on " + type, e);
            }
        }
    }

    private static RelayAnswer answer(Map<String, Object> message) {
        Object type = message.get("type");
        if ("error".equals(type)) {
            return new RelayAnswer("too_many_requests".equals(message.get("code")) ? 429 : 400, null,
                    "the server refused the message (" + message.get("code") + "): " + message.get("error"));
        }
        int status = message.get("status") instanceof Integer s ? s : 200;
        if ("parameters_ack".equals(type)) {
            return Boolean.FALSE.equals(message.get("success"))
                    ? new RelayAnswer(status == 200 ? 422 : status, null, String.valueOf(message.get("error")))
                    : new RelayAnswer(200, message, null);
        }
        return message.containsKey("error") ? new RelayAnswer(status, null, String.valueOf(message.get("error")))
                : new RelayAnswer(status, message.get("data"), null);
    }

    /**
     * Sends an {@code api} message: a request to one of the server's endpoints.
     *
     * @param method {@code GET}, {@code POST}, {@code DELETE}
     * @param path the endpoint's path, with a query if any
     * @param body a JSON value for the body (a map), or {@code null}
     * @return completes with the answer; exceptionally with a {@link RelayException} when the
     *         connection is not there or drops first
     */
    public CompletableFuture<RelayAnswer> api(String method, String path, Object body) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", "api");
        message.put("method", method);
        message.put("path", path);
        if (body != null) {
            message.put("body", body);
        }
        return send(message);
    }

    /**
     * Sends a {@code parameters} message: values of the running session's stages.
     *
     * @param change {@code {parameters: {...}, stage? | pipeline_id?, bypass?}}
     * @return completes with the {@code parameters_ack} (an answer with {@code ok()} false when
     *         the server refused the values)
     */
    public CompletableFuture<RelayAnswer> parameters(Map<String, Object> change) {
        Map<String, Object> message = new LinkedHashMap<>(change);
        message.put("type", "parameters");
        return send(message);
    }

    private CompletableFuture<RelayAnswer> send(Map<String, Object> message) {
        WebSocket ws;
        synchronized (this) {
            ws = socket;
        }
        if (ws == null) {
            return CompletableFuture.failedFuture(new RelayException(503, "not connected to " + url
                    + (status().error() == null ? "" : " (" + status().error() + ")")));
        }
        String id = "r" + ids.incrementAndGet();
        message.put("request_id", id);
        CompletableFuture<RelayAnswer> answer = new CompletableFuture<>();
        pending.put(id, answer);
        String text = Json.write(message);
        synchronized (ws) { // one text message at a time on a JDK WebSocket
            try {
                ws.sendText(text, true).get(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.remove(id);
                answer.completeExceptionally(new RelayException(503, "interrupted while sending to " + url));
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                pending.remove(id);
                answer.completeExceptionally(new RelayException(502, "could not send to " + url + ": " + why(e)));
            }
        }
        return answer;
    }

    /** Closes the connection; no retry follows, and what waits fails. Idempotent. */
    @Override
    public void close() {
        WebSocket ws;
        RelayStatus now;
        synchronized (this) {
            if (status.state() == RelayStatus.State.CLOSED) {
                return;
            }
            ws = socket;
            socket = null;
            now = new RelayStatus(RelayStatus.State.CLOSED, url, null, status.capabilities(), null, null, null,
                    status.connects());
            status = now;
        }
        if (ws != null) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").whenComplete((w, e) -> ws.abort());
        }
        failPending(new RelayException(503, "the connection to " + url + " was closed"));
        first.completeExceptionally(new RelayException(503, "closed before it connected"));
        tell(now);
    }
}
