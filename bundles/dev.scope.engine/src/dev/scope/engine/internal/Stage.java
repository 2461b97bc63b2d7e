package dev.scope.engine.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.scope.engine.api.StageMetrics;
import dev.scope.engine.api.StageStatus;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Params;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.Requirements;
import dev.scope.schema.ConfigModel;

/**
 * One loaded pipeline instance in a chain: its pending input, its parameter snapshot, and the
 * guard through which all plugin code is called. {@link #step} runs on the thread that drives
 * the chain; the methods that queue changes ({@link #update}, {@link #swap}, {@link #bypass},
 * {@link #reset}) may be called from any thread and take effect at the next step.
 */
final class Stage {

    private static final System.Logger LOG = System.getLogger(Stage.class.getName());

    /**
     * What one step of a stage produced: frames and values for later stages, and the frames the
     * stage is done with (inputs called on or skipped, outputs of a flush's padding), which the
     * chain may release.
     */
    record Result(List<Frame> frames, Map<String, Object> forwarded, List<Frame> consumed) {
        Result(List<Frame> frames, Map<String, Object> forwarded) {
            this(frames, forwarded, List.of());
        }
    }

    private final int index;
    private final String role;
    private final String pipelineId;
    private final String origin;
    private final ConfigModel model;
    private final boolean videoMode;
    private final Device device;
    private final List<Frame> pending = new ArrayList<>();
    private final AtomicReference<Map<String, Object>> updates = new AtomicReference<>(Map.of());
    private final AtomicReference<Pipeline> replacement = new AtomicReference<>();
    private final CallTimes times = new CallTimes(512);
    private Pipeline pipeline;
    private Params params;
    private boolean initCache = true;
    private volatile boolean resetRequested;
    private volatile boolean bypassed;
    private volatile StageStatus.State state = StageStatus.State.OK;
    private volatile String reason;
    private volatile long calls;
    private volatile long framesOut;
    private volatile long skipped;
    private volatile String path = "java";
    /** The input size the last {@code prepare} asked for; 0 for none (idle, text mode). */
    private int lastRequest;

    Stage(int index, String role, String pipelineId, String origin, ConfigModel model, Pipeline pipeline,
            Params params, boolean videoMode, Device device) {
        this.index = index;
        this.role = role;
        this.pipelineId = pipelineId;
        this.origin = origin;
        this.model = model;
        this.pipeline = pipeline;
        this.params = params;
        this.videoMode = videoMode;
        this.device = device;
    }

    ConfigModel model() {
        return model;
    }

    String pipelineId() {
        return pipelineId;
    }

    /** The parameter values as the stage will see them at its next call, pending updates included. */
    Map<String, Object> currentValues() {
        Map<String, Object> values = new LinkedHashMap<>(params.asMap());
        values.putAll(updates.get());
        return values;
    }

    /** Queues validated runtime values for the next frame boundary. */
    void update(Map<String, Object> values) {
        updates.getAndUpdate(old -> {
            Map<String, Object> merged = new LinkedHashMap<>(old);
            merged.putAll(values);
            return merged;
        });
    }

    /** Queues a new instance (built with new load parameters) to replace the current one. */
    void swap(Pipeline next) {
        Pipeline previous = replacement.getAndSet(next);
        if (previous != null) {
            closeQuietly(previous);
        }
    }

    void bypass(boolean on) {
        bypassed = on;
    }

    void reset() {
        resetRequested = true;
    }

    /**
     * Runs the stage on newly arrived frames.
     *
     * @param input frames that arrived (empty in text mode)
     * @param forwarded extra outputs of earlier stages
     */
    Result step(List<Frame> input, Map<String, Object> forwarded) {
        applyPendingChanges();
        if (state == StageStatus.State.FAILED || bypassed) {
            return new Result(input, forwarded);
        }
        pending.addAll(input);
        return call(input, forwarded, false);
    }

    /**
     * @return whether the stage holds another whole batch after a step: the chain then steps it
     *         again without new input
     */
    boolean hasBatch() {
        return state == StageStatus.State.OK && !bypassed && lastRequest > 0 && pending.size() >= lastRequest;
    }

