package dev.scope.engine.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.Session;
import dev.scope.engine.api.SessionClock;
import dev.scope.engine.api.SessionMetrics;
import dev.scope.engine.api.SessionSpec;
import dev.scope.engine.api.StageMetrics;
import dev.scope.engine.api.StageStatus;
import dev.scope.engine.api.TimedFrame;
import dev.scope.frames.FrameAccess;
import dev.scope.pipeline.api.Frame;

/**
 * A running stream on three threads, supervised by a fourth: the source thread reads (and in
 * real-time mode paces, by the session's clock) frames into a bounded input queue; the processing
 * thread drives the chain; the sink thread hands outputs to the sinks; the watchdog gives up on a
 * stage call that runs past the chain's deadline, marks that stage failed and starts a new
 * processing thread, so the stream goes on. In real-time mode a full queue drops its oldest frame
 * (latency stays bounded) and the processing thread takes everything that is queued at once, so the
 * first stage samples the newest; in fast mode queues block and nothing is dropped. When the input
 * ends the processing thread flushes the chain, so the frames the stages hold still reach the sinks.
 *
 * <p>Frames: the source's handles go to the chain ({@code pushOwned}); the chain's outputs are the
 * session's until the sink thread has shown them to every sink (on the host: a device frame is
 * downloaded first) and releases them.
 *
 * <p>Live changes: {@link #replaceChain} builds the new chain on the caller's thread and queues it;
 * the processing thread swaps it in at its next frame boundary and closes the stages that left on a
 * thread of their own. Control calls address the newest chain at once ({@code current}), the
 * processing thread runs {@code chain}. Sinks are a copy-on-write list; whoever removes a sink from
 * it closes it, so each sink is closed once.
 */
final class SessionImpl implements Session {

    private static final System.Logger LOG = System.getLogger(SessionImpl.class.getName());

    /** A source frame (null in text mode) with its time and when it arrived. */
    private record Input(Frame frame, long ptsMicros, long arrivalNanos) {
    }

    /** An output frame with the arrival time of the newest input behind it. */
    private record Output(TimedFrame frame, long arrivalNanos) {
    }

    private static final Input END_OF_INPUT = new Input(null, -1, 0);
    private static final Output END_OF_OUTPUT = new Output(null, 0);

    private final EngineComponent engine;
    private final ChainImpl.Settings settings;
    /** The chain the processing thread runs; replaced by it alone, at a frame boundary, under swapLock. */
    private volatile ChainImpl chain;
    /** The chain that control calls address: {@code chain}, or the one queued to replace it. */
    private volatile ChainImpl current;
    /** A chain queued by replaceChain, not yet swapped in; written under swapLock. */
    private volatile ChainImpl pending;
    private final Object swapLock = new Object();
    private final Object replaceLock = new Object();
    /** Frames skipped by stages that left the chain, so the counts keep adding up; under swapLock. */
    private long retiredSkipped;
    private final FrameSource source;
    private final List<FrameSink> sinks;
    private final SessionClock clock;
    private final boolean realTime;
    private final long durationMicros;
    private final double sourceRate;
    private volatile double outputRate;
    private final BlockingQueue<Input> inputs;
    private final BlockingQueue<Output> outputs;
    private final int capacity;
    private final CallTimes latency = new CallTimes(1024);
    private final CountDownLatch done = new CountDownLatch(1);
    private final List<String> warnings = new CopyOnWriteArrayList<>();
    private final AtomicLong inputDrops = new AtomicLong();
    private final AtomicLong outputDrops = new AtomicLong();
    private final Object pauseLock = new Object();
    /** Guards sinksEnded: a sink is added only while the sink thread will still close it. */
    private final Object sinkLock = new Object();
    private boolean sinksEnded;
    /** Held by the sink thread while it shows one frame to the sinks: removeSink waits for it. */
    private final Object deliverLock = new Object();
    private final long startNanos;
    private Thread sourceThread;
    private Thread sinkThread;
    private Thread watchdog;
    private volatile Thread processing;
    private volatile boolean paused;
    private volatile boolean stopped;
    /** Whether the processing thread has finished: a chain queued now is never swapped in. */
    private volatile boolean processingEnded;
    private volatile String error;
    private volatile long framesIn;
    private volatile long framesOut;
    private volatile long lastPtsMicros;
    // the processing thread's progress, kept here so that a replacement carries on from it
    private volatile long lastOut = Long.MIN_VALUE;
    private volatile long firstIn = Long.MIN_VALUE;
    private volatile Input newest;
    private long pausedNanos;
    private long pausedSince;

