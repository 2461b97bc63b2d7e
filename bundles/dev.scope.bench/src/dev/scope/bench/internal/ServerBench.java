package dev.scope.bench.internal;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import javax.imageio.ImageIO;

import dev.scope.schema.Json;
import dev.scope.server.ApiServer;
import dev.scope.server.ServeOptions;
import dev.scope.server.Serving;

/**
 * The server under load, on loopback, through the JDK's HTTP and WebSocket clients: 200
 * concurrent clients alternating {@code GET /api/v1/pipelines/schemas} and
 * {@code POST /api/v1/session/parameters} against a streaming session for 10 s (p50/p99, errors);
 * the relay's {@code api} round trip (p50/p99 of sequential requests); and the remote preview of a
 * 1280x720@30 session (fps delivered, frames skipped, and the glass-to-glass latency: from the
 * moment the source's pacing presents a frame, session start + pts, until the client has decoded
 * its JPEG).
 */
final class ServerBench {

    static final String CASE = "server";
    private static final int CLIENTS = 200;

    private final ApiServer api;
    private final double seconds;

    /** @param seconds how long the load and the preview run (10 s unless --quick) */
    ServerBench(ApiServer api, double seconds) {
        this.api = api;
        this.seconds = seconds;
    }

    void run(Consumer<Map<String, Object>> emit) throws Exception {
        try (Serving serving = api.serve(ServeOptions.loopback(0))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String base = serving.uri().toString();
            Map<String, Object> started = post(http, base + "/api/v1/session/start",
                    "{\"pipeline_id\": \"color-grade\", \"input_source\": \"testsrc:1280x720@30\"}");
            @SuppressWarnings("unchecked")
            String startedAt = (String) ((Map<String, Object>) started.get("session")).get("started_at");
            String id = (String) ((Map<?, ?>) started.get("session")).get("session_id");
            emit.accept(load(http, base));
            emit.accept(relay(http, base));
            emit.accept(preview(http, base, id, Instant.parse(startedAt)));
            post(http, base + "/api/v1/session/stop", "");
        }
    }

