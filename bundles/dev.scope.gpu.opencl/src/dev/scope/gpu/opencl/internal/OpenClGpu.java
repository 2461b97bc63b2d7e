package dev.scope.gpu.opencl.internal;

import static org.jocl.CL.CL_COMPLETE;
import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_EVENT_COMMAND_EXECUTION_STATUS;
import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROFILING_COMMAND_END;
import static org.jocl.CL.CL_PROFILING_COMMAND_START;
import static org.jocl.CL.CL_PROGRAM_BINARIES;
import static org.jocl.CL.CL_PROGRAM_BINARY_SIZES;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
import static org.jocl.CL.CL_QUEUE_PROFILING_ENABLE;
import static org.jocl.CL.clBuildProgram;
import static org.jocl.CL.clCreateBuffer;
import static org.jocl.CL.clCreateCommandQueue;
import static org.jocl.CL.clCreateContext;
import static org.jocl.CL.clCreateProgramWithBinary;
import static org.jocl.CL.clCreateProgramWithSource;
import static org.jocl.CL.clEnqueueNDRangeKernel;
import static org.jocl.CL.clEnqueueReadBuffer;
import static org.jocl.CL.clEnqueueWriteBuffer;
import static org.jocl.CL.clFinish;
import static org.jocl.CL.clFlush;
import static org.jocl.CL.clGetEventInfo;
import static org.jocl.CL.clGetEventProfilingInfo;
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clGetProgramInfo;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clReleaseEvent;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clReleaseProgram;
import static org.jocl.CL.clRetainEvent;
import static org.jocl.CL.clSetKernelArg;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import dev.scope.frames.FrameAccess;
import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuBuffer;
import dev.scope.gpu.api.GpuBuildException;
import dev.scope.gpu.api.GpuException;
import dev.scope.gpu.api.GpuProgram;
import dev.scope.gpu.api.GpuStats;
import dev.scope.gpu.api.GpuTimer;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_event;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.osgi.framework.BundleContext;

/**
 * The {@link Gpu} service on OpenCL: one device (a GPU first, else a CPU device such as PoCL),
 * one context and one in-order command queue with profiling, a program cache (in process and on
 * disk), and pools of device buffers and host copies. It exists only with a device:
 * {@link #open} says why there is none, and {@link OpenClComponent} registers it.
 *
 * <p>Threads: every public method may be called from any thread. A read-write lock keeps
 * {@link #close()} from releasing the context under a running call; per-kernel monitors make
 * argument setting plus enqueue atomic; a frame's memory guards its host copy; everything else is
 * OpenCL's own thread safety (1.1+) and the in-order queue, which is also why a buffer may go back
 * to the pool right after the launch that uses it has been enqueued. Lock order: the lifecycle
 * lock, then a kernel, then a frame's memory or a timer's events.
 *
 * <p>Framework properties: {@value #DEVICE_PROPERTY} ({@code none}: no device, any other value
 * picks the first device whose name contains it), {@value #CACHE_PROPERTY} (the binary cache
 * folder, default {@code $XDG_CACHE_HOME/scope/opencl}).
 */
final class OpenClGpu implements Gpu {

    static final String DEVICE_PROPERTY = "scope.gpu.device";
    static final String CACHE_PROPERTY = "scope.gpu.cache";

    private static final System.Logger LOG = System.getLogger(OpenClGpu.class.getName());
    private static final int POOL_BUFFERS_PER_SIZE = 8;
    private static final int HOST_COPIES_PER_SIZE = 4;
    private static final String SOURCE = "<source>";

    /**
     * @param device {@code none}, part of a device name, or blank for the automatic choice
     * @param cacheDir the binary cache folder, or null for none
     * @param loader where to look for the OpenCL loader before JOCL is touched
     */
    record Settings(String device, Path cacheDir, OpenClLoader.Search loader) {

