package dev.scope.harness;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.scope.frames.FloatFrames;
import dev.scope.frames.FrameAccess;
import dev.scope.frames.FramePool;
import dev.scope.frames.PlatformPixels;
import dev.scope.frames.StandaloneContext;
import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.FloatFrame;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.Output;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipeline.api.PipelineFactory;
import dev.scope.pipeline.api.PixelOps;
import dev.scope.pipeline.api.Requirements;
import dev.scope.schema.ConfigModel;
import dev.scope.schema.ParamSpec;

/**
 * Runs one pipeline outside OSGi, the way the engine runs a stage, for a plugin's unit tests:
 *
 * <pre>{@code
 * try (PipelineHarness<InvertConfig> invert = PipelineHarness.of(new InvertFactory())) {
 *     invert.set("intensity", 0.5);
 *     Image out = invert.call(Image.gradient(256, 256)).frame();
 * }
 * }</pre>
 *
 * <p><b>Parameters.</b> The pipeline starts from its config's defaults, with the values of the mode's
 * {@link ModeDefaults} over them; {@link #set} changes one, checked by the config's schema exactly as
 * the engine checks {@code --set} and API values. Like the engine, the harness hands every call the
 * same typed config object until a value changes, makes a new one then, and calls
 * {@link Pipeline#configure} with it before the next call. In video mode the config's {@code width}
 * and {@code height} are the input frames' size (setting them is refused); in text mode they are the
 * size to generate. Load parameters ({@code @Ui(loadParam = true)}) are set before the first call,
 * which creates the pipeline through its factory.
 *
 * <p><b>Calls.</b> {@link #call} makes frames of the test's {@link Image}s from a {@link FramePool},
 * lends them to the pipeline as borrowed read-only views (as the engine does), asks
 * {@link Pipeline#prepare} how many it takes, calls {@link Pipeline#call} with a real per-call
 * context (a {@link StandaloneContext} on that pool, with the platform's Java pixel helpers;
 * {@code init_cache} true on the first call), copies the outputs into {@link Image}s, releases every
 * frame handed over, and ends the loans. No OpenCL device is used: stages run their Java path.
 *
 * <p><b>Frames.</b> After each call the harness holds no frame, so every frame still in use in the
 * pool is held by the pipeline. A call fails (an {@link AssertionError}) when the pipeline holds
 * more than it is allowed ({@link #allowFramesHeld}, 0 unless set: a stateless pipeline that keeps a
 * frame leaks it), when it releases a frame it handed over or returns one handle twice, and when an
 * output is an input it was lent in an earlier call. {@link #close()} closes the pipeline and fails
 * when any frame is still in use then. Use it in a try-with-resources block.
 *
 * <p><b>Failures</b> are {@link AssertionError}s with one line naming the pipeline and what went
 * wrong, so the harness works with any test framework; what the pipeline threw is the cause.
 * Mistakes of the test itself (an unknown parameter, a bad value, a call after {@link #close()})
 * throw {@link IllegalArgumentException} or {@link IllegalStateException}, as the engine refuses them.
 *
 * <p>Not thread-safe: one test thread uses a harness. The pixel helpers it gives the pipeline
 * work in bands on the common fork-join pool, as in the engine.
 *
 * @param <C> the pipeline's config class
 */
public final class PipelineHarness<C extends BasePipelineConfig> implements AutoCloseable {

    private final Class<C> configClass;
    private final PipelineFactory<C> factory;
    private final ConfigModel model;
    private final FramePool pool = new FramePool();
    private final PixelOps pixels = new PlatformPixels(pool, null);
    /** The values the test set, normalized by the schema, in the order set. */
    private final Map<String, Object> values = new LinkedHashMap<>();
    private String mode;
    private Map<String, Object> upstream = Map.of();
    private List<String> prompts = List.of();
    private double frameRate = 30;
    private int allowedFramesHeld;
    private boolean initCache = true;
    private Pipeline<C> pipeline;
    /** The parameters of the calls since the last change, or null when a value or the size changed. */
    private C params;
    private int paramsWidth;
    private int paramsHeight;
    private int calls;
    private boolean closed;

    private PipelineHarness(Class<C> configClass, PipelineFactory<C> factory) {
        this.configClass = configClass;
        this.factory = factory;
        this.model = model(configClass);
        this.mode = model.defaultMode();
    }