    private static Map<String, Object> post(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("POST " + url + ": " + r.statusCode() + " " + r.body());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) Json.read(r.body());
        return tree;
    }

    private Map<String, Object> load(HttpClient http, String base) throws Exception {
        List<Long> schemas = Collections.synchronizedList(new ArrayList<>());
        List<Long> parameters = Collections.synchronizedList(new ArrayList<>());
        AtomicLong errors = new AtomicLong();
        Map<String, Long> errorKinds = new ConcurrentHashMap<>();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        HttpRequest getSchemas = HttpRequest.newBuilder(URI.create(base + "/api/v1/pipelines/schemas")).build();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.execute(() -> {
                    for (long i = client; System.nanoTime() < end; i++) {
                        boolean get = i % 2 == 0;
                        HttpRequest request = get ? getSchemas : HttpRequest.newBuilder(URI.create(base
                                + "/api/v1/session/parameters")).POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"brightness\": " + (i % 10) / 100.0 + "}")).build();
                        long t0 = System.nanoTime();
                        try {
                            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                            long dt = System.nanoTime() - t0;
                            if (r.statusCode() != 200) {
                                errors.incrementAndGet();
                                errorKinds.merge("HTTP " + r.statusCode(), 1L, Long::sum);
                            } else {
                                (get ? schemas : parameters).add(dt);
                            }
                        } catch (Exception e) {
                            errors.incrementAndGet();
                            errorKinds.merge(e.getClass().getSimpleName(), 1L, Long::sum);
                        }
                    }
                });
            }
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("case", CASE + " api");
        row.put("clients", CLIENTS);
        row.put("seconds", seconds);
        row.put("schemas_requests", schemas.size());
        row.put("schemas_p50_ms", percentile(schemas, 50));
        row.put("schemas_p99_ms", percentile(schemas, 99));
        row.put("parameters_requests", parameters.size());
        row.put("parameters_p50_ms", percentile(parameters, 50));
        row.put("parameters_p99_ms", percentile(parameters, 99));
        row.put("requests_per_second", round((schemas.size() + parameters.size()) / seconds));
        row.put("errors", errors.get());
        row.put("error_kinds", new LinkedHashMap<>(errorKinds));
        return row;
    }

    /** A WebSocket client that hands every text message to a queue. */
    private static final class Texts implements WebSocket.Listener {
        final java.util.concurrent.BlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                received.add(text.toString());
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }

        String next() throws InterruptedException {
            String m = received.poll(30, TimeUnit.SECONDS);
            if (m == null) {
                throw new IllegalStateException("the relay did not answer within 30 s");
            }
            return m;
        }
    }

    private static Map<String, Object> relay(HttpClient http, String base) throws Exception {
        Texts texts = new Texts();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(base.replace("http:", "ws:") + "/ws"), texts)
                .join();
        texts.next(); // ready
        List<Long> rtt = new ArrayList<>();
        int n = 2000;
        for (int i = 0; i < n + 200; i++) {
            long t0 = System.nanoTime();
            ws.sendText("{\"type\": \"api\", \"request_id\": " + i + ", \"method\": \"GET\", \"path\": \"/health\"}",
                    true).join();
            String answer;
            do {
                answer = texts.next();
            } while (!answer.contains("\"api_response\""));
            if (i >= 200) { // the first 200 warm the JIT
                rtt.add(System.nanoTime() - t0);
            }
        }
        ws.abort();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("case", CASE + " relay");
        row.put("requests", n);
        row.put("round_trip_p50_ms", percentile(rtt, 50));
        row.put("round_trip_p99_ms", percentile(rtt, 99));
        return row;
    }

    private Map<String, Object> preview(HttpClient http, String base, String id, Instant started) throws Exception {
        List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicLong frames = new AtomicLong();
        AtomicLong lastNumber = new AtomicLong(-1);
        AtomicLong gaps = new AtomicLong();
        long startedNanos = System.nanoTime() - java.time.Duration.between(started, Instant.now()).toNanos();
        CompletableFuture<Void> closed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private ByteBuffer binary = ByteBuffer.allocate(0);

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                ByteBuffer joined = ByteBuffer.allocate(binary.remaining() + data.remaining());
                joined.put(binary).put(data).flip();
                binary = joined;
                if (last) {
                    ByteBuffer m = binary;
                    binary = ByteBuffer.allocate(0);
                    long pts = m.getLong(4);
                    long number = Integer.toUnsignedLong(m.getInt(12));
                    byte[] jpeg = new byte[m.remaining() - 16];
                    m.position(16);
                    m.get(jpeg);
                    try {
                        ImageIO.read(new ByteArrayInputStream(jpeg));
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                    long decoded = System.nanoTime();
                    latencies.add((decoded - startedNanos - pts * 1000) / 1e6);
                    frames.incrementAndGet();
                    long last0 = lastNumber.getAndSet(number);
                    if (last0 >= 0 && number > last0 + 1) {
                        gaps.addAndGet(number - last0 - 1);
                    }
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                closed.complete(null);
                return null;
            }
        };
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(base.replace("http:", "ws:") + "/ws/preview/"
                + id), listener).join();
        long t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000)); // the bench measures wall time: it runs the stream that long
        double elapsed = (System.nanoTime() - t0) / 1e9;
        long got = frames.get();
        ws.abort();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("case", CASE + " preview");
        row.put("size", "1280x720@30");
        row.put("chain", "color-grade");
        row.put("jpeg_quality", 75);
        row.put("fps_delivered", round(got / elapsed));
        row.put("frames_delivered", got);
        row.put("frames_skipped", gaps.get());
        List<Long> nanos = latencies.stream().map(ms -> (long) (ms * 1e6)).toList();
        row.put("glass_to_glass_p50_ms", percentile(nanos, 50));
        row.put("glass_to_glass_p99_ms", percentile(nanos, 99));
        return row;
    }

    /** @return the percentile in milliseconds, rounded, or null (JSON has no NaN) without a sample */
    private static Double percentile(List<Long> nanos, int p) {
        Double millis = Percentiles.millis(nanos.stream().mapToLong(Long::longValue).toArray(), p);
        return millis == null ? null : round(millis);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** @return the table's line of a row of this case */
    static String line(Map<String, Object> r) {
        String c = String.valueOf(r.get("case"));
        if (c.endsWith("api")) {
            return String.format(Locale.ROOT, "server api, %s clients for %s s on loopback: schemas p50/p99 %s/%s ms"
                    + " (%s requests), session/parameters p50/p99 %s/%s ms (%s requests), %s requests/s, %s errors",
                    r.get("clients"), r.get("seconds"), r.get("schemas_p50_ms"), r.get("schemas_p99_ms"),
                    r.get("schemas_requests"), r.get("parameters_p50_ms"), r.get("parameters_p99_ms"),
                    r.get("parameters_requests"), r.get("requests_per_second"), r.get("errors"));
        }
        if (c.endsWith("relay")) {
            return String.format(Locale.ROOT, "server relay: api round trip p50/p99 %s/%s ms (%s sequential requests)",
                    r.get("round_trip_p50_ms"), r.get("round_trip_p99_ms"), r.get("requests"));
        }
        return String.format(Locale.ROOT, "server preview (%s, %s, JPEG q%s): %s fps delivered (%s frames, %s skipped),"
                + " glass-to-glass p50/p99 %s/%s ms", r.get("size"), r.get("chain"), r.get("jpeg_quality"),
                r.get("fps_delivered"), r.get("frames_delivered"), r.get("frames_skipped"),
                r.get("glass_to_glass_p50_ms"), r.get("glass_to_glass_p99_ms"));
    }
}