        Settings(String device, Path cacheDir) {
            this(device, cacheDir, OpenClLoader.Search.system());
        }

        static Settings of(BundleContext context) {
            String device = context.getProperty(DEVICE_PROPERTY);
            String cache = context.getProperty(CACHE_PROPERTY);
            return new Settings(device == null ? "" : device,
                    cache == null || cache.isBlank() ? defaultCacheDir() : Path.of(cache));
        }

        static Path defaultCacheDir() {
            String xdg = System.getenv("XDG_CACHE_HOME");
            Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                    : Path.of(System.getProperty("user.home"), ".cache");
            return base.resolve("scope").resolve("opencl");
        }
    }

    /** There is no device to use: the message says why. */
    static final class NoDevice extends Exception {
        private static final long serialVersionUID = 1L;

        /** Whether the machine is simply without OpenCL (or it is switched off): no cause for a warning. */
        final boolean normal;

        NoDevice(String reason, boolean normal) {
            super(reason);
            this.normal = normal;
        }
    }

    private final Device device;
    private final cl_context context;
    private final cl_command_queue queue;
    private final BinaryCache binaries;
    private final Pool<cl_mem> pool = new Pool<>(POOL_BUFFERS_PER_SIZE);
    private final Pool<ByteBuffer> hostCopies = new Pool<>(HOST_COPIES_PER_SIZE);
    private final Map<String, ClProgram> programs = new ConcurrentHashMap<>();
    /** Frame and buffer handles collected unreleased. */
    private final ReferenceQueue<Object> collected = new ReferenceQueue<>();
    /** The handles not yet released, of frames and buffers. */
    private final Set<ClFrame.Tracker> handles = ConcurrentHashMap.newKeySet();
    /** The device memory in use, of frames and buffers. */
    private final Set<ClMemory> allocations = ConcurrentHashMap.newKeySet();
    private final ReferenceQueue<ClTimer> droppedTimers = new ReferenceQueue<>();
    /** Timers open, or with events not yet counted. */
    private final Set<ClTimer.Events> timers = ConcurrentHashMap.newKeySet();
    /** The calling thread's open timers: its launches get an event for each of them. */
    private final ThreadLocal<List<ClTimer>> openTimers = ThreadLocal.withInitial(ArrayList::new);
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed; // guarded by lifecycle

    private final LongAdder uploads = new LongAdder();
    private final LongAdder uploadedBytes = new LongAdder();
    private final LongAdder downloads = new LongAdder();
    private final LongAdder downloadedBytes = new LongAdder();
    private final LongAdder launches = new LongAdder();
    private final LongAdder programsBuilt = new LongAdder();
    private final LongAdder programsLoaded = new LongAdder();
    private final LongAdder programCacheHits = new LongAdder();
    private final LongAdder buffersCreated = new LongAdder();
    private final LongAdder buffersReused = new LongAdder();
    private final AtomicLong framesInUse = new AtomicLong();
    private final LongAdder framesLeaked = new LongAdder();

    private OpenClGpu(Settings settings, Device device, cl_context context, cl_command_queue queue) {
        this.binaries = new BinaryCache(settings.cacheDir());
        this.device = device;
        this.context = context;
        this.queue = queue;
    }

