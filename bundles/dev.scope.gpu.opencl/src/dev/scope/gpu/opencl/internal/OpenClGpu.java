package dev.scope.gpu.opencl.internal;

import static org.jocl.CL.CL_CONTEXT_PLATFORM;
import static org.jocl.CL.CL_MEM_COPY_HOST_PTR;
import static org.jocl.CL.CL_MEM_READ_ONLY;
import static org.jocl.CL.CL_MEM_READ_WRITE;
import static org.jocl.CL.CL_PROGRAM_BINARIES;
import static org.jocl.CL.CL_PROGRAM_BINARY_SIZES;
import static org.jocl.CL.CL_PROGRAM_BUILD_LOG;
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
import static org.jocl.CL.clGetProgramBuildInfo;
import static org.jocl.CL.clGetProgramInfo;
import static org.jocl.CL.clReleaseCommandQueue;
import static org.jocl.CL.clReleaseContext;
import static org.jocl.CL.clReleaseMemObject;
import static org.jocl.CL.clReleaseProgram;
import static org.jocl.CL.clSetKernelArg;

import java.lang.System.Logger.Level;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuBuildException;
import dev.scope.gpu.api.GpuException;
import dev.scope.gpu.api.GpuProgram;
import dev.scope.gpu.api.GpuStats;
import dev.scope.pipeline.api.Frame;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_context;
import org.jocl.cl_context_properties;
import org.jocl.cl_device_id;
import org.jocl.cl_mem;
import org.jocl.cl_program;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The {@link Gpu} service on OpenCL: one device (a GPU first, else a CPU device such as PoCL),
 * one context and one in-order command queue, a program cache (in process and on disk), and a
 * pool of frame buffers. Without OpenCL it reports the Java path and never fails to activate.
 *
 * <p>Threads: every public method may be called from any thread. A read-write lock keeps
 * {@link #close()} from releasing the context under a running call; per-kernel monitors make
 * argument setting plus enqueue atomic; everything else is OpenCL's own thread safety (1.1+)
 * and the in-order queue, which is also why a buffer may go back to the pool right after the
 * launch that uses it has been enqueued.
 *
 * <p>Framework properties: {@value #DEVICE_PROPERTY} ({@code none} forces the Java path, any
 * other value picks the first device whose name contains it), {@value #CACHE_PROPERTY} (the
 * binary cache folder, default {@code $XDG_CACHE_HOME/scope/opencl}).
 */
@Component(service = Gpu.class)
public final class OpenClGpu implements Gpu {

    static final String DEVICE_PROPERTY = "scope.gpu.device";
    static final String CACHE_PROPERTY = "scope.gpu.cache";

    private static final System.Logger LOG = System.getLogger(OpenClGpu.class.getName());
    private static final int POOL_BUFFERS_PER_SIZE = 8;
    private static final int HOST_COPIES_PER_SIZE = 4;

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

    private final Device device; // null on the Java path
    private final String unavailableReason;
    private final cl_context context;
    private final cl_command_queue queue;
    private final BinaryCache binaries;
    private final Pool<cl_mem> pool = new Pool<>(POOL_BUFFERS_PER_SIZE);
    private final Pool<ByteBuffer> hostCopies = new Pool<>(HOST_COPIES_PER_SIZE);
    private final Map<String, ClProgram> programs = new ConcurrentHashMap<>();
    private final ReferenceQueue<ClFrame> collected = new ReferenceQueue<>();
    private final Set<ClFrame.Memory> live = ConcurrentHashMap.newKeySet();
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
    private final LongAdder framesLeaked = new LongAdder();

    @Activate
    public OpenClGpu(BundleContext context) {
        this(Settings.of(context));
    }

    OpenClGpu(Settings settings) {
        binaries = new BinaryCache(settings.cacheDir());
        Device chosen = null;
        String reason = null;
        cl_context ctx = null;
        cl_command_queue q = null;
        boolean off = settings.device().strip().equalsIgnoreCase("none");
        // before anything of JOCL: without a loader its static initialiser prints on stdout
        OpenClLoader.Probe loader = off ? null : OpenClLoader.probe(settings.loader(), OpenClLoader.SYSTEM_LOAD);
        if (off) {
            reason = "OpenCL is switched off (" + DEVICE_PROPERTY + "=none)";
        } else if (!loader.found()) {
            reason = loader.reason();
        } else {
            LOG.log(Level.DEBUG, "OpenCL loader: " + loader.library());
            try {
                chosen = Device.choose(settings.device());
                cl_context_properties properties = new cl_context_properties();
                properties.addProperty(CL_CONTEXT_PLATFORM, chosen.platform());
                ctx = clCreateContext(properties, 1, new cl_device_id[] {chosen.id()}, null, null, null);
                q = clCreateCommandQueue(ctx, chosen.id(), 0, null);
            } catch (Device.NoDeviceException e) {
                reason = e.getMessage();
            } catch (RuntimeException | LinkageError e) {
                reason = "OpenCL failed to start" + (chosen == null ? "" : " on " + chosen) + ": " + e;
                if (ctx != null) {
                    clReleaseContext(ctx);
                }
            }
        }
        boolean ok = reason == null;
        device = ok ? chosen : null;
        context = ok ? ctx : null;
        queue = ok ? q : null;
        unavailableReason = reason;
        if (ok) {
            LOG.log(Level.INFO, "OpenCL device: " + device + "; kernels run on the " + device.path() + " path");
        } else {
            // a machine without an OpenCL loader is normal, not worth a warning on every command
            boolean normal = loader != null && !loader.found();
            LOG.log(normal ? Level.INFO : Level.WARNING, "No OpenCL device: " + reason + "; stages run on the Java path");
        }
    }

    @Override
    public boolean available() {
        return device != null;
    }

    @Override
    public String deviceName() {
        return device != null ? device.name() : "none: " + unavailableReason;
    }

    @Override
    public String path() {
        return device != null ? device.path() : PATH_JAVA;
    }

    @Override
    public GpuProgram compile(String source, String options) {
        Objects.requireNonNull(source, "source");
        String opts = options == null ? "" : options.strip();
        return guarded("compile", () -> {
            String key = BinaryCache.sha256(opts, source);
            ClProgram program = programs.get(key);
            if (program == null) {
                synchronized (programs) {
                    program = programs.get(key);
                    if (program == null) {
                        program = new ClProgram(this, build(source, opts));
                        programs.put(key, program);
                        return program;
                    }
                }
            }
            programCacheHits.increment();
            return program;
        });
    }

    private cl_program build(String source, String options) {
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
            throw new GpuBuildException("kernel build failed: " + BuildLog.firstError(log, e.getMessage())
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

    @Override
    public DeviceFrame allocate(int width, int height) {
        checkSize(width, height);
        return guarded("allocate", () -> newFrame(width, height));
    }

    @Override
    public DeviceFrame upload(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        return guarded("upload", () -> {
            ClFrame own = own(frame);
            if (own != null) {
                own.retain();
                return own;
            }
            checkSize(frame.width(), frame.height());
            ByteBuffer pixels = directPixels(frame);
            ClFrame copy = newFrame(frame.width(), frame.height());
            try {
                clEnqueueWriteBuffer(queue, copy.mem(), true, 0, copy.bytes(), Pointer.to(pixels), 0, null, null);
            } catch (RuntimeException e) {
                copy.release();
                throw e;
            }
            uploads.increment();
            uploadedBytes.add(copy.bytes());
            return copy;
        });
    }

    /** The frame's pixels at position 0 in direct memory (JOCL reads heap buffers by array). */
    private static ByteBuffer directPixels(Frame frame) {
        ByteBuffer pixels = frame.pixels();
        long expected = (long) frame.width() * frame.height() * Frame.BYTES_PER_PIXEL;
        if (pixels.remaining() != expected) {
            throw new IllegalArgumentException(frame + " has " + pixels.remaining()
                    + " bytes of pixels, expected " + expected);
        }
        if (pixels.isDirect()) {
            return pixels.slice();
        }
        return ByteBuffer.allocateDirect(pixels.remaining()).put(pixels).flip();
    }

    @Override
    public Frame download(Frame frame) {
        Objects.requireNonNull(frame, "frame");
        ClFrame own = own(frame);
        if (own == null) {
            return frame.residency() == Frame.Residency.HOST ? frame : Frame.copyOf(frame);
        }
        return guarded("download", () -> {
            Frame host = Frame.allocateUninitialized(own.width(), own.height());
            readInto(own, host.pixels());
            return host;
        });
    }

    /** The host copy behind {@link ClFrame#pixels()}, in a pooled buffer when one is free. */
    ByteBuffer read(ClFrame frame) {
        return guarded("download", () -> {
            ByteBuffer host = hostCopies.take(frame.bytes());
            if (host == null) {
                host = ByteBuffer.allocateDirect((int) frame.bytes()).order(ByteOrder.nativeOrder());
            }
            try {
                readInto(frame, host);
            } catch (RuntimeException e) {
                hostCopies.give(frame.bytes(), host);
                throw e;
            }
            return host;
        });
    }

    /** Takes back the host copy of a frame released for the last time. */
    void recycleHostCopy(ByteBuffer copy) {
        hostCopies.give(copy.capacity(), copy);
    }

    void readInto(ClFrame frame, ByteBuffer host) {
        clEnqueueReadBuffer(queue, frame.mem(), true, 0, frame.bytes(), Pointer.to(host), 0, null, null);
        downloads.increment();
        downloadedBytes.add(frame.bytes());
    }

    @Override
    public void finish() {
        guarded("clFinish", () -> {
            clFinish(queue);
            return null;
        });
    }

    @Override
    public GpuStats stats() {
        return new GpuStats(uploads.sum(), uploadedBytes.sum(), downloads.sum(), downloadedBytes.sum(),
                launches.sum(), programsBuilt.sum(), programsLoaded.sum(), programCacheHits.sum(),
                buffersCreated.sum(), buffersReused.sum(), live.size(), framesLeaked.sum());
    }

    /** Enqueues one launch; see {@link ClKernel} for why the kernel's monitor is held. */
    void launch(ClKernel kernel, int globalWidth, int globalHeight, List<Object> args) {
        guarded("launch of kernel '" + kernel.name() + "'", () -> {
            if (args.size() != kernel.argCount()) {
                throw new IllegalArgumentException("kernel '" + kernel.name() + "' takes " + kernel.argCount()
                        + " arguments, the launch gave " + args.size());
            }
            synchronized (kernel) {
                for (int i = 0; i < args.size(); i++) {
                    setArg(kernel, i, args.get(i));
                }
                clEnqueueNDRangeKernel(queue, kernel.id(), 2, null, new long[] {globalWidth, globalHeight}, null, 0,
                        null, null);
            }
            launches.increment();
            return null;
        });
    }

    private void setArg(ClKernel kernel, int index, Object arg) {
        try {
            switch (arg) {
                case DeviceFrame frame -> {
                    ClFrame own = own(frame);
                    if (own == null) {
                        throw new IllegalArgumentException("argument " + index + " of kernel '" + kernel.name()
                                + "': " + frame + " belongs to another Gpu service; pass gpu.upload(frame)");
                    }
                    cl_mem mem = own.mem();
                    own.dropHostCopy();
                    clSetKernelArg(kernel.id(), index, Sizeof.cl_mem, Pointer.to(mem));
                }
                case Integer value -> clSetKernelArg(kernel.id(), index, Sizeof.cl_int, Pointer.to(new int[] {value}));
                case Float value -> clSetKernelArg(kernel.id(), index, Sizeof.cl_float,
                        Pointer.to(new float[] {value}));
                case float[] values -> constants(kernel, index, values, Pointer.to(values),
                        (long) values.length * Sizeof.cl_float);
                case int[] values -> constants(kernel, index, values, Pointer.to(values),
                        (long) values.length * Sizeof.cl_int);
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
            case DeviceFrame f -> "a frame";
            case Integer i -> "an int";
            case Float f -> "a float";
            case float[] a -> "a float[" + a.length + "]";
            case int[] a -> "an int[" + a.length + "]";
            default -> arg.getClass().getSimpleName();
        };
    }

    private ClFrame newFrame(int width, int height) {
        reclaimCollected();
        long bytes = (long) width * height * Frame.BYTES_PER_PIXEL;
        cl_mem mem = pool.take(bytes);
        if (mem != null) {
            buffersReused.increment();
        } else {
            mem = clCreateBuffer(context, CL_MEM_READ_WRITE, bytes, null, null);
            buffersCreated.increment();
        }
        ClFrame frame = new ClFrame(this, width, height, mem, collected);
        live.add(frame.memory());
        return frame;
    }

    /** Takes back the buffer of a frame released for the last time, or collected unreleased. */
    void recycle(ClFrame.Memory memory) {
        if (live.remove(memory)) { // exactly once, whoever comes first: release, collection, close
            memory.clear();
            if (!pool.give(memory.bytes, memory.mem)) {
                clReleaseMemObject(memory.mem);
            }
        }
    }

    private void reclaimCollected() {
        Reference<? extends ClFrame> reference;
        while ((reference = collected.poll()) != null) {
            ClFrame.Memory memory = (ClFrame.Memory) reference;
            if (live.contains(memory)) {
                framesLeaked.increment();
                LOG.log(Level.WARNING, "a " + memory.bytes + "-byte device frame was collected without release()");
                recycle(memory);
            }
        }
    }

    private ClFrame own(Frame frame) {
        return frame.unwrap(ClFrame.class).filter(f -> f.owner() == this).orElse(null);
    }

    private static void checkSize(int width, int height) {
        if (width < 1 || height < 1 || width > Frame.MAX_SIDE || height > Frame.MAX_SIDE) {
            throw new IllegalArgumentException("a frame of " + width + "x" + height + " is past the frame size limit:"
                    + " 1 to " + Frame.MAX_SIDE + " pixels on each side");
        }
    }

    /**
     * Runs device work under the read lock, on a live service with a device, turning OpenCL
     * errors into {@link GpuException}s that name {@code what}.
     */
    <T> T guarded(String what, Supplier<T> work) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the Gpu service is closed");
            }
            if (device == null) {
                throw new IllegalStateException("no OpenCL device (" + unavailableReason
                        + "): check Gpu.available() and run the Java path");
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

    /** Releases every OpenCL object; frames still held by callers become invalid. */
    @Deactivate
    void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (device == null) {
                return;
            }
            try {
                clFinish(queue);
            } catch (CLException e) {
                LOG.log(Level.WARNING, "OpenCL work failed while closing: " + e.getMessage());
            }
            int programCount = programs.size();
            programs.values().forEach(ClProgram::close);
            programs.clear();
            int inUse = 0;
            for (ClFrame.Memory memory : List.copyOf(live)) {
                if (live.remove(memory)) {
                    memory.clear();
                    clReleaseMemObject(memory.mem);
                    inUse++;
                }
            }
            hostCopies.close();
            List<cl_mem> pooled = pool.close();
            pooled.forEach(CL::clReleaseMemObject);
            clReleaseCommandQueue(queue);
            clReleaseContext(context);
            LOG.log(Level.DEBUG, "OpenCL closed: " + programCount + " programs, " + pooled.size()
                    + " pooled buffers, " + inUse + " frames still in use");
        } finally {
            lifecycle.writeLock().unlock();
        }
    }
}
