package dev.scope.ui.chain.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.scope.engine.api.Chain;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.Engine;
import dev.scope.engine.api.SessionMetrics;
import dev.scope.engine.api.StageSpec;
import dev.scope.engine.api.StageStatus;
import dev.scope.ui.stream.FrameListener;
import dev.scope.ui.stream.SourceSpec;
import dev.scope.ui.stream.StreamController;
import dev.scope.ui.stream.StreamListener;
import dev.scope.ui.stream.StreamState;
import dev.scope.ui.stream.StreamStatus;

/**
 * A stream controller for the editor's tests that "streams" without a source: {@link #setChain}
 * opens the chain on the real engine (so unknown pipelines, wrong usage and failing loads are
 * refused by the engine, with its messages) and closes it again; {@link #stages} reports every stage
 * OK or BYPASSED unless the test marked one failed. The real controller cannot run here: its DS
 * component keeps its session in the PluginManager's home, which the test runtime cannot point at a
 * temporary folder.
 */
final class FakeStream implements StreamController {

    private final Engine engine;
    private final List<StreamListener> listeners = new CopyOnWriteArrayList<>();
    /** Every setBypass call, as "index=flag". */
    final List<String> bypassCalls = Collections.synchronizedList(new ArrayList<>());
    private ChainSpec chain;
    private List<Boolean> bypass;
    private int failedAt = -1;
    private String failedWhy;

    FakeStream(Engine engine, ChainSpec chain) {
        this.engine = engine;
        this.chain = chain;
        this.bypass = flags(chain);
    }

    private static List<Boolean> flags(ChainSpec chain) {
        return new ArrayList<>(Collections.nCopies(chain.stages().size(), false));
    }

    @Override
    public synchronized StreamState state() {
        return new StreamState(StreamStatus.STREAMING, SourceSpec.testPattern(64, 48, 30), chain, bypass, null, null);
    }

    @Override
    public void setChain(ChainSpec next) {
        try (Chain opened = engine.open(next)) {
            opened.mode(); // opened: every stage was loaded
        }
        synchronized (this) {
            chain = next;
            bypass = flags(next);
            failedAt = -1;
        }
        fire();
    }

    @Override
    public void setBypass(int stage, boolean on) {
        synchronized (this) {
            List<Boolean> next = new ArrayList<>(bypass);
            next.set(stage, on);
            bypass = next;
        }
        bypassCalls.add(stage + "=" + on);
        fire();
    }

    /** Marks a stage failed, as the engine does when it throws while streaming. */
    void fail(int stage, String why) {
        synchronized (this) {
            failedAt = stage;
            failedWhy = why;
        }
        fire();
    }

    @Override
    public synchronized List<StageStatus> stages() {
        List<StageStatus> out = new ArrayList<>();
        List<StageSpec> specs = chain.stages();
        int main = chain.pre().size();
        for (int i = 0; i < specs.size(); i++) {
            StageStatus.State s = i == failedAt ? StageStatus.State.FAILED
                    : bypass.get(i) ? StageStatus.State.BYPASSED : StageStatus.State.OK;
            out.add(new StageStatus(i, specs.get(i).pipelineId(), i < main ? "pre" : i == main ? "main" : "post", s,
                    i == failedAt ? failedWhy : null, 10, 10, "java"));
        }
        return out;
    }

    private void fire() {
        StreamState s = state();
        listeners.forEach(l -> l.stateChanged(s));
    }

    @Override
    public void addListener(StreamListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(StreamListener listener) {
        listeners.remove(listener);
    }

    /** @return how many listeners are registered */
    int listeners() {
        return listeners.size();
    }

    @Override
    public boolean wasStreaming() {
        return true;
    }

    @Override
    public void start() {
    }

    @Override
    public void stop() {
    }

    @Override
    public void pause() {
    }

    @Override
    public void resume() {
    }

    @Override
    public void setSource(SourceSpec source) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void setParams(int stage, Map<String, ?> values) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void startRecording(Path mp4) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Path> stopRecording() {
        return Optional.empty();
    }

    @Override
    public void snapshot(Path png) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<SessionMetrics> metrics() {
        return Optional.empty();
    }

    @Override
    public List<String> takeNotices() {
        return List.of();
    }

    @Override
    public void addFrameListener(FrameListener listener) {
    }

    @Override
    public void removeFrameListener(FrameListener listener) {
    }
}
