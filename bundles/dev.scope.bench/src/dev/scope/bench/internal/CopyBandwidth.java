package dev.scope.bench.internal;

import java.nio.ByteBuffer;

/**
 * The machine's memory copy bandwidth, measured on buffers far larger than the CPU caches: bytes
 * read plus bytes written per second, the best of several copies.
 */
final class CopyBandwidth {

    static final int BUFFER_BYTES = 256 << 20;

    private CopyBandwidth() {
    }

    /** @return read+write bytes per second */
    static double measure(int rounds) {
        ByteBuffer a = ByteBuffer.allocateDirect(BUFFER_BYTES);
        ByteBuffer b = ByteBuffer.allocateDirect(BUFFER_BYTES);
        for (int i = 0; i < BUFFER_BYTES; i += 4096) {
            a.put(i, (byte) i); // touch every page so the copy measures memory, not page faults
            b.put(i, (byte) 0);
        }
        double best = 0;
        for (int r = 0; r < rounds + 1; r++) {
            long start = System.nanoTime();
            b.clear();
            b.put(a.duplicate().clear());
            long nanos = System.nanoTime() - start;
            if (r > 0) { // the first round warms up
                best = Math.max(best, 2.0 * BUFFER_BYTES / (nanos / 1e9));
            }
        }
        return best;
    }
}