    /**
     * A harness for the pipeline a factory makes, with the config class it declares.
     *
     * @param <C> the pipeline's config class
     * @param factory the plugin's factory, e.g. {@code new InvertFactory()}
     * @return a harness in the pipeline's default mode; the pipeline is created at the first call
     * @throws AssertionError when the factory names no config class or the schema cannot be generated
     */
    public static <C extends BasePipelineConfig> PipelineHarness<C> of(PipelineFactory<C> factory) {
        Objects.requireNonNull(factory, "factory");
        Class<C> type;
        try {
            type = factory.configClass();
        } catch (RuntimeException e) {
            throw new AssertionError(factory.getClass().getName() + ": configClass() failed: " + oneLine(e)
                    + "; for a lambda use PipelineHarness.of(ConfigClass.class, factory)", e);
        }
        return new PipelineHarness<>(type, factory);
    }

    /**
     * A harness for a config class and a way to create its pipeline, such as a lambda:
     * {@code PipelineHarness.of(InvertConfig.class, load -> new InvertPipeline())}.
     *
     * @param <C> the pipeline's config class
     * @param configClass the config class
     * @param factory creates the pipeline from the load parameters; its {@code configClass()} is not used
     * @return a harness in the pipeline's default mode
     * @throws AssertionError when the schema cannot be generated
     */
    public static <C extends BasePipelineConfig> PipelineHarness<C> of(Class<C> configClass, PipelineFactory<C> factory) {
        return new PipelineHarness<>(Objects.requireNonNull(configClass, "configClass"),
                Objects.requireNonNull(factory, "factory"));
    }

    /**
     * Sets a parameter for the following calls, as {@code --set key=value} or the API does: checked and
     * normalized by the config's schema (numbers, booleans, enum values in any case or as the enum
     * constant, lists, {@code null} for nullable parameters). The next call gets a new config object.
     *
     * @param key the schema name, e.g. {@code intensity} or {@code color_r}
     * @param value the value
     * @return this harness
     * @throws IllegalArgumentException ({@code InvalidParameterException}) with the engine's message for an
     *         unknown name or a value of the wrong type, out of range or not among the choices; for
     *         {@code width} or {@code height} in video mode, where the stream decides the size; and for
     *         a size past {@link Frame#MAX_SIDE}
     * @throws IllegalStateException for a load parameter once the pipeline was created
     */
    public PipelineHarness<C> set(String key, Object value) {
        open();
        Object normalized = model.validate(Collections.singletonMap(key, value)).get(key);
        if (isSize(key)) {
            if (videoMode()) {
                throw new IllegalArgumentException(model.id() + ": " + key + " is the input's " + key
                        + " in video mode, decided by the stream; it can be set in text mode only");
            }
            if (normalized instanceof Number n && n.longValue() > Frame.MAX_SIDE) {
                throw new IllegalArgumentException(model.id() + ": " + key + " = " + n
                        + " is past the frame size limit; allowed: 1 to " + Frame.MAX_SIDE);
            }
        }
        if (pipeline != null && model.param(key).map(ParamSpec::loadParam).orElse(false)) {
            throw new IllegalStateException(model.id() + ": " + key + " is a load parameter: set it before the first"
                    + " call (the engine reloads the pipeline to change it)");
        }
        values.put(key, normalized);
        params = null;
        return this;
    }

    /**
     * Runs the pipeline in video mode (it gets input frames) from the next call on.
     *
     * @return this harness
     * @throws IllegalArgumentException when the pipeline does not support video mode
     * @throws IllegalStateException once the pipeline was created, or when {@code width} or {@code height}
     *         was set
     */
    public PipelineHarness<C> video() {
        return mode(ModeDefaults.VIDEO);
    }

    /**
     * Runs the pipeline in text mode (it generates frames of {@code width} x {@code height}, no input).
     *
     * @return this harness
     * @throws IllegalArgumentException when the pipeline does not support text mode
     * @throws IllegalStateException once the pipeline was created
     */
    public PipelineHarness<C> text() {
        return mode(ModeDefaults.TEXT);
    }

