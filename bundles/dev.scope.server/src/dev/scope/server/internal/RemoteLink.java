package dev.scope.server.internal;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import dev.scope.schema.Json;
import dev.scope.server.client.RelayAnswer;
import dev.scope.server.client.RelayClient;
import dev.scope.server.client.RelayException;
import dev.scope.server.client.RelayStatus;

/**
 * Dual mode's side of the relay (Scope's {@code @cloud_proxy}): a {@link RelayClient} to a remote
 * server's {@code /ws}, over which {@link #forward} sends a request as an {@code api} message and
 * returns the remote's {@code api_response} as a reply, so that the local endpoints answer what the
 * remote would. The client connects on {@link #start} and, whenever the connection is lost, tries
 * again after 1, 2, 4 ... up to 30 seconds; meanwhile {@link #connected()} is false and the server
 * answers locally. The remote's events ({@code stream_started}, ...) go to {@code events}, their
 * channel URLs made absolute (they name the remote). Thread-safe.
 */
final class RemoteLink implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RemoteLink.class.getName());

    private final URI url;
    private final RelayClient client;
    private final Consumer<Map<String, Object>> events;
    private final Duration timeout;
    private final Clock clock;
    /** Whether the terminal was told the remote is not connected (and so will be told when it is again). */
    private boolean saidLost; // guarded by this

    /**
     * @param url the remote's relay, {@code ws://host:port/ws} or {@code wss://...}
     * @param token the remote's bearer token, or null
     * @param timeout how long a forwarded request may wait for its answer (then 504)
     */
    RemoteLink(URI url, String token, HttpClient http, ScheduledExecutorService scheduler,
            Consumer<Map<String, Object>> events, Duration timeout, Clock clock) {
        this.url = url;
        this.events = events;
        this.timeout = timeout;
        this.clock = clock;
        this.client = new RelayClient(url, token, http, scheduler, clock);
        client.addStatusListener(this::changed);
        client.addEventListener(m -> {
            if (m.get("type") instanceof String type && type.startsWith("stream_")) {
                events.accept(absolute(m));
            }
        });
    }

    /** Connects in the background. */
    void start() {
        client.connect();
    }

    /** Says on the terminal once per loss (or failing first try) and once when it is back; the retries only in the debug log. */
    private void changed(RelayStatus s) {
        if (s.state() == RelayStatus.State.CONNECTED) {
            boolean again;
            synchronized (this) {
                again = saidLost;
                saidLost = false;
            }
            LOG.log(again ? System.Logger.Level.WARNING : System.Logger.Level.INFO, (again ? "connected again to the"
                    + " remote " : "connected to the remote ") + url + ": /api/v1/ requests go there");
        } else if (s.state() == RelayStatus.State.RECONNECTING) {
            boolean tell;
            synchronized (this) {
                tell = !saidLost;
                saidLost = true;
            }
            long retry = Math.max(1, Duration.between(clock.instant(), s.retryAt()).toSeconds());
            LOG.log(tell ? System.Logger.Level.WARNING : System.Logger.Level.DEBUG, "the remote " + url + " is not"
                    + " connected (" + s.error() + "); this server answers by itself meanwhile and tries again in "
                    + retry + " s");
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
    boolean connected() {
        return client.status().connected();
    }

    /** @return {@code {url, connected, connection_id, since, connects, last_error}} for /health */
    Map<String, Object> status() {
        RelayStatus s = client.status();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url.toString());
        m.put("connected", s.connected());
        m.put("connection_id", s.connectionId());
        m.put("since", s.since() == null ? null : s.since().toString());
        m.put("connects", s.connects());
        m.put("last_error", s.error());
        return m;
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
        if (!connected()) {
            throw new ApiException(502, "the remote server " + url + " is not connected");
        }
        Object body = null;
        if (request.body().length > 0) {
            try {
                body = Json.read(new String(request.body(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "the body is not valid JSON: " + e.getMessage());
            }
        }
        RelayAnswer answer;
        try {
            answer = client.api(request.method(), request.path() + query(request.query()), body)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new ApiException(504, "the remote server " + url + " did not answer " + request.method() + " "
                    + request.path() + " within " + timeout.toSeconds() + " s");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RelayException r) {
                throw new ApiException(502, r.getMessage());
            }
            throw new ApiException(502, "the remote server " + url + " could not be asked: " + RelayClient.why(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "the server is stopping");
        }
        if (answer.error() != null) {
            return ApiReply.error(answer.status(), answer.error());
        }
        byte[] bytes = answer.bytes();
        if (bytes != null) {
            return new ApiReply(answer.status(), String.valueOf(((Map<?, ?>) answer.data()).get("_content_type")),
                    bytes, Map.of());
        }
        return ApiReply.json(answer.status(), answer.data());
    }

    private static String query(Map<String, List<String>> query) {
        StringBuilder q = new StringBuilder();
        query.forEach((name, values) -> values.forEach(v -> q.append(q.isEmpty() ? '?' : '&')
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return q.toString();
    }

    /** Closes the connection; no retry follows. */
    @Override
    public void close() {
        client.close();
    }
}
