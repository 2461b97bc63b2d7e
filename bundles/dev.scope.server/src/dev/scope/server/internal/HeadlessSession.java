package dev.scope.server.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.Session;
import dev.scope.engine.api.SessionMetrics;
import dev.scope.engine.api.StageMetrics;
import dev.scope.engine.api.StageSpec;
import dev.scope.engine.api.StageStatus;
import dev.scope.engine.api.TimedFrame;
import dev.scope.media.PreviewTap;

/**
 * One headless session of the server: the engine's session streaming a chain in real time, the
 * preview tap that keeps its latest output frame, and the parameter values the API gave each
 * stage (at the start and since). Thread-safe.
 */
final class HeadlessSession implements AutoCloseable {

    private final String id;
    private final Session session;
    private final PreviewTap tap;
    private final PreviewFanout preview;
    private final ChainSpec spec;
    private final String input;
    private final Instant started;
    private volatile boolean stopped;
    private FrameSink recording; // guarded by this
    private java.nio.file.Path recordingFile; // guarded by this
    /** By stage index: the values given at the start, then every change the API made. */
    private final List<Map<String, Object>> values = new ArrayList<>();
    /** By stage index: whether the API asked for it to be bypassed. */
    private final List<Boolean> bypass = new ArrayList<>();

    /**
     * @param session the running session, owned from now on
     * @param tap the session's latest-frame sink (the session closes it)
     * @param preview the session's remote-preview sink (the session closes it)
     * @param input the input as the session's source describes it, or {@code null} in text mode
     */
    HeadlessSession(String id, Session session, PreviewTap tap, PreviewFanout preview, ChainSpec spec, String input,
            Instant started) {
        this.id = id;
        this.session = session;
        this.tap = tap;
        this.preview = preview;
        this.spec = spec;
        this.input = input;
        this.started = started;
        for (StageSpec s : spec.stages()) {
            values.add(new LinkedHashMap<>(s.params()));
            bypass.add(false);
        }
    }

    String id() {
        return id;
    }

    /**
     * @return {@code running}, {@code stopped} (by the API), {@code ended} (its source ended) or
     *         {@code failed} (its source failed)
     */
    String state() {
        if (stopped) {
            return "stopped";
        }
        if (!session.isDone()) {
            return "running";
        }
        return session.error().isPresent() ? "failed" : "ended";
    }

    PreviewFanout preview() {
        return preview;
    }

    /**
     * Starts writing the output to a recording, beside the preview.
     *
     * @param sink the recording's sink, owned by the session from now on
     * @throws ApiException 409 when it records already or has ended
     */
    synchronized void record(FrameSink sink, java.nio.file.Path file) throws java.io.IOException {
        if (recording != null) {
            sink.close();
            throw new ApiException(409, "session " + id + " is recording already (to " + recordingFile.getFileName()
                    + "); stop it first");
        }
        try {
            session.addSink(sink);
        } catch (IllegalStateException e) {
            sink.close();
            throw new ApiException(409, "session " + id + " has " + state() + "; start a new one to record");
        }
        recording = sink;
        recordingFile = file;
    }

    /**
     * Stops the recording: the sink is closed (the MP4's trailer written) before this returns.
     *
     * @return the recording's file
     * @throws ApiException 404 when it does not record
     */
    synchronized java.nio.file.Path stopRecording() {
        if (recording == null) {
            throw new ApiException(404, "session " + id + " is not recording; POST /api/v1/recordings/" + id
                    + "/start starts it");
        }
        session.removeSink(recording);
        java.nio.file.Path file = recordingFile;
        recording = null;
        recordingFile = null;
        return file;
    }

    /** @return whether the session is writing that file now */
    synchronized boolean recordingTo(java.nio.file.Path file) {
        return recording != null && !session.isDone() && file.equals(recordingFile);
    }

    /** @return the latest output frame, owned by the caller, who releases it; empty before the first */
    Optional<TimedFrame> latest() {
        return tap.latest();
    }

    /**
     * Changes parameters of one stage at its next frame (a load parameter rebuilds its instance).
     *
     * @return every value the API gave the stage so far, these included
     * @throws IllegalArgumentException for a value the stage's schema refuses, naming it
     * @throws IllegalStateException when the session has ended
     */
    synchronized Map<String, Object> setParams(int stage, Map<String, Object> changes) {
        if (session.isDone()) {
            throw new ApiException(409, "session " + id + " has " + state() + "; start a new one");
        }
        if (!changes.isEmpty()) {
            session.setParams(stage, changes);
            values.get(stage).putAll(changes);
        }
        return new LinkedHashMap<>(values.get(stage));
    }

