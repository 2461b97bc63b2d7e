package dev.scope.bench.internal;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The copy bound of one frame size, measured the way the cases stream: each copy reads the next
 * of a pool of distinct frames whose bytes are more than twice the last-level cache (so every
 * frame comes from memory, as a stream's do) and writes into one reused destination frame (as a
 * stage writes into a pooled output frame). Bytes read plus written per second, the best of one
 * thread and of every core copying its own such cycle at once.
 */
final class FrameCopyBound {

    /** The last-level cache assumed where the machine does not say: a common server L3. */
    static final long FALLBACK_CACHE = 32L << 20;

    private FrameCopyBound() {
    }

    /**
     * @param frameBytes a frame's bytes
     * @return how many distinct input frames a case cycles through: at least 8, and more than twice
     *         the last-level cache in all
     */
    static int poolFrames(long frameBytes) {
        return (int) Math.max(8, (2 * lastLevelCache() + frameBytes - 1) / frameBytes + 1);
    }

    /** @return the largest cache the first CPU lists in sysfs, or {@link #FALLBACK_CACHE} */
    static long lastLevelCache() {
        long best = 0;
        Path caches = Path.of("/sys/devices/system/cpu/cpu0/cache");
        try (var dirs = Files.list(caches)) {
            for (Path d : dirs.filter(p -> p.getFileName().toString().startsWith("index")).toList()) {
                best = Math.max(best, size(Files.readString(d.resolve("size")).strip()));
            }
        } catch (java.io.IOException | RuntimeException e) {
            return FALLBACK_CACHE;
        }
        return best > 0 ? best : FALLBACK_CACHE;
    }

    /** @return {@code 32768K}, {@code 2M} or a number of bytes, in bytes */
    static long size(String text) {
        String t = text.toUpperCase(Locale.ROOT);
        long unit = t.endsWith("K") ? 1L << 10 : t.endsWith("M") ? 1L << 20 : t.endsWith("G") ? 1L << 30 : 1;
        String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
        return Long.parseLong(digits) * unit;
    }

    /**
     * @param frameBytes a frame's bytes
     * @param seconds about how long to measure in all
     * @return read+write bytes per second, and how many threads reached it
     */
    static double[] measure(int frameBytes, double seconds) {
        int cores = Runtime.getRuntime().availableProcessors();
        double one = copy(frameBytes, 1, seconds / 2);
        double all = cores > 1 ? copy(frameBytes, cores, seconds / 2) : 0;
        return all > one ? new double[] {all, cores} : new double[] {one, 1};
    }

    /** {@code threads} threads, each copying its own pool of distinct frames into its own destination. */
    private static double copy(int frameBytes, int threads, double seconds) {
        int frames = poolFrames(frameBytes); // each thread its own pool past the cache: no thread copies from cache
        AtomicLong bytes = new AtomicLong();
        CyclicBarrier start = new CyclicBarrier(threads + 1);
        CyclicBarrier end = new CyclicBarrier(threads + 1);
        long deadline = (long) (seconds * 1e9);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread w = new Thread(() -> {
                ByteBuffer[] src = new ByteBuffer[frames];
                for (int i = 0; i < frames; i++) {
                    src[i] = ByteBuffer.allocateDirect(frameBytes);
                    for (int b = 0; b < frameBytes; b += 4096) {
                        src[i].put(b, (byte) (i + b)); // every page touched: the copy measures memory, not faults
                    }
                }
                ByteBuffer dst = ByteBuffer.allocateDirect(frameBytes);
                for (int i = 0; i < frames; i++) { // one cycle to warm up
                    dst.clear();
                    dst.put(src[i].duplicate().clear());
                }
                try {
                    start.await();
                    long from = System.nanoTime();
                    long n = 0;
                    while (System.nanoTime() - from < deadline) {
                        dst.clear();
                        dst.put(src[(int) (n++ % frames)].duplicate().clear());
                    }
                    bytes.addAndGet(2L * frameBytes * n);
                    end.await();
                } catch (InterruptedException | java.util.concurrent.BrokenBarrierException e) {
                    Thread.currentThread().interrupt();
                }
            }, "frame-copy-" + t);
            w.setDaemon(true);
            workers.add(w);
            w.start();
        }
        try {
            start.await();
            long from = System.nanoTime();
            end.await();
            long elapsed = System.nanoTime() - from;
            for (Thread w : workers) {
                w.join();
            }
            return bytes.get() / (elapsed / 1e9);
        } catch (InterruptedException | java.util.concurrent.BrokenBarrierException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