    /**
     * Probes for the OpenCL loader (before any {@code org.jocl} class is touched: without a loader
     * JOCL's static initialiser prints on stdout), chooses the device and opens a context on it.
     *
     * @param settings the device choice, cache and loader search
     * @return the service, owned by the caller, who {@link #close() closes} it
     * @throws NoDevice when there is no device to use, saying why
     */
    static OpenClGpu open(Settings settings) throws NoDevice {
        if (settings.device().strip().equalsIgnoreCase("none")) {
            throw new NoDevice("OpenCL is switched off (" + DEVICE_PROPERTY + "=none)", true);
        }
        OpenClLoader.Probe loader = OpenClLoader.probe(settings.loader(), OpenClLoader.SYSTEM_LOAD);
        if (!loader.found()) {
            throw new NoDevice(loader.reason(), true);
        }
        LOG.log(Level.DEBUG, "OpenCL loader: " + loader.library());
        Device chosen = null;
        cl_context ctx = null;
        try {
            chosen = Device.choose(settings.device());
            cl_context_properties properties = new cl_context_properties();
            properties.addProperty(CL_CONTEXT_PLATFORM, chosen.platform());
            ctx = clCreateContext(properties, 1, new cl_device_id[] {chosen.id()}, null, null, null);
            // profiling for GpuTimer: launches without an open timer ask for no event
            cl_command_queue q = clCreateCommandQueue(ctx, chosen.id(), CL_QUEUE_PROFILING_ENABLE, null);
            return new OpenClGpu(settings, chosen, ctx, q);
        } catch (Device.NoDeviceException e) {
            throw new NoDevice(e.getMessage(), false);
        } catch (RuntimeException | LinkageError e) {
            if (ctx != null) {
                clReleaseContext(ctx);
            }
            throw new NoDevice("OpenCL failed to start" + (chosen == null ? "" : " on " + chosen) + ": " + e, false);
        }
    }

    /** @return the device with its platform and driver, for the log */
    String describe() {
        return device.toString();
    }

    @Override
    public String deviceName() {
        return device.name();
    }

    @Override
    public String path() {
        return device.path();
    }

    @Override
    public boolean doubles() {
        return device.doubles();
    }

    @Override
    public long memoryBytes() {
        return device.memoryBytes();
    }

    // --- programs

    @Override
    public GpuProgram compile(String source, String options) {
        Objects.requireNonNull(source, "source");
        return compile(source, options, SOURCE);
    }

