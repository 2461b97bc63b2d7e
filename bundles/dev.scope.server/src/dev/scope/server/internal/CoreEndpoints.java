package dev.scope.server.internal;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.scope.engine.api.DeviceInfo;
import dev.scope.engine.api.Engine;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.schema.Json;

/** {@code GET /health}, {@code GET /api/v1/pipelines/schemas} and {@code GET /api/v1/hardware/info}. */
final class CoreEndpoints {

    /** What {@code GET /health} says of the server. */
    record ServerInfo(String version, String gitCommit, Instant started, Clock clock) {
    }

    private final PipelineRegistry registry;
    private final Engine engine;
    private final ServerInfo info;
    private final Supplier<Map<String, Object>> capabilities;

    /** @param capabilities what {@code /health} says the server offers, asked at each request */
    CoreEndpoints(PipelineRegistry registry, Engine engine, ServerInfo info,
            Supplier<Map<String, Object>> capabilities) {
        this.registry = registry;
        this.engine = engine;
        this.info = info;
        this.capabilities = capabilities;
    }

    void addTo(Routes routes) {
        routes.add(new Route("GET", "/health", "whether the server is up, its version and when it started",
                Map.of(200, "healthy, and its capabilities"), false, r -> health()));
        routes.add(new Route("GET", "/api/v1/pipelines/schemas",
                "every pipeline's schema (get_schema_with_metadata() and plugin_name), as ./scope schemas prints it",
                Map.of(200, "the schemas by pipeline id"), false, r -> schemas()));
        routes.add(new Route("GET", "/api/v1/hardware/info", "the OpenCL device the engine places stages on, and its memory",
                Map.of(200, "vram_gb and the device, null without one"), false, r -> hardware()));
    }

    private ApiReply health() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "healthy");
        body.put("timestamp", Instant.now(info.clock()).toString());
        body.put("server_start_time", info.started().toString());
        body.put("version", info.version());
        body.put("git_commit", info.gitCommit());
        body.put("capabilities", capabilities.get());
        return ApiReply.json(200, body);
    }

    /** The schemas' text as of one generation of the registry. */
    private record Schemas(long generation, byte[] bytes) {
    }

    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();
    private volatile Schemas schemas;

    /** The registry changed: the next {@code GET /api/v1/pipelines/schemas} writes them anew. */
    void pipelinesChanged() {
        generation.incrementAndGet();
    }

    /**
     * Byte for byte what {@code ./scope schemas} prints: the same tree, writer and final line end.
     * Written once per change of the registry (40 KB of JSON is most of a request's cost), and
     * anew when the registry changed while it was being written.
     */
    private ApiReply schemas() {
        long g = generation.get();
        Schemas s = schemas;
        if (s == null || s.generation() != g) {
            s = new Schemas(g, (Json.writePretty(registry.schemas()) + "\n").getBytes(StandardCharsets.UTF_8));
            schemas = s;
        }
        return new ApiReply(200, ApiReply.JSON, s.bytes(), Map.of());
    }

    private ApiReply hardware() {
        Map<String, Object> body = new LinkedHashMap<>();
        DeviceInfo device = engine.device().orElse(null);
        body.put("vram_gb", device == null ? null : device.memoryGb());
        if (device == null) {
            body.put("opencl_device", null);
        } else {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("name", device.name());
            d.put("path", device.path());
            d.put("memory_bytes", device.memoryBytes());
            body.put("opencl_device", d);
        }
        return ApiReply.json(200, body);
    }
}