    SessionImpl(EngineComponent engine, ChainImpl chain, SessionSpec spec, ChainImpl.Settings settings) {
        this.engine = engine;
        this.settings = settings;
        this.chain = chain;
        this.current = chain;
        this.source = spec.source();
        this.sinks = new CopyOnWriteArrayList<>(spec.sinks());
        this.clock = spec.clock();
        this.realTime = spec.realTime();
        this.durationMicros = spec.durationSeconds() > 0 ? Math.round(spec.durationSeconds() * 1e6) : Long.MAX_VALUE;
        this.sourceRate = source != null ? source.frameRate() : spec.textFrameRate();
        this.outputRate = sourceRate * chain.frameRateFactor();
        this.inputs = new ArrayBlockingQueue<>(spec.queueCapacity());
        // real time bounds it in offerOutput, by the capacity or the last push's burst of outputs
        this.outputs = realTime ? new LinkedBlockingQueue<>() : new ArrayBlockingQueue<>(spec.queueCapacity());
        this.capacity = spec.queueCapacity();
        this.startNanos = clock.nanoTime();
    }

    void start() {
        sourceThread = thread("source", this::readSource);
        sinkThread = thread("sink", this::writeSinks);
        watchdog = thread("watchdog", this::watch);
        processing = thread("process", this::process);
        sourceThread.start();
        sinkThread.start();
        processing.start();
        watchdog.start();
    }

    private static Thread thread(String role, Runnable body) {
        Thread t = new Thread(body, "scope-session-" + role);
        t.setDaemon(true);
        return t;
    }

    // ---- source thread