    private PipelineHarness<C> mode(String next) {
        open();
        if (!model.supportedModes().contains(next)) {
            throw new IllegalArgumentException(model.id() + " supports " + String.join(" and ", model.supportedModes())
                    + " mode, not " + next);
        }
        if (pipeline != null && !next.equals(mode)) {
            throw new IllegalStateException(model.id() + ": choose the mode before the first call; the engine creates"
                    + " the pipeline anew for another mode");
        }
        if (next.equals(ModeDefaults.VIDEO) && (values.containsKey("width") || values.containsKey("height"))) {
            throw new IllegalStateException(model.id() + ": width and height were set; in video mode the stream"
                    + " decides the size");
        }
        mode = next;
        params = null;
        return this;
    }

    /**
     * @param values the extra outputs of earlier stages the following calls see in
     *        {@link dev.scope.pipeline.api.CallContext#upstream()}, such as a preprocessor's
     * @return this harness
     */
    public PipelineHarness<C> upstream(Map<String, ?> values) {
        open();
        this.upstream = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        return this;
    }

    /**
     * @param prompts the session's prompts for the following calls
     * @return this harness
     */
    public PipelineHarness<C> prompts(String... prompts) {
        open();
        this.prompts = List.of(prompts);
        return this;
    }

    /**
     * @param fps the nominal frame rate the following calls see, above 0 (30 unless set)
     * @return this harness
     */
    public PipelineHarness<C> frameRate(double fps) {
        open();
        if (!(fps > 0) || Double.isInfinite(fps)) {
            throw new IllegalArgumentException("a frame rate is above 0, got " + fps);
        }
        this.frameRate = fps;
        return this;
    }

    /**
     * Makes the next call's {@code init_cache} true, as after the engine resets a stage.
     *
     * @return this harness
     */
    public PipelineHarness<C> resetCache() {
        open();
        initCache = true;
        return this;
    }