    /**
     * Ends the stream for this stage: when it holds fewer frames than it asks for, calls it once
     * on them, padded with the last one, and keeps the outputs that belong to the frames it held
     * (the others are among the frames it is done with). A bypassed stage passes them on.
     *
     * @param forwarded extra outputs of earlier stages
     */
    Result flush(Map<String, Object> forwarded) {
        applyPendingChanges();
        if (pending.isEmpty()) {
            return new Result(List.of(), forwarded);
        }
        if (state == StageStatus.State.FAILED || bypassed) {
            List<Frame> held = List.copyOf(pending);
            pending.clear();
            return new Result(held, forwarded);
        }
        return call(List.copyOf(pending), forwarded, true);
    }

    /**
     * Calls the pipeline when the frames it collected make a batch, or on a flush when it holds
     * any. {@code input} is what goes on unchanged should the stage fail in {@code prepare}.
     */
    private Result call(List<Frame> input, Map<String, Object> forwarded, boolean flush) {
        Params snapshot = params.withAll(forwarded).with("init_cache", initCache);
        List<Frame> batch;
        List<Frame> consumed = List.of();
        int held;
        try {
            Requirements req = pipeline.prepare(videoMode ? snapshot.with("video", true) : snapshot);
            lastRequest = req == null ? 0 : req.inputSize();
            if (req == null) {
                if (flush) {
                    return new Result(List.of(), forwarded); // idle: what it holds goes at close
                }
                batch = List.of();
            } else if (!videoMode) {
                throw new IllegalStateException("asks for " + req.inputSize()
                        + " input frames, but the chain runs in text mode (no input)");
            } else if (pending.size() < req.inputSize() && !flush) {
                return new Result(List.of(), forwarded);
            } else if (pending.size() < req.inputSize()) {
                batch = padded(pending, req.inputSize());
                consumed = List.copyOf(pending);
                pending.clear();
            } else if (index == 0) {
                // the chain's first stage samples what was pushed in, uniformly, and skips the rest
                // (Scope's catch-up with real time); later stages take every frame an earlier stage
                // made, in order, a batch a call (an interpolator's doubled frames are all wanted)
                batch = sample(pending, req.inputSize());
                skipped += pending.size() - batch.size();
                consumed = List.copyOf(pending);
                pending.clear();
            } else {
                batch = List.copyOf(pending.subList(0, req.inputSize()));
                consumed = batch;
                pending.subList(0, req.inputSize()).clear();
            }
            held = Math.min(consumed.size(), batch.size());
        } catch (Exception | LinkageError e) {
            return fail("prepare() failed: " + FailureText.of(e).plain(), input, forwarded, e);
        }
        try {
            long start = System.nanoTime();
            Output out = pipeline.call(batch.stream().map(ReadOnlyFrame::of).toList(), snapshot);
            boolean onDevice = out != null && !out.isEmpty() && out.video().get(0).residency() == Frame.Residency.DEVICE;
            if (onDevice) {
                device.finish(); // device work is asynchronous: the stage's time includes its kernels
            }
            times.add(System.nanoTime() - start);
            calls++;
            initCache = false;
            if (out == null || out.isEmpty()) {
                return new Result(List.of(), merge(forwarded, out), consumed);
            }
            List<Frame> frames = out.video();
            checkShape(frames);
            path = onDevice ? device.path() : "java";
            if (held < batch.size()) {
                // the outputs of the padding go with the frames the stage is done with
                int keep = (int) Math.ceilDiv((long) frames.size() * held, batch.size());
                List<Frame> done = new ArrayList<>(consumed);
                done.addAll(frames.subList(keep, frames.size()));
                frames = List.copyOf(frames.subList(0, keep));
                consumed = done;
            }
            framesOut += frames.size();
            return new Result(frames, merge(forwarded, out), consumed);
        } catch (Exception | LinkageError e) {
            // a padded batch goes on as the frames it was made of, each once
            List<Frame> passOn = held < batch.size() ? consumed : batch;
            Result failed = fail(FailureText.of(e).plain(), passOn, forwarded, e);
            List<Frame> skippedFrames = new ArrayList<>(consumed);
            skippedFrames.removeAll(passOn);
            return new Result(failed.frames(), failed.forwarded(), skippedFrames);
        }
    }

    private void applyPendingChanges() {
        Map<String, Object> pendingUpdates = updates.getAndSet(Map.of());
        if (!pendingUpdates.isEmpty()) {
            params = params.withAll(pendingUpdates);
        }
        Pipeline next = replacement.getAndSet(null);
        if (next != null) {
            closeQuietly(pipeline);
            pipeline = next;
            initCache = true;
            dropPending();
            if (state == StageStatus.State.FAILED) {
                state = StageStatus.State.OK; // a fresh instance gets a fresh chance
                reason = null;
            }
        }
        if (resetRequested) {
            resetRequested = false;
            initCache = true;
            dropPending();
        }
    }