    private void readSource() {
        Frame held = null; // a frame read from the source and not yet in the input queue
        try {
            long first = Long.MIN_VALUE;
            for (long n = 0; !stopped; n++) {
                awaitRunning();
                Frame frame = null;
                long pts;
                if (source == null) {
                    pts = Math.round(n * 1e6 / sourceRate);
                } else {
                    TimedFrame next = source.next();
                    if (next == null) {
                        break;
                    }
                    if (first == Long.MIN_VALUE) {
                        first = next.ptsMicros();
                    }
                    frame = next.frame();
                    held = frame;
                    pts = next.ptsMicros() - first;
                }
                if (pts >= durationMicros) {
                    break; // the frame is released below
                }
                if (realTime) {
                    pace(pts);
                }
                lastPtsMicros = pts;
                framesIn++;
                offerInput(new Input(frame, pts, clock.nanoTime()));
                held = null; // the queue's now
            }
        } catch (IOException | RuntimeException e) {
            if (!stopped) {
                error = "reading " + (source == null ? "" : source.description() + " ") + "failed: " + e.getMessage();
                LOG.log(Level.INFO, error, e); // front ends report error(); the log keeps the trace
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (held != null) { // stopped while pacing or queueing it, or past the duration
                held.release();
            }
            putQuietly(inputs, END_OF_INPUT);
        }
    }

    /** Waits until the clock reaches the frame's time, paused time left out. */
    private void pace(long ptsMicros) throws InterruptedException {
        long due;
        synchronized (pauseLock) {
            due = startNanos + pausedNanos + ptsMicros * 1000;
        }
        clock.sleepUntil(due);
    }

    /**
     * Queues an output, one of a {@code burst} that one push of the chain produced. Real time: the
     * oldest outputs are dropped while the queue holds its capacity or the burst, whichever is
     * more, so a stage that returns many frames a call (an interpolator's doubled batch) never
     * loses its own outputs to the bound, only to a sink that falls behind. Fast: waits for room.
     */
    private void offerOutput(Output item, int burst) throws InterruptedException {
        if (!realTime) {
            outputs.put(item);
            return;
        }
        int limit = Math.max(capacity, burst);
        while (outputs.size() >= limit) {
            Output dropped = outputs.poll();
            if (dropped == null) {
                break;
            }
            outputDrops.incrementAndGet();
            dropped.frame().frame().release();
        }
        outputs.add(item);
    }

    /** Queues a source frame. Real time: a full queue loses its oldest frame. Fast: waits for room. */
    private void offerInput(Input item) throws InterruptedException {
        if (!realTime) {
            inputs.put(item);
            return;
        }
        while (!inputs.offer(item)) {
            Input dropped = inputs.poll();
            if (dropped != null) {
                inputDrops.incrementAndGet();
                if (dropped.frame() != null) {
                    dropped.frame().release();
                }
            }
        }
    }

    // ---- processing thread

    private void process() {
        boolean ended = false;
        try {
            boolean end = false;
            while (!end && !stopped) {
                Input first = inputs.take();
                if (first == END_OF_INPUT) {
                    end = true;
                    break;
                }
                List<Input> batch = new ArrayList<>();
                batch.add(first);
                if (realTime) {
                    inputs.drainTo(batch);
                    if (batch.get(batch.size() - 1) == END_OF_INPUT) {
                        batch.remove(batch.size() - 1);
                        end = true;
                    }
                }
                awaitRunning();
                ChainImpl running = atBoundary();
                if (firstIn == Long.MIN_VALUE) {
                    firstIn = first.ptsMicros();
                }
                newest = batch.get(batch.size() - 1);
                List<Frame> produced = running.needsInput()
                        ? running.pushOwned(batch.stream().map(Input::frame).toList())
                        : running.tick();
                emit(produced, newest);
            }
            if (end && newest != null) {
                flush(newest.arrivalNanos());
            }
            ended = true;
        } catch (Guard.Abandoned e) {
            return; // the watchdog gave up on this thread's call: its replacement carries on
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = true;
        } catch (RuntimeException e) {
            error = "the chain stopped: " + e.getMessage();
            LOG.log(Level.INFO, error, e);
            ended = true;
        } finally {
            if (ended || stopped) {
                processingEnded = true;
                putQuietly(outputs, END_OF_OUTPUT);
            }
        }
    }

    /**
     * A frame boundary, on the processing thread: swaps in the chain that {@link #replaceChain}
     * queued (its kept stages take their places) and closes the stages that left it, on a thread of
     * their own: this thread has left their plugin code, and no other enters it.
     *
     * @return the chain to run
     */
    private ChainImpl atBoundary() {
        if (pending == null) {
            return chain;
        }
        List<Stage> removed;
        synchronized (swapLock) {
            ChainImpl next = pending;
            if (next == null || stopped) {
                return chain;
            }
            pending = null;
            removed = chain.stagesNotIn(next);
            retiredSkipped += removed.stream().mapToLong(Stage::skipped).sum();
            next.activate();
            chain = next;
            outputRate = sourceRate * next.frameRateFactor();
        }
        closeInBackground(removed);
        return chain;
    }

    /** Closes stages that left the chain (through their guards; frames they held are released). */
    private static void closeInBackground(List<Stage> stages) {
        if (!stages.isEmpty()) {
            thread("close-stages", () -> stages.forEach(Stage::close)).start();
        }
    }

    /** Queues the outputs of one push, spread in time after the previous output up to the newest input. */
    private void emit(List<Frame> produced, Input at) throws InterruptedException {
        int k = produced.size();
        long before = lastOut;
        for (int j = 0; j < k; j++) {
            long pts = outputTime(j, k, before, firstIn, at.ptsMicros());
            pts = lastOut == Long.MIN_VALUE ? pts : Math.max(pts, lastOut + 1);
            lastOut = pts;
            offerOutput(new Output(new TimedFrame(produced.get(j), pts), at.arrivalNanos()), k);
        }
    }

    /**
     * The source ended: the frames the stages still hold are flushed through the chain, and its
     * outputs go one output period apart after the last output (from the first input's time when
     * there was none), where the frames they come from lie.
     */
    private void flush(long arrivalNanos) throws InterruptedException {
        awaitRunning();
        if (stopped) {
            return;
        }
        ChainImpl running = atBoundary();
        long period = Math.max(1, Math.round(1e6 / outputRate));
        List<Frame> flushed = running.flush();
        for (Frame f : flushed) {
            long pts = lastOut == Long.MIN_VALUE ? firstIn : lastOut + period;
            lastOut = pts;
            offerOutput(new Output(new TimedFrame(f, pts), arrivalNanos), flushed.size());
        }
    }

    /**
     * The time of output {@code j} of {@code k} produced when the input at {@code newest} arrived:
     * spread evenly after the previous output up to {@code newest}, so a stage that doubles the
     * rate gets outputs at twice the rate. The first outputs spread over the inputs seen so far,
     * from {@code firstIn}. The caller keeps times increasing.
     */
    static long outputTime(int j, int k, long lastOut, long firstIn, long newest) {
        if (lastOut == Long.MIN_VALUE) {
            return k == 1 ? newest : firstIn + (newest - firstIn) * j / (k - 1);
        }
        return lastOut + (newest - lastOut) * (j + 1) / k;
    }

    // ---- watchdog

    /**
     * Every quarter of the deadline (at most every 100 ms of the session's clock), asks each stage
     * whether its running call is overdue; when one is, the stage is marked failed and a new
     * processing thread takes over the stream.
     */
    private void watch() {
        try {
            while (done.getCount() > 0 && !stopped) {
                long period = Math.max(1, Math.min(chain.deadlineNanos() / 4, TimeUnit.MILLISECONDS.toNanos(100)));
                clock.sleepUntil(clock.nanoTime() + period);
                superviseOnce(chain.deadlineNanos()); // a replacement may bring another deadline
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return whether a stage was given up on */
    private boolean superviseOnce(long deadlineNanos) {
        for (Stage stage : chain.stageList()) {
            if (stage.abandonIfOverdue(deadlineNanos)) {
                engine.recordAbandoned(stage);
                if (!stopped) {
                    Thread replacement = thread("process", this::process);
                    processing = replacement;
                    replacement.start();
                }
                return true;
            }
        }
        return false;
    }

    // ---- sink thread

    private void writeSinks() {
        try {
            while (true) {
                Output out = outputs.take();
                if (out == END_OF_OUTPUT) {
                    break;
                }
                deliver(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeAllSinks();
            done.countDown();
        }
    }

    /** Shows one output to every sink, on the host, then releases it. */
    private void deliver(Output out) {
        synchronized (deliverLock) {
            deliverHeld(out);
        }
    }

    private void deliverHeld(Output out) {
        Frame frame = out.frame().frame();
        Frame host = frame;
        try {
            if (frame.residency() == Frame.Residency.DEVICE && !sinks.isEmpty()) {
                host = engine.toHost(frame);
            }
            Frame view = FrameAccess.borrow(host);
            TimedFrame timed = new TimedFrame(view, out.frame().ptsMicros());
            double rate = outputRate;
            for (FrameSink sink : sinks) {
                try {
                    sink.accept(timed, rate);
                } catch (IOException | RuntimeException e) {
                    warnings.add("output " + sink.description() + " failed and was closed: " + e.getMessage());
                    LOG.log(Level.INFO, warnings.get(warnings.size() - 1), e); // reported by warnings()
                    if (takeSink(sink)) {
                        closeQuietly(sink);
                    }
                }
            }
            FrameAccess.endLoan(view);
            latency.add(clock.nanoTime() - out.arrivalNanos());
            framesOut++;
        } finally {
            if (host != frame) {
                host.release();
            }
            frame.release(); // every sink is done with it
        }
    }

    /** @return whether this call took the sink out of the list: then the caller, alone, closes it */
    private boolean takeSink(FrameSink sink) {
        return sinks.removeIf(s -> s == sink);
    }

    /** No sink is added from now on; every one still listed is closed, once. */
    private void closeAllSinks() {
        synchronized (sinkLock) {
            sinksEnded = true;
        }
        for (FrameSink sink : sinks) {
            if (takeSink(sink)) {
                closeQuietly(sink);
            }
        }
    }

    @Override
    public void addSink(FrameSink sink) {
        Objects.requireNonNull(sink, "sink");
        synchronized (sinkLock) {
            if (sinksEnded || stopped) {
                throw new IllegalStateException("the session has ended; output " + sink.description()
                        + " was not added");
            }
            if (sinks.stream().anyMatch(s -> s == sink)) {
                throw new IllegalArgumentException("output " + sink.description() + " is a sink of this session already");
            }
            sinks.add(sink);
        }
    }

    @Override
    public boolean removeSink(FrameSink sink) {
        if (sink == null || !takeSink(sink)) {
            return false;
        }
        synchronized (deliverLock) {
            // a delivery that began before the removal may still be showing it a frame: it ends first
        }
        closeQuietly(sink);
        return true;
    }

    private void closeQuietly(FrameSink sink) {
        try {
            sink.close();
        } catch (IOException | RuntimeException e) {
            warnings.add("closing output " + sink.description() + " failed: " + e.getMessage());
        }
    }

    /**
     * Queues an end marker behind everything already queued, waiting for room; only when the
     * session is being stopped may it push queued frames out (they are released).
     */
    private <T> void putQuietly(BlockingQueue<T> queue, T item) {
        boolean interrupted = Thread.interrupted();
        try {
            while (!queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                if (stopped) {
                    drainReleasing(queue);
                }
            }
        } catch (InterruptedException e) {
            interrupted = true;
            drainReleasing(queue);
            queue.offer(item);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> void drainReleasing(BlockingQueue<T> queue) {
        List<T> dropped = new ArrayList<>();
        queue.drainTo(dropped);
        for (T item : dropped) {
            if (item instanceof Input in && in.frame() != null) {
                in.frame().release();
            } else if (item instanceof Output out && out.frame() != null) {
                out.frame().frame().release();
            }
        }
    }

    // ---- control

    private void awaitRunning() throws InterruptedException {
        synchronized (pauseLock) {
            while (paused && !stopped) {
                pauseLock.wait();
            }
        }
    }

    @Override
    public void pause() {
        synchronized (pauseLock) {
            if (!paused) {
                paused = true;
                pausedSince = clock.nanoTime();
            }
        }
    }

    @Override
    public void resume() {
        synchronized (pauseLock) {
            if (paused) {
                paused = false;
                pausedNanos += clock.nanoTime() - pausedSince;
                pauseLock.notifyAll();
            }
        }
    }

    @Override
    public boolean isPaused() {
        return paused;
    }

    @Override
    public String mode() {
        return chain.mode();
    }

    @Override
    public List<StageStatus> stages() {
        return current.stages();
    }

    @Override
    public void setParams(int stage, Map<String, ?> values) {
        current.setParams(stage, values);
    }

    @Override
    public void setBypass(int stage, boolean bypass) {
        current.setBypass(stage, bypass);
    }

    @Override
    public void replaceChain(ChainSpec spec) {
        Objects.requireNonNull(spec, "spec");
        synchronized (replaceLock) {
            if (stopped || processingEnded) {
                throw new IllegalStateException("the session has ended; its chain cannot be replaced");
            }
            ChainImpl base = current;
            ChainImpl next = ChainImpl.replacing(base, spec, engine, settings);
            List<Stage> unused;
            boolean queued;
            synchronized (swapLock) {
                queued = !stopped && !processingEnded;
                if (queued) {
                    ChainImpl superseded = pending;
                    pending = next;
                    current = next;
                    // stages of a replacement never swapped in that this one does not keep either
                    unused = superseded == null ? List.of() : superseded.stagesNotIn(next).stream()
                            .filter(s -> chain.stageList().stream().noneMatch(r -> r == s)).toList();
                } else {
                    unused = next.stagesNotIn(base);
                }
            }
            closeInBackground(unused);
            if (!queued) {
                throw new IllegalStateException("the session ended while the new chain was loading; it was not used");
            }
        }
    }

    @Override
    public SessionMetrics metrics() {
        double wall = (clock.nanoTime() - startNanos) / 1e9;
        List<StageMetrics> stages = current.metrics();
        long skipped;
        synchronized (swapLock) {
            skipped = retiredSkipped + chain.stageList().stream().mapToLong(Stage::skipped).sum();
        }
        dev.scope.frames.PoolStats pool = engine.poolStats();
        return new SessionMetrics(wall, lastPtsMicros / 1e6, framesIn, inputDrops.get(), skipped, framesOut,
                outputDrops.get(), wall > 0 ? framesOut / wall : 0, outputRate, latency.percentileMillis(50),
                latency.percentileMillis(99), pool.framesInUse(), pool.pooledBytes(), stages);
    }

    @Override
    public boolean awaitDone(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    @Override
    public boolean isDone() {
        return done.getCount() == 0;
    }

    @Override
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    /**
     * Stops taking frames, waits until the processing thread has left plugin code (a call still
     * running after the deadline is given up on), then closes the stages (each close within the
     * deadline) and the sinks.
     */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
        if (source != null) {
            source.close();
        }
        sourceThread.interrupt(); // it is never inside plugin code
        long deadlineMillis = Math.max(1, chain.deadlineNanos() / 1_000_000);
        // it releases a frame it holds as it ends; waiting for it keeps that inside close()
        join(sourceThread, deadlineMillis);
        Thread p = processing;
        join(p, deadlineMillis);
        ChainImpl running;
        ChainImpl unswapped;
        synchronized (swapLock) { // stopped is set: no swap happens after this
            running = chain;
            unswapped = pending;
            pending = null;
        }
        if (p.isAlive()) {
            for (Stage stage : running.stageList()) {
                if (stage.inCall() && stage.abandonIfOverdue(0)) {
                    engine.recordAbandoned(stage);
                }
            }
            putQuietly(outputs, END_OF_OUTPUT);
        }
        watchdog.interrupt();
        join(sinkThread, deadlineMillis);
        if (sinkThread.isAlive()) {
            sinkThread.interrupt();
            join(sinkThread, deadlineMillis);
        }
        List<Stage> neverRan = unswapped == null ? List.of() : unswapped.stagesNotIn(running);
        closeChain(running, neverRan, deadlineMillis);
        drainReleasing(inputs);
        drainReleasing(outputs);
        closeAllSinks(); // only those the sink thread did not get to
    }

    /**
     * Closes the stages, and those of a replacement that was never swapped in, on a thread of its
     * own, so that a close that hangs cannot hang the session's.
     */
    private void closeChain(ChainImpl running, List<Stage> neverRan, long deadlineMillis) {
        Thread closer = thread("close", () -> {
            running.close();
            neverRan.forEach(Stage::close);
        });
        closer.start();
        join(closer, deadlineMillis * Math.max(1, running.stageList().size() + neverRan.size()));
        if (closer.isAlive()) {
            warnings.add("closing the chain did not finish within " + deadlineMillis + " ms a stage; it goes on"
                    + " in the background");
        }
    }

    private static void join(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
