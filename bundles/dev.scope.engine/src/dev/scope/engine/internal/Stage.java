package dev.scope.engine.internal;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import dev.scope.engine.api.StageMetrics;
import dev.scope.engine.api.StageStatus;
import dev.scope.frames.FloatFrames;
import dev.scope.frames.FrameAccess;
import dev.scope.frames.PlatformPixels;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuTimer;
import dev.scope.pipeline.api.Backend;
import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.FloatFrame;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PixelEffect;
import dev.scope.pipeline.api.PixelMap;
import dev.scope.pipeline.api.Requirements;
import dev.scope.schema.ConfigModel;

/**
 * One loaded pipeline instance in a chain: its pending frames ({@link Batcher}), its typed
 * parameters, where it runs ({@link Placement}), and the {@link Guard} through which all of its
 * plugin code is called. {@link #step} runs on the thread that drives the chain; the methods that
 * queue changes ({@link #update}, {@link #swap}, {@link #bypass}, {@link #reset}) may be called
 * from any thread and take effect at the next step.
 *
 * <p>Frames: every frame the stage holds is a handle it owns. A step's inputs become its own; a
 * call gets borrowed views of its batch (on the device first, when it runs there); afterwards the
 * stage releases the batch and adopts the outputs, which it hands on. A failed or bypassed stage
 * hands its inputs on.
 */
final class Stage {

    private static final System.Logger LOG = System.getLogger(Stage.class.getName());

    /** What a step produced: frames (handles the receiver owns) and values for later stages. */
    record Result(List<Frame> frames, Map<String, Object> upstream) {
    }

    /** Creates a new pipeline instance from load values. */
    @FunctionalInterface
    interface Loader {
        Pipeline<?> create(Map<String, Object> values);
    }

    /** Closes an instance that never became a stage, through a guard of its own. */
    record Closer(Pipeline<?> pipeline) {
        void close() {
            try {
                new Guard(System::nanoTime).run("close", () -> {
                    pipeline.close();
                    return null;
                });
            } catch (Guard.Failure e) {
                LOG.log(Level.WARNING, "closing a pipeline that could not load failed: " + e.reason(), e);
            }
        }
    }

    /** The services the engine lends a stage. */
    record Services(FrameAllocator frames, Supplier<Gpu> gpu, LongSupplier clock) {
    }

    // the stage's place in the chain: set on the thread that drives it, at a chain's swap (kept stages move)
    private volatile int index;
    private volatile String role;
    private volatile boolean samples;
    private final String pipelineId;
    // what the instance comes from: a swap to another version of its plugin changes them together
    private volatile String origin;
    private volatile String plugin;
    private volatile ConfigModel model;
    private volatile Loader loader;
    private volatile boolean supportsDevice;
    private final boolean videoMode;
    private final double frameRate;
    private final Services services;
    private volatile Placement placement;
    private final PlatformPixels javaPixels;
    private final Batcher batcher = new Batcher();
    private final AtomicReference<Map<String, Object>> updates = new AtomicReference<>(Map.of());
    private final AtomicReference<Pipeline<?>> replacement = new AtomicReference<>();
    private final AtomicReference<Upgrade> upgrade = new AtomicReference<>();
    private final CallTimes times = new CallTimes(512);
    private final CallTimes deviceTimes = new CallTimes(512);
    private final ArrayDeque<GpuTimer> timing = new ArrayDeque<>();
    private final Map<String, Object> values;
    /** Why the stage's pipeline service went away, set from any thread; applied at a boundary. */
    private volatile String retired;
    /** Whether {@link #retire} closed the instance already. */
    private boolean instanceClosed;
    /** The texts of the {@code prompts} value, for the calls' contexts. */
    private List<String> prompts;
    private Pipeline<?> pipeline;
    private volatile Guard guard;
    private BasePipelineConfig params;
    private boolean paramsDirty = true;
    private int paramsWidth = -1;
    private int paramsHeight = -1;
    private boolean initCache = true;
    private PlatformPixels devicePixels;
    private Gpu devicePixelsGpu;
    private volatile boolean resetRequested;
    private volatile boolean bypassed;
    /** Why the stage failed, or {@code null} while it is well: state and reason change as one. */
    private volatile String failure;
    private volatile boolean abandoned;
    private volatile long calls;
    private volatile long framesOut;
    private volatile long skipped;
    private volatile String path = "java";
    /** The input size the last {@code prepare} asked for; 0 for none (idle, text mode). */
    private int lastRequest;