    /**
     * Bypasses one stage (its frames pass through unchanged) or ends that, at its next frame.
     *
     * @throws ApiException 409 when the session has ended
     */
    synchronized void setBypass(int stage, boolean on) {
        if (session.isDone()) {
            throw new ApiException(409, "session " + id + " has " + state() + "; start a new one");
        }
        session.setBypass(stage, on);
        bypass.set(stage, on);
    }

    /** @return whether the API bypassed the stage */
    synchronized boolean bypassed(int stage) {
        return bypass.get(stage);
    }

    /** @return the index of the stage a parameter change addresses */
    int stageOf(Integer index, String pipelineId) {
        List<StageSpec> stages = spec.stages();
        if (index != null) {
            if (index < 0 || index >= stages.size()) {
                throw new ApiException(422, "'stage' " + index + " is not a stage of the session; expected 0 to "
                        + (stages.size() - 1));
            }
            return index;
        }
        if (pipelineId != null) {
            for (int i = 0; i < stages.size(); i++) {
                if (stages.get(i).pipelineId().equals(pipelineId)) {
                    return i;
                }
            }
            throw new ApiException(422, "'pipeline_id' " + pipelineId + " is not in the session's chain ("
                    + String.join(", ", pipelineIds()) + ")");
        }
        return spec.pre().size(); // the main pipeline
    }

    List<String> pipelineIds() {
        return spec.stages().stream().map(StageSpec::pipelineId).toList();
    }

    /** @return {@code GET /api/v1/session/parameters}: the main stage's values, and every stage's */
    synchronized Map<String, Object> parameters() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session_id", id);
        body.put("parameters", new LinkedHashMap<>(values.get(spec.pre().size())));
        List<Map<String, Object>> stages = new ArrayList<>();
        List<StageSpec> specs = spec.stages();
        for (int i = 0; i < specs.size(); i++) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("stage", i);
            s.put("pipeline_id", specs.get(i).pipelineId());
            s.put("parameters", new LinkedHashMap<>(values.get(i)));
            s.put("bypass", bypass.get(i));
            stages.add(s);
        }
        body.put("stages", stages);
        return body;
    }

    /** @return the session's state, chain, input and stages */
    Map<String, Object> status() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session_id", id);
        body.put("status", state());
        body.put("error", session.error().orElse(null));
        body.put("input_mode", session.mode());
        body.put("input_source", input);
        body.put("pipeline_ids", pipelineIds());
        body.put("started_at", started.toString());
        List<Map<String, Object>> stages = new ArrayList<>();
        for (StageStatus s : session.stages()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("stage", s.index());
            m.put("pipeline_id", s.pipelineId());
            m.put("role", s.role());
            m.put("state", s.state().name().toLowerCase(java.util.Locale.ROOT));
            m.put("reason", s.reason());
            m.put("backend", s.backend());
            stages.add(m);
        }
        body.put("stages", stages);
        body.put("warnings", session.warnings());
        return body;
    }

    /** @return {@code GET /api/v1/session/metrics}, the engine's metrics in snake case */
    Map<String, Object> metrics() {
        SessionMetrics m = session.metrics();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("session_id", id);
        body.put("status", state());
        body.put("wall_seconds", finite(m.wallSeconds()));
        body.put("source_seconds", finite(m.sourceSeconds()));
        body.put("frames_in", m.framesIn());
        body.put("input_dropped", m.inputDropped());
        body.put("skipped", m.skipped());
        body.put("frames_out", m.framesOut());
        body.put("output_dropped", m.outputDropped());
        body.put("output_fps", finite(m.outputFps()));
        body.put("output_frame_rate", finite(m.outputFrameRate()));
        body.put("latency_p50_ms", finite(m.latencyP50Millis()));
        body.put("latency_p99_ms", finite(m.latencyP99Millis()));
        body.put("frames_in_use", m.framesInUse());
        body.put("pooled_bytes", m.pooledBytes());
        List<Map<String, Object>> stages = new ArrayList<>();
        for (StageMetrics s : m.stages()) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("stage", s.index());
            st.put("pipeline_id", s.pipelineId());
            st.put("calls", s.calls());
            st.put("frames_out", s.framesOut());
            st.put("skipped", s.skipped());
            st.put("p50_ms", finite(s.p50Millis()));
            st.put("p99_ms", finite(s.p99Millis()));
            st.put("device_p50_ms", finite(s.deviceP50Millis()));
            st.put("device_p99_ms", finite(s.deviceP99Millis()));
            st.put("path", s.path());
            stages.add(st);
        }
        body.put("stages", stages);
        body.put("preview_frames", preview.frames());
        body.put("preview_clients", preview.stats());
        return body;
    }

    /** @return the value, or null (JSON has no NaN) for a figure with no sample yet */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    /** Stops the session: its threads, chain, source and sinks (the tap included). */
    @Override
    public void close() {
        stopped = true;
        session.close();
    }
}