    /**
     * For a pipeline that keeps frames across calls on purpose (a temporal filter keeping the previous
     * frame, a batch it retained): how many frames it may hold between calls.
     *
     * @param frames the most frames in use between calls, 0 (the default) for a stateless pipeline
     * @return this harness
     */
    public PipelineHarness<C> allowFramesHeld(int frames) {
        open();
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be at least 0, got " + frames);
        }
        this.allowedFramesHeld = frames;
        return this;
    }

    /**
     * Runs one tick: {@link Pipeline#prepare}, then {@link Pipeline#call}.
     *
     * <p>In video mode give exactly as many frames as {@code prepare} asks for (one, unless the pipeline
     * or its {@code input_size} says otherwise), all of one size; when {@code prepare} returns
     * {@code null} the call gets none, as in the engine. In text mode give none.
     *
     * @param inputs the input frames, in time order
     * @return the outputs, copied; their frames are released
     * @throws AssertionError when the pipeline fails (throws in {@code create}, {@code configure},
     *         {@code prepare} or {@code call}), asks for another number of frames than given, returns
     *         frames of mixed sizes or non-finite float values, releases or repeats an output handle,
     *         returns an input of an earlier call, or holds more frames afterwards than allowed
     * @throws IllegalArgumentException for inputs in text mode, none in video mode, or inputs of mixed sizes
     */
    public Outputs call(Image... inputs) {
        return call(List.of(inputs));
    }

    /**
     * As {@link #call(Image...)}.
     *
     * @param inputs the input frames, in time order
     * @return the outputs
     */
    public Outputs call(List<Image> inputs) {
        open();
        int width;
        int height;
        if (videoMode()) {
            if (inputs.isEmpty()) {
                throw new IllegalArgumentException(model.id() + " runs in video mode: give call() its input frames");
            }
            width = inputs.get(0).width();
            height = inputs.get(0).height();
            for (Image i : inputs) {
                if (i.width() != width || i.height() != height) {
                    throw new IllegalArgumentException("the input frames of one call have one size; got " + width + "x"
                            + height + " and " + i.width() + "x" + i.height());
                }
            }
        } else {
            if (!inputs.isEmpty()) {
                throw new IllegalArgumentException(model.id() + " runs in text mode and takes no input frames");
            }
            width = -1;
            height = -1;
        }
        calls++;
        C p = params(width, height);
        StandaloneContext context = new StandaloneContext(initCache, videoMode(), videoMode() ? width : p.width,
                videoMode() ? height : p.height, frameRate, upstream, prompts, pool, pixels, Map.of());
        Requirements req = guard("prepare()", () -> pipeline.prepare(p, context));
        if (req != null && !videoMode()) {
            throw fail("prepare() asks for " + req.inputSize() + " input frames in text mode, which has none");
        }
        if (req != null && req.inputSize() != inputs.size()) {
            throw fail("prepare() asks for " + req.inputSize() + " input frame" + (req.inputSize() == 1 ? "" : "s")
                    + " a call; call() was given " + inputs.size());
        }
        List<Frame> owned = new ArrayList<>();
        List<Frame> lent = new ArrayList<>();
        Outputs result;
        try {
            if (req != null) {
                for (Image i : inputs) {
                    Frame f = pool.of(i.width(), i.height(), i.pixels());
                    owned.add(f);
                    lent.add(FrameAccess.borrow(f));
                }
            }
            List<Frame> video = Collections.unmodifiableList(lent);
            Output out = guard("call()", () -> pipeline.call(video, p, context));
            initCache = false;
            result = collect(out, lent);
        } finally {
            lent.forEach(FrameAccess::endLoan);
            owned.forEach(Frame::release);
        }
        // the harness holds no frame now: what is in use is the pipeline's
        long held = pool.stats().framesInUse();
        if (held > allowedFramesHeld) {
            throw fail("after the call it holds " + held + " frame" + (held == 1 ? "" : "s") + " (allowed: "
                    + allowedFramesHeld + "): a frame it allocated or retained was neither returned nor released"
                    + (allowedFramesHeld == 0 ? "; a pipeline that keeps frames across calls says so with"
                            + " allowFramesHeld(n)" : ""));
        }
        return result;
    }

    /** Reads the outputs into images and releases the handles handed over; borrowed inputs stay the harness's. */
    private Outputs collect(Output out, List<Frame> lent) {
        if (out == null) {
            return new Outputs(List.of(), Map.of());
        }
        List<Image> images = new ArrayList<>();
        List<Frame> handedOver = new ArrayList<>();
        Set<Frame> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        AssertionError failure = null;
        int index = 0;
        for (Frame f : out.frames()) {
            boolean ownInput = lent.stream().anyMatch(l -> l == f);
            if (!ownInput && !seen.add(f)) {
                failure = first(failure, fail("output frame " + index + " is a handle it returned already in this"
                        + " Output; retain() a frame for a second handle"));
            } else if (FrameAccess.isBorrowed(f) && !ownInput) {
                failure = first(failure, fail("output frame " + index + " is an input of an earlier call, lent for"
                        + " that call only; retain() a frame to keep it"));
            } else {
                try {
                    images.add(read(f));
                    if (!ownInput) {
                        handedOver.add(f);
                    }
                } catch (IllegalStateException e) {
                    failure = first(failure, fail("output frame " + index + " cannot be read (" + oneLine(e)
                            + "): a frame handed over in an Output belongs to the engine; do not release it", e));
                }
            }
            index++;
        }
        for (FloatFrame ff : out.floatFrames()) {
            try {
                Frame f = FloatFrames.toFrame(ff, pool);
                try {
                    images.add(read(f));
                } finally {
                    f.release();
                }
            } catch (IllegalArgumentException e) {
                failure = first(failure, fail("float output frame " + index + ": " + oneLine(e)));
            }
            index++;
        }
        for (Frame f : handedOver) {
            try {
                f.release();
            } catch (IllegalStateException e) {
                failure = first(failure, fail("an output frame was released twice (" + oneLine(e)
                        + "): a frame handed over in an Output belongs to the engine"));
            }
        }
        if (failure != null) {
            throw failure;
        }
        for (Image i : images) {
            if (i.width() != images.get(0).width() || i.height() != images.get(0).height()) {
                throw fail("returned frames of mixed sizes: " + images.get(0).width() + "x" + images.get(0).height()
                        + " and " + i.width() + "x" + i.height());
            }
        }
        return new Outputs(images, out.extras());
    }

    private static Image read(Frame f) {
        int[] px = new int[f.width() * f.height()];
        f.read(px);
        return Image.of(f.width(), f.height(), px);
    }

    /**
     * The config object the next call gets (the one the last call got, unless a value changed since):
     * defaults, then the mode's overrides, then the values set; in video mode {@code width} and
     * {@code height} are those of the last call's inputs (the config's defaults before the first).
     * Creates the pipeline when it does not exist yet.
     *
     * @return the typed parameters; treat them as read-only
     */
    public C params() {
        open();
        return params(videoMode() ? paramsWidth : -1, videoMode() ? paramsHeight : -1);
    }

    private C params(int width, int height) {
        pipeline();
        if (params == null || width != paramsWidth || height != paramsHeight) {
            Map<String, Object> v = settings();
            if (videoMode() && width > 0) {
                v.put("width", width);
                v.put("height", height);
            }
            C next = model.instantiate(v);
            guard("configure()", () -> {
                pipeline.configure(next);
                return null;
            });
            params = next;
            paramsWidth = width;
            paramsHeight = height;
        }
        return params;
    }

    /** @return the mode's overrides, then the values set */
    private Map<String, Object> settings() {
        Map<String, Object> v = new LinkedHashMap<>();
        if (model.schemaWithMetadata().get("mode_defaults") instanceof Map<?, ?> byMode
                && byMode.get(mode) instanceof Map<?, ?> overrides) {
            overrides.forEach((k, value) -> {
                if (model.param((String) k).isPresent()) {
                    v.put((String) k, value);
                }
            });
        }
        v.putAll(values);
        return v;
    }

    /**
     * The pipeline instance, created through the factory with the load parameters on first use.
     *
     * @return the instance the harness calls
     * @throws AssertionError when the factory throws or returns {@code null}
     */
    public Pipeline<C> pipeline() {
        open();
        if (pipeline == null) {
            C load = model.instantiate(settings());
            Pipeline<C> created = guard("create()", () -> factory.create(load));
            if (created == null) {
                throw fail("its factory's create() returned null");
            }
            pipeline = created;
        }
        return pipeline;
    }

    /** @return the frames of this harness's pool in use now; between calls, the frames the pipeline holds */
    public long framesHeld() {
        return pool.stats().framesInUse();
    }

    /** @return the input mode of the calls: {@code video} or {@code text} */
    public String mode() {
        return mode;
    }

    /**
     * Checks the config's schema: see {@link ConfigSchema#check}.
     *
     * @return the checked schema
     * @throws AssertionError naming every problem found
     */
    public ConfigSchema checkSchema() {
        return ConfigSchema.check(configClass);
    }

    /**
     * Closes the pipeline (as the engine does once, when a stage is replaced or the stream ends) and
     * checks that every frame came back. A second call does nothing.
     *
     * @throws AssertionError when {@code close()} throws or frames are still in use afterwards
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (pipeline != null) {
            guard("close()", () -> {
                pipeline.close();
                return null;
            });
        }
        long held = pool.stats().framesInUse();
        if (held > 0) {
            throw fail(held + " frame" + (held == 1 ? " is" : "s are") + " still in use after close(): a frame it"
                    + " allocated or retained was never released");
        }
    }

    private boolean videoMode() {
        return ModeDefaults.VIDEO.equals(mode);
    }

    private static boolean isSize(String key) {
        return key.equals("width") || key.equals("height");
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException(model.id() + ": the harness is closed");
        }
    }

    /** Code of the pipeline that may throw, with what it threw as the failure's cause. */
    @FunctionalInterface
    private interface PluginCode<T> {
        T run() throws Exception;
    }

    private <T> T guard(String method, PluginCode<T> code) {
        try {
            return code.run();
        } catch (Exception | LinkageError e) {
            throw fail(method + " failed: " + e.getClass().getSimpleName() + ": " + oneLine(e), e);
        }
    }

    private AssertionError fail(String message) {
        return fail(message, null);
    }

    private AssertionError fail(String message, Throwable cause) {
        // a failure in close() is the instance's, not the last call's
        String prefix = calls > 0 && !closed ? model.id() + " (call " + calls + "): " : model.id() + ": ";
        return new AssertionError(prefix + message, cause);
    }

    private static AssertionError first(AssertionError failure, AssertionError next) {
        return failure != null ? failure : next;
    }

    /** @return the config class's model, or an {@link AssertionError} when its schema cannot be generated */
    static ConfigModel model(Class<? extends BasePipelineConfig> configClass) {
        try {
            return ConfigModel.of(configClass);
        } catch (RuntimeException e) {
            throw new AssertionError(configClass.getSimpleName() + ": the schema cannot be generated: " + oneLine(e), e);
        }
    }

    /** @return the first line of a throwable's message, or its class name when it has none */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getName();
        }
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