    /**
     * @param values every parameter's value as the instance was loaded with: defaults, the mode's
     *        overrides and the stage's own values
     * @param samples whether the stage samples excess input (the chain's first stage)
     */
    Stage(int index, String role, String pipelineId, String origin, String plugin, ConfigModel model,
            Loader loader, Pipeline<?> pipeline, Map<String, Object> values, boolean videoMode, boolean samples,
            double frameRate, Services services, Placement placement) {
        this.index = index;
        this.role = role;
        this.pipelineId = pipelineId;
        this.origin = origin;
        this.plugin = plugin;
        this.model = model;
        this.loader = loader;
        this.pipeline = pipeline;
        this.values = new LinkedHashMap<>(values);
        this.prompts = ConfigModel.promptTexts(values.get(ConfigModel.PROMPTS));
        this.videoMode = videoMode;
        this.samples = samples;
        this.frameRate = frameRate;
        this.services = services;
        this.placement = placement;
        this.supportsDevice = placement.supportsDevice();
        this.guard = new Guard(services.clock());
        this.javaPixels = new PlatformPixels(services.frames(), null);
    }

    /**
     * @return the parameters of the instance the stage runs, or of the one a swap to another
     *         version of its plugin has queued: what values given now are checked against
     */
    ConfigModel model() {
        Upgrade next = upgrade.get();
        return next != null ? next.model() : model;
    }

    /** @return what builds instances of the stage's pipeline with new load values */
    Loader loader() {
        Upgrade next = upgrade.get();
        return next != null ? next.loader() : loader;
    }

    String pipelineId() {
        return pipelineId;
    }

    int index() {
        return index;
    }

    /** @return the bundle's symbolic name, for leak reports */
    String plugin() {
        return plugin;
    }

    /** @return whether the stage runs in video mode */
    boolean videoMode() {
        return videoMode;
    }

    /**
     * Moves a kept stage to its place in a chain that replaced its own; on the thread that drives
     * the chain, between two frames. The chain's first stage samples excess input.
     *
     * @param forced the new chain's forced backend: a change starts the placement over
     */
    void place(int newIndex, String newRole, Backend forced) {
        index = newIndex;
        role = newRole;
        samples = newIndex == 0;
        if (placement.forced() != forced) {
            placement = new Placement(supportsDevice, forced);
        }
    }

    /** @return whether a chain that replaces this one may keep the stage: it has not failed */
    boolean keepable() {
        return failure == null && !abandoned && !guard.abandoned();
    }

    /** @return the frames the stage skipped by sampling */
    long skipped() {
        return skipped;
    }

    /** The parameter values as the stage will see them at its next call, pending updates included. */
    synchronized Map<String, Object> currentValues() {
        Map<String, Object> v = new LinkedHashMap<>(values);
        v.putAll(updates.get());
        return v;
    }

    /** Queues validated runtime values for the next frame boundary. */
    void update(Map<String, Object> changed) {
        updates.getAndUpdate(old -> {
            Map<String, Object> merged = new LinkedHashMap<>(old);
            merged.putAll(changed);
            return merged;
        });
    }

    /**
     * An instance of another version of the stage's plugin, built with the stage's values as that
     * version's parameters took them over.
     *
     * @param model the new version's parameters
     * @param loader builds the new version's instances
     * @param pipeline the new instance, which the stage now owns
     * @param values every parameter's value for the new instance
     * @param origin the new plugin name and version, for messages
     * @param supportsDevice whether the new version's pipelines may run on the device
     * @param applied completed once the stage runs the new instance (or is closed)
     */
    record Upgrade(ConfigModel model, Loader loader, Pipeline<?> pipeline, Map<String, Object> values, String origin,
            String plugin, boolean supportsDevice, java.util.concurrent.CompletableFuture<Void> applied) {
    }

    /**
     * Queues an instance of another version of the plugin to replace the current one at the next
     * frame boundary. Unlike {@link #swap}, the frames the stage holds for its next batch stay:
     * the new instance gets them. A stage that failed gets a fresh chance.
     */
    void upgrade(Upgrade next) {
        Upgrade previous = upgrade.getAndSet(next);
        if (previous != null) {
            closeQuietly(previous.pipeline(), new Guard(services.clock()));
            previous.applied().complete(null);
        }
    }