    @Override
    public GpuProgram compile(Class<?> anchor, String resource, String options) {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(resource, "resource");
        String source;
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no OpenCL source '" + resource + "' beside " + anchor.getName()
                        + " (looked up as " + anchor.getSimpleName() + ".class.getResource(\"" + resource
                        + "\") does)");
            }
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the OpenCL source '" + resource + "' beside "
                    + anchor.getName() + ": " + e.getMessage());
        }
        return compile(source, options, resource);
    }

    /** @param label how build errors name the source: {@code <source>} or the resource's name */
    private GpuProgram compile(String source, String options, String label) {
        String opts = options == null ? "" : options.strip();
        return guarded("compile", () -> {
            String key = BinaryCache.sha256(opts, source);
            ClProgram program = programs.get(key);
            if (program == null) {
                synchronized (programs) {
                    program = programs.get(key);
                    if (program == null) {
                        program = new ClProgram(this, build(source, opts, label));
                        programs.put(key, program);
                        return program;
                    }
                }
            }
            programCacheHits.increment();
            return program;
        });
    }

    private cl_program build(String source, String options, String label) {
        cl_device_id[] devices = {device.id()};
        String diskKey = BinaryCache.sha256(device.fingerprint(), options, source);
        byte[] binary = binaries.load(diskKey);
        if (binary != null) {
            cl_program program = null;
            try {
                program = clCreateProgramWithBinary(context, 1, devices, new long[] {binary.length},
                        new byte[][] {binary}, new int[1], null);
                clBuildProgram(program, 1, devices, options, null, null);
                programsLoaded.increment();
                return program;
            } catch (CLException e) {
                LOG.log(Level.DEBUG, "stale OpenCL binary " + diskKey + " (" + e.getMessage() + "): rebuilding");
                if (program != null) {
                    clReleaseProgram(program);
                }
                binaries.delete(diskKey);
            }
        }
        cl_program program = clCreateProgramWithSource(context, 1, new String[] {source}, null, null);
        try {
            clBuildProgram(program, 1, devices, options, null, null);
        } catch (CLException e) {
            String log = buildLog(program);
            clReleaseProgram(program);
            String first = BuildLog.firstError(log, e.getMessage()).replace(SOURCE, label);
            throw new GpuBuildException("kernel build failed: " + first
                    + (options.isEmpty() ? "" : " (options: " + options + ")"), log);
        }
        programsBuilt.increment();
        try {
            binaries.store(diskKey, binaryOf(program));
        } catch (CLException e) {
            LOG.log(Level.DEBUG, "no binary of the OpenCL program to cache: " + e.getMessage());
        }
        return program;
    }

    private String buildLog(cl_program program) {
        try {
            return Device.infoString((size, value, sizeOut) ->
                    clGetProgramBuildInfo(program, device.id(), CL_PROGRAM_BUILD_LOG, size, value, sizeOut));
        } catch (CLException e) {
            return "";
        }
    }

    private static byte[] binaryOf(cl_program program) {
        long[] size = new long[1];
        clGetProgramInfo(program, CL_PROGRAM_BINARY_SIZES, Sizeof.size_t, Pointer.to(size), null);
        byte[] binary = new byte[(int) size[0]];
        if (binary.length > 0) {
            clGetProgramInfo(program, CL_PROGRAM_BINARIES, Sizeof.POINTER, Pointer.to(Pointer.to(binary)), null);
        }
        return binary;
    }

    // --- frames and buffers

    @Override
    public DeviceFrame allocate(int width, int height) {
        checkSize(width, height);
        return guarded("allocate", () -> newFrame(width, height));
    }

    @Override
    public GpuBuffer buffer(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("a GpuBuffer of " + bytes + " bytes: it needs at least 1");
        }
        return guarded("buffer", () -> newBuffer(bytes));
    }

    @Override
    public GpuBuffer buffer(int[] values) {
        Objects.requireNonNull(values, "values");
        if (values.length == 0) {
            throw new IllegalArgumentException("a GpuBuffer of no values: it needs at least one");
        }
        long bytes = (long) values.length * Sizeof.cl_int;
        return guarded("buffer upload", () -> {
            ClBuffer buffer = newBuffer(bytes);
            try {
                clEnqueueWriteBuffer(queue, buffer.memory.mem, true, 0, bytes, Pointer.to(values), 0, null, null);
            } catch (RuntimeException e) {
                buffer.release();
                throw e;
            }
            uploadedBytes.add(bytes);
            return buffer;
        });
    }

    @Override
    public DeviceFrame upload(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        if (FrameAccess.target(frame) instanceof ClFrame own && own.owner() == this) {
            return own.retain();
        }
        int w = frame.width();
        int h = frame.height();
        checkSize(w, h);
        return guarded("upload", () -> {
            ByteBuffer memory = FrameAccess.memory(frame).orElse(null); // throws for a released frame
            ClFrame copy = newFrame(w, h);
            long bytes = copy.memory.bytes;
            try {
                if (memory != null && memory.remaining() >= bytes) {
                    clEnqueueWriteBuffer(queue, copy.memory.mem, true, 0, bytes, Pointer.to(memory), 0, null, null);
                } else {
                    int[] pixels = new int[w * h];
                    frame.read(pixels);
                    clEnqueueWriteBuffer(queue, copy.memory.mem, true, 0, bytes, Pointer.to(pixels), 0, null, null);
                }
            } catch (RuntimeException | Error e) {
                copy.release();
                throw e;
            }
            uploads.increment();
            uploadedBytes.add(bytes);
            return copy;
        });
    }

    @Override
    public Frame download(Frame frame, FrameAllocator frames) {
        Objects.requireNonNull(frames, "frames");
        ClFrame own = own(frame, "download");
        return guarded("download", () -> {
            Frame host = frames.allocateUninitialized(own.width(), own.height());
            try {
                ByteBuffer memory = FrameAccess.memory(host).filter(b -> !b.isReadOnly()).orElse(null);
                if (memory != null && memory.remaining() >= own.memory.bytes) {
                    own.memory.copyTo(memory);
                } else {
                    int[] pixels = new int[own.width() * own.height()];
                    own.memory.readRows(0, own.height(), pixels, 0);
                    host.write(pixels);
                }
                return host;
            } catch (RuntimeException | Error e) {
                host.release();
                throw e;
            }
        });
    }

    /**
     * The handle behind {@code frame} (also behind a borrowed view), when it is a live device frame
     * of this service.
     *
     * @param what the argument or call, for the message
     * @throws IllegalArgumentException for a host frame or one of another service
     * @throws IllegalStateException for a released handle
     */
    ClFrame own(Frame frame, String what) {
        Objects.requireNonNull(frame, what);
        Frame target = FrameAccess.target(frame);
        if (!(target instanceof ClFrame own) || own.owner() != this) {
            throw new IllegalArgumentException(what + ": " + frame + (frame.residency() == Frame.Residency.HOST
                    ? " is a host frame" : " belongs to another Gpu service") + "; pass gpu.upload(frame)");
        }
        own.live();
        return own;
    }

    private ClFrame newFrame(int width, int height) {
        reclaimCollected();
        long bytes = (long) width * height * 4;
        ClMemory memory = new ClMemory(this, takeBuffer(bytes), bytes, width, height);
        allocations.add(memory);
        framesInUse.incrementAndGet();
        return track(new ClFrame(memory, true, collected));
    }

    private ClBuffer newBuffer(long bytes) {
        reclaimCollected();
        ClMemory memory = new ClMemory(this, takeBuffer(bytes), bytes, 0, 0);
        allocations.add(memory);
        ClBuffer buffer = new ClBuffer(memory, collected);
        handles.add(buffer.tracker());
        return buffer;
    }

    private cl_mem takeBuffer(long bytes) {
        cl_mem mem = pool.take(bytes);
        if (mem != null) {
            buffersReused.increment();
            return mem;
        }
        mem = clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null);
        buffersCreated.increment();
        return mem;
    }

    /** A new handle of a frame's memory, which already counts the handle's reference. */
    DeviceFrame handle(ClMemory memory, boolean writable) {
        reclaimCollected();
        return track(new ClFrame(memory, writable, collected));
    }

    private ClFrame track(ClFrame frame) {
        handles.add(frame.tracker());
        return frame;
    }

    /** A handle was released: its reference goes (once, whoever comes first: release, collection, close). */
    void released(ClFrame.Tracker tracker) {
        if (handles.remove(tracker)) {
            tracker.clear();
            tracker.memory.release();
        }
    }

    /** The last reference of some memory is gone: the buffer back to the pool, the host copy to its pool. */
    void recycle(ClMemory memory, ByteBuffer hostCopy) {
        if (allocations.remove(memory)) {
            if (memory.isFrame()) {
                framesInUse.decrementAndGet();
            }
            if (hostCopy != null) {
                recycleHostCopy(hostCopy);
            }
            if (!pool.give(memory.bytes, memory.mem)) {
                clReleaseMemObject(memory.mem);
            }
        }
    }

    private void reclaimCollected() {
        Reference<?> reference;
        while ((reference = collected.poll()) != null) {
            ClFrame.Tracker tracker = (ClFrame.Tracker) reference;
            if (handles.remove(tracker)) {
                boolean frame = tracker.memory.isFrame();
                if (frame) {
                    framesLeaked.increment();
                }
                LOG.log(Level.WARNING, "a handle of a " + tracker.memory.bytes + "-byte device "
                        + (frame ? "frame" : "buffer") + " was collected without release()");
                tracker.memory.release();
            }
        }
        while ((reference = droppedTimers.poll()) != null) {
            ClTimer.Events events = (ClTimer.Events) reference;
            if (timers.remove(events)) {
                synchronized (events) {
                    releaseEvents(events);
                }
            }
        }
    }

    // --- transfers

    void readRows(ClFrame frame, int firstRow, int rows, int[] dst, int offset) {
        guarded("download", () -> {
            frame.memory.readRows(firstRow, rows, dst, offset);
            return null;
        });
    }

    void writeRows(ClFrame frame, int firstRow, int rows, int[] src, int offset) {
        int n = rows * frame.width();
        int[] pixels = new int[n];
        for (int i = 0; i < n; i++) {
            pixels[i] = src[offset + i] | Frame.OPAQUE;
        }
        guarded("upload", () -> {
            long bytes = n * 4L;
            clEnqueueWriteBuffer(queue, frame.memory.mem, true, firstRow * frame.width() * 4L, bytes,
                    Pointer.to(pixels), 0, null, null);
            uploads.increment();
            uploadedBytes.add(bytes);
            frame.memory.dropHostCopy();
            return null;
        });
    }

    /** A new host copy of a frame's pixels, in a pooled buffer when one is free. Under the read lock. */
    ByteBuffer hostCopyOf(ClMemory memory) {
        ByteBuffer host = hostCopies.take(memory.bytes);
        if (host == null) {
            host = ByteBuffer.allocateDirect((int) memory.bytes).order(ByteOrder.nativeOrder());
        }
        try {
            readInto(memory, host);
        } catch (RuntimeException e) {
            hostCopies.give(memory.bytes, host);
            throw e;
        }
        return host;
    }

    void recycleHostCopy(ByteBuffer copy) {
        hostCopies.give(copy.capacity(), copy);
    }

    /** A blocking read of the whole memory into {@code host} (direct, from position 0). Under the read lock. */
    void readInto(ClMemory memory, ByteBuffer host) {
        clEnqueueReadBuffer(queue, memory.mem, true, 0, memory.bytes, Pointer.to(host.duplicate().clear()), 0, null,
                null);
        downloads.increment();
        downloadedBytes.add(memory.bytes);
    }

    @Override
    public void finish() {
        guarded("clFinish", () -> {
            clFinish(queue);
            return null;
        });
    }

    // --- launches

    /** Enqueues one launch; see {@link ClKernel} for why the kernel's monitor is held. */
    void launch(ClKernel kernel, int globalWidth, int globalHeight, List<Object> args) {
        guarded("launch of kernel '" + kernel.name() + "'", () -> {
            if (args.size() != kernel.argCount()) {
                throw new IllegalArgumentException("kernel '" + kernel.name() + "' takes " + kernel.argCount()
                        + " arguments, the launch gave " + args.size());
            }
            List<ClTimer> timed = openTimers.get();
            if (!timed.isEmpty()) {
                timed.removeIf(t -> !t.open()); // closed from another thread
            }
            cl_event event = timed.isEmpty() ? null : new cl_event();
            synchronized (kernel) {
                for (int i = 0; i < args.size(); i++) {
                    setArg(kernel, i, args.get(i));
                }
                clEnqueueNDRangeKernel(queue, kernel.id(), 2, null, new long[] {globalWidth, globalHeight}, null, 0,
                        null, event);
            }
            launches.increment();
            if (event != null) {
                for (int i = 0; i < timed.size(); i++) {
                    if (i > 0) {
                        clRetainEvent(event); // one reference for each timer, each releases its own
                    }
                    timed.get(i).add(event);
                }
            }
            // after the enqueue: a read between the two downloads the new pixels (the queue is in order)
            for (Object arg : args) {
                if (arg instanceof ClLaunch.FrameArg f && f.written()) {
                    f.handle().memory.dropHostCopy();
                }
            }
            return null;
        });
    }

    private void setArg(ClKernel kernel, int index, Object arg) {
        try {
            switch (arg) {
                case ClLaunch.FrameArg f -> {
                    f.handle().live();
                    clSetKernelArg(kernel.id(), index, Sizeof.cl_mem, Pointer.to(f.handle().memory.mem));
                }
                case ClBuffer b -> {
                    b.live();
                    clSetKernelArg(kernel.id(), index, Sizeof.cl_mem, Pointer.to(b.memory.mem));
                }
                case Integer v -> clSetKernelArg(kernel.id(), index, Sizeof.cl_int, Pointer.to(new int[] {v}));
                case Long v -> clSetKernelArg(kernel.id(), index, Sizeof.cl_long, Pointer.to(new long[] {v}));
                case Float v -> clSetKernelArg(kernel.id(), index, Sizeof.cl_float, Pointer.to(new float[] {v}));
                case Double v -> clSetKernelArg(kernel.id(), index, Sizeof.cl_double, Pointer.to(new double[] {v}));
                case int[] values -> constants(kernel, index, values, Pointer.to(values),
                        (long) values.length * Sizeof.cl_int);
                case float[] values -> constants(kernel, index, values, Pointer.to(values),
                        (long) values.length * Sizeof.cl_float);
                case double[] values -> constants(kernel, index, values, Pointer.to(values),
                        (long) values.length * Sizeof.cl_double);
                default -> throw new IllegalStateException("unexpected launch argument " + arg);
            }
        } catch (CLException e) {
            throw new IllegalArgumentException("argument " + index + " of kernel '" + kernel.name() + "' ("
                    + describe(arg) + ") does not fit its parameter: " + e.getMessage());
        }
    }

    /** An array argument: the kernel's kept buffer when the values are the same as last time, else a new one. */
    private void constants(ClKernel kernel, int index, Object array, Pointer values, long bytes) {
        cl_mem mem = kernel.constant(index, array);
        if (mem == null) {
            mem = clCreateBuffer(context, CL_MEM_READ_ONLY | CL_MEM_COPY_HOST_PTR, bytes, values, null);
            kernel.keepConstant(index, array, mem);
            uploadedBytes.add(bytes);
        }
        clSetKernelArg(kernel.id(), index, Sizeof.cl_mem, Pointer.to(mem));
    }

    private static String describe(Object arg) {
        return switch (arg) {
            case ClLaunch.FrameArg f -> f.written() ? "an output frame" : "an input frame";
            case ClBuffer b -> "a buffer";
            case Integer i -> "an int";
            case Long l -> "a long";
            case Float f -> "a float";
            case Double d -> "a double";
            case int[] a -> "an int[" + a.length + "]";
            case float[] a -> "a float[" + a.length + "]";
            case double[] a -> "a double[" + a.length + "]";
            default -> arg.getClass().getSimpleName();
        };
    }

    // --- timers

    @Override
    public GpuTimer startTimer() {
        return guarded("startTimer", () -> {
            reclaimCollected();
            ClTimer timer = new ClTimer(this, droppedTimers);
            timers.add(timer.events);
            openTimers.get().add(timer);
            return timer;
        });
    }

    void closeTimer(ClTimer timer) {
        ClTimer.Events events = timer.events;
        boolean pending;
        synchronized (events) {
            if (events.closed) {
                return;
            }
            events.closed = true;
            pending = !events.pending.isEmpty();
            if (!pending) {
                timers.remove(events);
            }
        }
        if (Thread.currentThread() == timer.thread) {
            openTimers.get().remove(timer);
        }
        if (pending) {
            // submits the timed work without waiting for it, so that its events complete
            lifecycle.readLock().lock();
            try {
                if (!closed) {
                    clFlush(queue);
                }
            } catch (CLException e) {
                throw failure("clFlush", e);
            } finally {
                lifecycle.readLock().unlock();
            }
        }
    }

    /**
     * Counts the events that completed; never waits. Empty while one has not, and for good once
     * events were released uncounted (a launch failed, or the service closed first).
     */
    OptionalLong deviceNanos(ClTimer.Events events) {
        lifecycle.readLock().lock();
        try {
            synchronized (events) {
                if (events.lost) {
                    return OptionalLong.empty();
                }
                int[] status = new int[1];
                long[] start = new long[1];
                long[] end = new long[1];
                for (Iterator<cl_event> it = events.pending.iterator(); it.hasNext();) {
                    cl_event event = it.next();
                    clGetEventInfo(event, CL_EVENT_COMMAND_EXECUTION_STATUS, Sizeof.cl_int, Pointer.to(status), null);
                    if (status[0] < 0) {
                        releaseEvents(events);
                        timers.remove(events);
                        throw new GpuException("a timed launch failed on the device: " + CL.stringFor_errorCode(status[0]),
                                null);
                    }
                    if (status[0] != CL_COMPLETE) {
                        return OptionalLong.empty();
                    }
                    clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_START, Sizeof.cl_ulong, Pointer.to(start), null);
                    clGetEventProfilingInfo(event, CL_PROFILING_COMMAND_END, Sizeof.cl_ulong, Pointer.to(end), null);
                    events.nanos += end[0] - start[0];
                    clReleaseEvent(event);
                    it.remove();
                }
                if (events.closed) {
                    timers.remove(events);
                }
                return OptionalLong.of(events.nanos);
            }
        } catch (CLException e) {
            throw failure("timer", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Releases the events not yet counted, so the sum stays unknown. Called with the events' monitor held. */
    private static void releaseEvents(ClTimer.Events events) {
        if (!events.pending.isEmpty()) {
            events.lost = true;
            events.pending.forEach(CL::clReleaseEvent);
            events.pending.clear();
        }
    }

    @Override
    public GpuStats stats() {
        return new GpuStats(uploads.sum(), uploadedBytes.sum(), downloads.sum(), downloadedBytes.sum(),
                launches.sum(), programsBuilt.sum(), programsLoaded.sum(), programCacheHits.sum(),
                buffersCreated.sum(), buffersReused.sum(), framesInUse.get(), framesLeaked.sum());
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1 || width > Frame.MAX_SIDE || height > Frame.MAX_SIDE) {
            throw new IllegalArgumentException("a frame of " + width + "x" + height + " is past the frame size limit:"
                    + " 1 to " + Frame.MAX_SIDE + " pixels on each side");
        }
    }

    /**
     * Runs device work under the read lock, on a live service, turning OpenCL errors into
     * {@link GpuException}s that name {@code what}.
     */
    <T> T guarded(String what, Supplier<T> work) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the Gpu service is closed");
            }
            return work.get();
        } catch (CLException e) {
            throw failure(what, e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    static GpuException failure(String what, CLException e) {
        return new GpuException(what + " failed: " + e.getMessage(), null);
    }

    /** Releases every OpenCL object; frames, buffers and timers still held by callers become invalid. */
    void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                clFinish(queue);
            } catch (CLException e) {
                LOG.log(Level.WARNING, "OpenCL work failed while closing: " + e.getMessage());
            }
            for (ClTimer.Events events : List.copyOf(timers)) {
                synchronized (events) {
                    releaseEvents(events);
                }
            }
            timers.clear();
            int programCount = programs.size();
            programs.values().forEach(ClProgram::close);
            programs.clear();
            int inUse = 0;
            for (ClMemory memory : List.copyOf(allocations)) {
                if (allocations.remove(memory)) {
                    clReleaseMemObject(memory.mem);
                    inUse++;
                }
            }
            handles.clear();
            framesInUse.set(0);
            hostCopies.close();
            List<cl_mem> pooled = pool.close();
            pooled.forEach(CL::clReleaseMemObject);
            clReleaseCommandQueue(queue);
            clReleaseContext(context);
            LOG.log(Level.DEBUG, "OpenCL closed: " + programCount + " programs, " + pooled.size()
                    + " pooled buffers, " + inUse + " frames and buffers still in use");
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "Gpu[" + device.name() + ", " + device.path() + "]";
    }
}
