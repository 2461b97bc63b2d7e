package dev.scope.server.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.scope.engine.api.Chain;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.Engine;

/**
 * Scope's loaded pipeline, one per server: {@code POST /api/v1/pipeline/load} asks for a chain and
 * returns at once; it loads on this loader's thread, and the newest request wins (an older one
 * still loading is closed when it finishes). The loaded chain is what later sessions will stream
 * through. Thread-safe.
 */
final class PipelineLoader implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PipelineLoader.class.getName());

    /** One state of the loaded pipeline, immutable. */
    private record State(long generation, String status, List<String> pipelineIds, String mainId,
            Map<String, Object> loadParams, String error, ChainSpec spec) {
    }

    private final Engine engine;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "scope-server-pipeline-load");
        t.setDaemon(true);
        return t;
    });
    private State state = new State(0, "not_loaded", List.of(), null, null, null, null);
    private Chain chain;
    private boolean closed;

    PipelineLoader(Engine engine) {
        this.engine = engine;
    }

    /** Queues the load of a chain; its status is {@code loading} until it is loaded or failed. */
    synchronized void load(ChainSpec spec, List<String> pipelineIds) {
        if (closed) {
            throw new IllegalStateException("the server is stopping");
        }
        long generation = state.generation() + 1;
        state = new State(generation, "loading", List.copyOf(pipelineIds), spec.main().pipelineId(),
                spec.main().params(), null, spec);
        thread.execute(() -> open(generation, spec));
    }

    private void open(long generation, ChainSpec spec) {
        Chain opened;
        try {
            opened = engine.open(spec);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, "loading " + spec + " failed", e);
            finish(generation, null, e.getMessage() == null ? "loading failed unexpectedly" : e.getMessage());
            return;
        }
        finish(generation, opened, null);
    }

    private void finish(long generation, Chain opened, String error) {
        Chain old = null;
        synchronized (this) {
            if (generation != state.generation() || closed) {
                old = opened; // a newer request or close() came first
            } else {
                old = opened == null ? null : chain;
                chain = opened == null ? chain : opened;
                State s = state;
                state = new State(generation, error == null ? "loaded" : "error", s.pipelineIds(), s.mainId(),
                        s.loadParams(), error, s.spec());
            }
        }
        if (old != null) {
            old.close();
        }
    }

    /**
     * The registry changed: when a pipeline of the loaded chain is gone (its plugin uninstalled,
     * disabled or stopped), the loaded chain is closed and the status says so; loading again is
     * the way back.
     *
     * @param available whether a pipeline id is in the registry now
     */
    void pipelinesChanged(java.util.function.Predicate<String> available) {
        Chain old;
        synchronized (this) {
            State s = state;
            if (!s.status().equals("loaded")) {
                return;
            }
            List<String> gone = s.pipelineIds().stream().filter(id -> !available.test(id)).toList();
            if (gone.isEmpty()) {
                return;
            }
            state = new State(s.generation() + 1, "error", s.pipelineIds(), s.mainId(), s.loadParams(),
                    "pipeline " + String.join(", ", gone) + (gone.size() == 1 ? " is" : " are") + " no longer"
                            + " installed (its plugin was uninstalled, disabled or stopped); load again"
                            + " (POST /api/v1/pipeline/load)", s.spec());
            old = chain;
            chain = null;
        }
        if (old != null) {
            old.close();
        }
    }

    /** @return the chain that is loaded, which a session started without a pipeline streams */
    synchronized Optional<ChainSpec> loaded() {
        return state.status().equals("loaded") ? Optional.of(state.spec()) : Optional.empty();
    }

    /** @return Scope's {@code GET /api/v1/pipeline/status} body, plus {@code pipeline_ids} */
    synchronized Map<String, Object> status() {
        State s = state;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", s.status());
        body.put("pipeline_id", s.mainId());
        body.put("load_params", s.loadParams());
        body.put("error", s.error());
        body.put("loading_stage", s.status().equals("loading") ? "loading " + String.join(", ", s.pipelineIds()) : null);
        body.put("produces_video", s.status().equals("loaded"));
        body.put("produces_audio", false);
        body.put("pipeline_ids", s.pipelineIds());
        return body;
    }

    /** Stops the loader's thread and closes the loaded chain. */
    @Override
    public void close() {
        Chain old;
        synchronized (this) {
            closed = true;
            old = chain;
            chain = null;
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (old != null) {
            old.close();
        }
    }
}