    /** Queues a new instance (built with new load parameters) to replace the current one. */
    void swap(Pipeline<?> next) {
        Pipeline<?> previous = replacement.getAndSet(next);
        if (previous != null) {
            closeQuietly(previous, new Guard(services.clock()));
        }
    }

    void bypass(boolean on) {
        bypassed = on;
    }

    /**
     * The stage's pipeline service went away (its plugin was uninstalled, updated or stopped): at
     * the next frame boundary the stage is marked failed with this reason, so frames pass through
     * it, and its instance is closed. For good: a load-parameter change brings no new instance.
     *
     * @param why the reason, one line
     */
    void retire(String why) {
        retired = why;
    }

    void reset() {
        resetRequested = true;
    }

    /**
     * Runs the stage on newly arrived frames.
     *
     * @param input handles that become the stage's (empty in text mode)
     * @param upstream extra outputs of earlier stages
     */
    Result step(List<Frame> input, Map<String, Object> upstream) {
        applyPendingChanges();
        if (failure != null || bypassed) {
            List<Frame> on = new ArrayList<>(batcher.drain());
            on.addAll(input);
            return new Result(on, upstream);
        }
        batcher.add(input);
        return run(upstream, false);
    }

    /**
     * @return whether the stage holds another whole batch after a step: the chain then steps it
     *         again without new input
     */
    boolean hasBatch() {
        return failure == null && !bypassed && lastRequest > 0 && batcher.size() >= lastRequest;
    }

    /**
     * Ends the stream for this stage: when it holds fewer frames than it asks for, calls it once
     * on them, padded with the last one, and keeps the outputs that belong to the frames it held.
     * A failed or bypassed stage hands them on.
     */
    Result flush(Map<String, Object> upstream) {
        applyPendingChanges();
        if (batcher.size() == 0) {
            return new Result(List.of(), upstream);
        }
        if (failure != null || bypassed) {
            return new Result(batcher.drain(), upstream);
        }
        return run(upstream, true);
    }