    private static void checkShape(List<Frame> frames) {
        Frame first = frames.get(0);
        if (first != null && (first.width() > Frame.MAX_SIDE || first.height() > Frame.MAX_SIDE)) {
            throw new IllegalStateException("returned a frame of " + first.width() + "x" + first.height()
                    + ", past the frame size limit of " + Frame.MAX_SIDE + " pixels on each side");
        }
        for (Frame f : frames) {
            if (f == null) {
                throw new IllegalStateException("returned a null frame");
            }
            if (f.width() != first.width() || f.height() != first.height()) {
                throw new IllegalStateException("returned frames of different sizes: " + first.width() + "x"
                        + first.height() + " and " + f.width() + "x" + f.height());
            }
            if (f.residency() == Frame.Residency.HOST
                    && f.pixels().remaining() != f.width() * f.height() * Frame.BYTES_PER_PIXEL) {
                throw new IllegalStateException("returned a frame whose pixel buffer does not match "
                        + f.width() + "x" + f.height() + " RGBA8");
            }
        }
    }

    private static Map<String, Object> merge(Map<String, Object> forwarded, Output out) {
        if (out == null || out.extras().isEmpty()) {
            return forwarded;
        }
        Map<String, Object> merged = new LinkedHashMap<>(forwarded);
        merged.putAll(out.extras());
        return merged;
    }

    private Result fail(String why, List<Frame> passOn, Map<String, Object> forwarded, Throwable e) {
        state = StageStatus.State.FAILED;
        reason = why;
        // front ends show it from the stage's status (state and reason); the log keeps the trace
        LOG.log(Level.INFO, "stage " + index + " (" + pipelineId + ", " + origin + ") failed and is bypassed: "
                + why, e);
        List<Frame> dropped = new ArrayList<>(pending);
        dropped.removeAll(passOn);
        pending.clear();
        return new Result(passOn, forwarded, dropped);
    }

    /** Frames collected but never used, to be released by the owner of the stage. */
    private final List<Frame> abandoned = new ArrayList<>();

    private void dropPending() {
        abandoned.addAll(pending);
        pending.clear();
    }

    /** @return and forget the frames dropped by a reset or a reload */
    List<Frame> takeAbandoned() {
        List<Frame> frames = List.copyOf(abandoned);
        abandoned.clear();
        return frames;
    }

    /** @return and forget the frames still collected, at close */
    List<Frame> takePending() {
        List<Frame> frames = List.copyOf(pending);
        pending.clear();
        return frames;
    }

    /** @return the frames, then the last one repeated up to {@code n} */
    static List<Frame> padded(List<Frame> frames, int n) {
        List<Frame> batch = new ArrayList<>(frames);
        while (batch.size() < n) {
            batch.add(frames.get(frames.size() - 1));
        }
        return batch;
    }

    /**
     * Picks {@code n} frames spread evenly over the pending ones, always including the newest, so
     * a slow stage sees the latest input and skips the excess.
     */
    static List<Frame> sample(List<Frame> frames, int n) {
        int m = frames.size();
        if (m == n) {
            return List.copyOf(frames);
        }
        List<Frame> picked = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int at = n == 1 ? m - 1 : (int) Math.round((double) i * (m - 1) / (n - 1));
            picked.add(frames.get(at));
        }
        return picked;
    }

    /** Closes the instance (and a queued replacement) through the guard. */
    void close() {
        Pipeline next = replacement.getAndSet(null);
        if (next != null) {
            closeQuietly(next);
        }
        closeQuietly(pipeline);
    }

    private void closeQuietly(Pipeline p) {
        try {
            p.close();
        } catch (Exception | LinkageError e) {
            LOG.log(Level.WARNING, "closing stage " + index + " (" + pipelineId + ") failed", e);
        }
    }

    StageStatus status() {
        StageStatus.State shown = state == StageStatus.State.OK && bypassed ? StageStatus.State.BYPASSED : state;
        return new StageStatus(index, pipelineId, role, shown, reason, calls, framesOut);
    }

    StageMetrics metrics() {
        return new StageMetrics(index, pipelineId, calls, framesOut, skipped, times.percentileMillis(50),
                times.percentileMillis(99), path);
    }
}