    private Result run(Map<String, Object> upstream, boolean flush) {
        Frame newest = batcher.newest();
        int w = videoMode && newest != null ? newest.width() : intValue("width", 512);
        int h = videoMode && newest != null ? newest.height() : intValue("height", 512);
        if (!configured(w, h)) {
            return failed(upstream);
        }
        StageContext probe = context(w, h, upstream, null);
        Requirements req;
        try {
            req = guard.run("prepare", () -> prepare(pipeline, params, probe));
        } catch (Guard.Failure e) {
            fail(e.reason(), e);
            return failed(upstream);
        }
        lastRequest = req == null ? 0 : req.inputSize();
        if (req == null) {
            if (flush || videoMode) {
                return new Result(List.of(), upstream); // idle: what it holds stays, until close
            }
            return call(new Batcher.Batch(List.of(), List.of(), List.of(), 0), w, h, upstream, 0);
        }
        if (!videoMode) {
            fail("prepare() asks for " + req.inputSize() + " input frames, but the chain runs in text mode (no input)",
                    null);
            return failed(upstream);
        }
        Batcher.Batch batch = batcher.take(req.inputSize(), samples && !flush, flush);
        if (batch == null) {
            return new Result(List.of(), upstream);
        }
        skipped += batch.skipped().size();
        batch.skipped().forEach(Frame::release);
        return call(batch, w, h, upstream, req.inputSize());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Requirements prepare(Pipeline pipeline, BasePipelineConfig params, StageContext context)
            throws Exception {
        return pipeline.prepare(params, context);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Output call(Pipeline pipeline, List<Frame> video, BasePipelineConfig params, StageContext context)
            throws Exception {
        return pipeline.call(video, params, context);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void configure(Pipeline pipeline, BasePipelineConfig params) throws Exception {
        pipeline.configure(params);
    }

    /**
     * Calls the pipeline on a batch, where the placement says, and adopts its outputs.
     *
     * @param n the batch size it asked for (0 in text mode)
     */
    private Result call(Batcher.Batch batch, int w, int h, Map<String, Object> upstream, int n) {
        return call(batch, w, h, upstream, n, (views, context) -> call(pipeline, views, params, context));
    }

    /** What a call runs on the borrowed views of its batch: the pipeline's call, or a fused pass. */
    @FunctionalInterface
    private interface Body {
        Output run(List<Frame> views, StageContext context) throws Exception;
    }

    private Result call(Batcher.Batch batch, int w, int h, Map<String, Object> upstream, int n, Body body) {
        Gpu gpu = services.gpu().get();
        Backend backend = placement.next(gpu, w, h);
        boolean onDevice = backend == Backend.OPENCL;
        long t0 = services.clock().getAsLong();
        List<Frame> uploaded = new ArrayList<>();
        List<Frame> views = new ArrayList<>(batch.frames().size());
        try {
            for (Frame f : batch.frames()) {
                Frame handle = f;
                if (onDevice && f.residency() == Frame.Residency.HOST) {
                    handle = gpu.upload(f);
                    uploaded.add(handle);
                }
                views.add(FrameAccess.borrow(handle));
            }
        } catch (RuntimeException e) {
            uploaded.forEach(Stage::releaseQuietly);
            fail("moving its input to the device failed: " + FailureText.of(e).plain(), e);
            return failed(batch.taken(), upstream);
        }
        long transfer = services.clock().getAsLong() - t0;
        StageContext context = context(w, h, upstream, onDevice ? gpu : null);
        pollDeviceTimes();
        GpuTimer timer = onDevice ? gpu.startTimer() : null;
        long c0 = services.clock().getAsLong();
        Output out;
        try {
            out = guard.run("call", () -> body.run(views, context));
        } catch (Guard.Failure e) {
            closeTimer(timer);
            views.forEach(FrameAccess::endLoan);
            uploaded.forEach(Stage::releaseQuietly);
            fail(e.reason(), e);
            return failed(batch.taken(), upstream);
        }
        long callNanos = services.clock().getAsLong() - c0;
        closeTimer(timer);
        List<Frame> made;
        try {
            made = adopt(out);
            checkShape(made);
        } catch (RuntimeException e) {
            views.forEach(FrameAccess::endLoan);
            uploaded.forEach(Stage::releaseQuietly);
            fail(FailureText.of(e).plain(), e);
            return failed(batch.taken(), upstream);
        }
        views.forEach(FrameAccess::endLoan);
        uploaded.forEach(Frame::release);
        batch.taken().forEach(Frame::release);
        calls++;
        initCache = false;
        times.add(callNanos);
        path = onDevice ? gpu.path() : "java";
        if (timer != null) {
            timing.addLast(timer);
        }
        placement.record(backend, callNanos + transfer, timer);
        if (batch.held() < n && !made.isEmpty()) {
            // the outputs of the padding go with the frames the stage is done with
            int keep = (int) Math.ceilDiv((long) made.size() * batch.held(), n);
            made.subList(keep, made.size()).forEach(Frame::release);
            made = List.copyOf(made.subList(0, keep));
        }
        framesOut += made.size();
        return new Result(made, merge(upstream, out));
    }

    /**
     * What the stage does to the next frame in a fused pass ({@link ChainImpl}): its map, or
     * nothing.
     *
     * @param map the stage's map for the frame, or {@code null} when it hands the frame on as it is
     *        (bypassed, failed, or at identity)
     * @param called whether the stage was called for the frame (its map or its identity), so that
     *        it counts the frame as made
     */
    record Fusion(PixelMap map, boolean called) {
        static final Fusion PASS = new Fusion(null, false);
    }

    /**
     * Asks the stage for its part in a fused pass over {@code input}, which would be its next
     * frame: on the thread that drives the chain, as the first thing of its step, so queued
     * changes apply first. A {@link PixelEffect} that takes one frame a call and holds none gives
     * its map, through the guard; a bypassed or failed stage that holds none hands the frame on.
     *
     * @return its part, or {@code null} when it cannot take part now: then {@link #step} runs it
     */
    Fusion fusion(Frame input) {
        if (!videoMode) {
            return null;
        }
        applyPendingChanges();
        if (batcher.size() > 0) {
            return null;
        }
        if (failure != null || bypassed) {
            return Fusion.PASS;
        }
        if (!(pipeline instanceof PixelEffect<?> effect) || !configured(input.width(), input.height())) {
            return null;
        }
        StageContext probe = context(input.width(), input.height(), Map.of(), null);
        try {
            Requirements req = guard.run("prepare", () -> prepare(pipeline, params, probe));
            lastRequest = req == null ? 0 : req.inputSize();
            if (lastRequest != 1) {
                return null;
            }
            BasePipelineConfig current = params;
            PixelMap map = guard.run("call", () -> map(effect, current));
            return new Fusion(map, true);
        } catch (Guard.Failure e) {
            fail(e.reason(), e);
            return Fusion.PASS;
        }
    }

    /** @return the effect's map, or {@code null} at its identity */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static PixelMap map(PixelEffect effect, BasePipelineConfig params) throws Exception {
        if (effect.isIdentity(params)) {
            return null;
        }
        PixelMap map = effect.map(params);
        if (map == null) {
            throw new IllegalStateException("map returned no pixel map");
        }
        return map;
    }

    /**
     * Runs a fused pass as this stage's call: the maps of this stage and the ones after it, in
     * one pass over {@code input} (a handle that becomes the stage's), on this stage's path.
     *
     * @return the output, which the receiver owns; on failure (this stage then fails) the input
     */
    Result runFused(Frame input, List<PixelMap> maps, Map<String, Object> upstream) {
        Batcher.Batch batch = new Batcher.Batch(List.of(input), List.of(input), List.of(), 1);
        return call(batch, input.width(), input.height(), upstream, 1,
                (views, context) -> Output.of(context.pixels().apply(views.get(0), maps)));
    }

    /**
     * Counts a frame this stage took part in without running a pass of its own: its map in another
     * stage's fused pass (its call time is then 0, the pass's is the other stage's), or its identity.
     *
     * @param leader the stage that ran the pass, or {@code null} at identity
     */
    void fusedInto(Stage leader) {
        calls++;
        framesOut++;
        initCache = false;
        times.add(0);
        if (leader != null) {
            path = leader.path;
        }
    }

    /** @return whether the stage has failed (frames pass through it) */
    boolean failed() {
        return failure != null;
    }

    /**
     * Takes the output's frames as handles of the stage's own: a borrowed input returned as it is
     * gets a new reference of the engine's; a frame the plugin allocated is sealed (its handle is
     * released for a read-only one, so the plugin cannot touch it again); float frames are
     * converted, once.
     */
    private List<Frame> adopt(Output out) {
        if (out == null || out.isEmpty()) {
            return new ArrayList<>();
        }
        List<Frame> made = new ArrayList<>(out.size());
        try {
            for (Frame f : out.frames()) {
                if (f == null) {
                    throw new IllegalStateException("returned a null frame");
                }
                if (FrameAccess.isBorrowed(f)) {
                    made.add(FrameAccess.target(f).retain());
                } else if (f.writable()) {
                    made.add(f.retain());
                    f.release();
                } else {
                    made.add(f);
                }
            }
            for (FloatFrame f : out.floatFrames()) {
                made.add(FloatFrames.toFrame(f, services.frames()));
            }
        } catch (RuntimeException e) {
            made.forEach(Stage::releaseQuietly);
            throw e;
        }
        return made;
    }

    private static void checkShape(List<Frame> frames) {
        if (frames.isEmpty()) {
            return;
        }
        Frame first = frames.get(0);
        String problem = null;
        if (first.width() > Frame.MAX_SIDE || first.height() > Frame.MAX_SIDE) {
            problem = "returned a frame of " + first.width() + "x" + first.height()
                    + ", past the frame size limit of " + Frame.MAX_SIDE + " pixels on each side";
        }
        for (Frame f : frames) {
            if (problem == null && (f.width() != first.width() || f.height() != first.height())) {
                problem = "returned frames of different sizes: " + first.width() + "x" + first.height() + " and "
                        + f.width() + "x" + f.height();
            }
        }
        if (problem != null) {
            frames.forEach(Stage::releaseQuietly);
            throw new IllegalStateException(problem);
        }
    }

    /** Builds the typed parameters when they changed (or the frame size did) and configures the instance. */
    private boolean configured(int w, int h) {
        if (videoMode && (w != paramsWidth || h != paramsHeight)) {
            // in video mode the stream decides the size: the config holds the input's real size
            values.put("width", w);
            values.put("height", h);
            paramsWidth = w;
            paramsHeight = h;
            paramsDirty = true;
        }
        if (!paramsDirty) {
            return true;
        }
        BasePipelineConfig built;
        try {
            built = model.instantiate(values);
        } catch (RuntimeException e) {
            fail("its parameters could not be built: " + FailureText.of(e).plain(), e);
            return false;
        }
        try {
            guard.run("configure", () -> {
                configure(pipeline, built);
                return null;
            });
        } catch (Guard.Failure e) {
            fail(e.reason(), e);
            return false;
        }
        params = built;
        paramsDirty = false;
        return true;
    }

    private int intValue(String key, int fallback) {
        return values.get(key) instanceof Number n ? n.intValue() : fallback;
    }

    private StageContext context(int w, int h, Map<String, Object> upstream, Gpu gpu) {
        return new StageContext(initCache, videoMode, w, h, frameRate, upstream, prompts, services.frames(),
                gpu == null ? javaPixels : devicePixels(gpu), gpu);
    }

    private PlatformPixels devicePixels(Gpu gpu) {
        if (devicePixels == null || devicePixelsGpu != gpu) {
            devicePixels = new PlatformPixels(services.frames(), gpu);
            devicePixelsGpu = gpu;
        }
        return devicePixels;
    }

    private static Map<String, Object> merge(Map<String, Object> upstream, Output out) {
        if (out == null || out.extras().isEmpty()) {
            return upstream;
        }
        Map<String, Object> merged = new LinkedHashMap<>(upstream);
        merged.putAll(out.extras());
        return java.util.Collections.unmodifiableMap(merged);
    }

    private static void closeTimer(GpuTimer timer) {
        if (timer != null) {
            timer.close();
        }
    }

    /** Moves the device times that are known by now into the metrics. */
    private void pollDeviceTimes() {
        while (!timing.isEmpty()) {
            OptionalLong nanos = timing.peekFirst().deviceNanos();
            if (nanos.isEmpty()) {
                if (timing.size() > 64) {
                    timing.removeFirst(); // a device that never reports: keep the queue short
                    continue;
                }
                return;
            }
            deviceTimes.add(nanos.getAsLong());
            timing.removeFirst();
        }
    }

    private Result failed(Map<String, Object> upstream) {
        return new Result(batcher.drain(), upstream);
    }

    /** The stage failed during a call: its batch goes on unchanged, then everything else it held. */
    private Result failed(List<Frame> batch, Map<String, Object> upstream) {
        List<Frame> on = new ArrayList<>(batch);
        on.addAll(batcher.drain());
        return new Result(on, upstream);
    }

    private void fail(String why, Throwable e) {
        failure = why;
        // front ends show it from the stage's status (state and reason); the log keeps the trace
        LOG.log(Level.INFO, "stage " + index + " (" + pipelineId + ", " + origin + ") failed and is bypassed: " + why,
                e);
    }

    private void applyPendingChanges() {
        if (retired != null && !instanceClosed) {
            applyRetirement();
            return;
        }
        if (upgrade.get() != null) { // a plain read on every frame; the write only when a swap is queued
            applyUpgrade(upgrade.getAndSet(null));
        }
        Map<String, Object> pendingUpdates = updates.getAndSet(Map.of());
        if (!pendingUpdates.isEmpty()) {
            synchronized (this) {
                values.putAll(pendingUpdates);
            }
            if (pendingUpdates.containsKey(ConfigModel.PROMPTS)) {
                prompts = ConfigModel.promptTexts(pendingUpdates.get(ConfigModel.PROMPTS));
            }
            paramsDirty = true;
        }
        Pipeline<?> next = replacement.getAndSet(null);
        if (next != null) {
            if (!guard.abandoned()) {
                closeQuietly(pipeline, guard);
            }
            pipeline = next;
            guard = new Guard(services.clock());
            initCache = true;
            paramsDirty = true;
            dropPending();
            if (failure != null) {
                failure = null; // a fresh instance gets a fresh chance
            }
        }
        if (resetRequested) {
            resetRequested = false;
            initCache = true;
            dropPending();
        }
    }

    /** On the chain's thread, between two frames: the new version's instance takes over. */
    private void applyUpgrade(Upgrade next) {
        if (next == null) {
            return; // closed meanwhile
        }
        Pipeline<?> stale = replacement.getAndSet(null);
        if (stale != null) {
            closeQuietly(stale, new Guard(services.clock())); // built by the old version's factory
        }
        if (!guard.abandoned() && !instanceClosed) {
            closeQuietly(pipeline, guard);
        }
        pipeline = next.pipeline();
        guard = new Guard(services.clock());
        synchronized (this) {
            values.clear();
            values.putAll(next.values());
        }
        prompts = ConfigModel.promptTexts(values.get(ConfigModel.PROMPTS));
        model = next.model();
        loader = next.loader();
        origin = next.origin();
        plugin = next.plugin();
        if (supportsDevice != next.supportsDevice()) {
            supportsDevice = next.supportsDevice();
            placement = new Placement(supportsDevice, placement.forced());
        }
        paramsWidth = -1; // the new instance is configured before its first call
        paramsDirty = true;
        initCache = true;
        failure = null;
        abandoned = false;
        instanceClosed = false;
        next.applied().complete(null);
    }

    private void dropPending() {
        batcher.drain().forEach(Frame::release);
    }

    /**
     * The watchdog's question: gives up on the running call when it has run for longer than the
     * deadline, marking the stage failed.
     *
     * @return whether it gave up: the thread driving the chain is lost and another must take over
     */
    boolean abandonIfOverdue(long deadlineNanos) {
        if (!guard.abandonIfOverdue(deadlineNanos)) {
            return false;
        }
        abandoned = true;
        String why = "did not return within " + deadlineNanos / 1_000_000 + " ms (its " + guard.calling()
                + "() was abandoned)";
        failure = why;
        LOG.log(Level.WARNING, "stage " + index + " (" + pipelineId + ", " + origin + ") " + why
                + "; its thread is left running and may keep the plugin's class loader alive");
        return true;
    }

    /** @return whether a call of the stage was abandoned */
    boolean abandoned() {
        return abandoned;
    }

    /** @return whether plugin code of the stage is running now */
    boolean inCall() {
        return guard.inCall();
    }

    /**
     * Closes the instance (and a queued replacement) through the guard, and releases the frames
     * the stage holds. An instance whose call was abandoned is not closed: its call may still run.
     */
    void close() {
        dropPending();
        Pipeline<?> next = replacement.getAndSet(null);
        if (next != null) {
            closeQuietly(next, new Guard(services.clock()));
        }
        Upgrade queued = upgrade.getAndSet(null);
        if (queued != null) {
            closeQuietly(queued.pipeline(), new Guard(services.clock()));
            queued.applied().complete(null);
        }
        if (!guard.abandoned() && !instanceClosed) {
            closeQuietly(pipeline, guard);
        }
    }

    /** On the chain's thread: fails the stage for good and closes its instance (see {@link #retire}). */
    private void applyRetirement() {
        updates.set(Map.of());
        Pipeline<?> next = replacement.getAndSet(null);
        if (next != null) {
            closeQuietly(next, new Guard(services.clock()));
        }
        Upgrade queued = upgrade.getAndSet(null);
        if (queued != null) {
            closeQuietly(queued.pipeline(), new Guard(services.clock()));
            queued.applied().complete(null);
        }
        fail(retired, null);
        dropPending();
        if (!guard.abandoned()) {
            closeQuietly(pipeline, guard);
        }
        instanceClosed = true;
    }

    private void closeQuietly(Pipeline<?> p, Guard g) {
        try {
            g.run("close", () -> {
                p.close();
                return null;
            });
        } catch (Guard.Failure e) {
            LOG.log(Level.WARNING, "closing stage " + index + " (" + pipelineId + ") failed: " + e.reason(), e);
        }
    }

    private static void releaseQuietly(Frame f) {
        try {
            f.release();
        } catch (RuntimeException e) {
            // a handle the plugin had already released, or whose device is gone
        }
    }

    StageStatus status() {
        return status(index, role);
    }

    /** The state at a position of a chain (a chain that replaces this one reports kept stages at their new places). */
    StageStatus status(int at, String asRole) {
        String why = failure;
        StageStatus.State shown = why != null ? StageStatus.State.FAILED
                : bypassed ? StageStatus.State.BYPASSED : StageStatus.State.OK;
        return new StageStatus(at, pipelineId, asRole, shown, why, calls, framesOut, placement.last().value());
    }

    StageMetrics metrics() {
        return metrics(index);
    }

    StageMetrics metrics(int at) {
        return new StageMetrics(at, pipelineId, calls, framesOut, skipped, times.percentileMillis(50),
                times.percentileMillis(99), deviceTimes.percentileMillis(50), deviceTimes.percentileMillis(99), path);
    }
}
