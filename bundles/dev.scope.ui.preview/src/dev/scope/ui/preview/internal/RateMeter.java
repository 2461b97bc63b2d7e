package dev.scope.ui.preview.internal;

/**
 * Painted frames and painting time over the last second, by an injected clock. Thread-safe: the
 * UI thread records, any thread reads.
 */
public final class RateMeter {

    /** The window, in nanoseconds. */
    public static final long WINDOW = 1_000_000_000L;
    private static final int CAPACITY = 2048; // paints a second at most counted

    private final long[] ends = new long[CAPACITY];
    private final long[] busy = new long[CAPACITY];
    private final boolean[] frame = new boolean[CAPACITY];
    private int next;
    private int size;

    /**
     * Records one paint.
     *
     * @param start when it began, nanoseconds
     * @param end when it ended
     * @param newFrame whether it painted a new output frame
     */
    public synchronized void paint(long start, long end, boolean newFrame) {
        ends[next] = end;
        busy[next] = Math.max(0, end - start);
        frame[next] = newFrame;
        next = (next + 1) % CAPACITY;
        size = Math.min(size + 1, CAPACITY);
    }

    /** @return new output frames painted in the second up to {@code now} */
    public synchronized double fps(long now) {
        int n = 0;
        for (int i = 0, recent = recent(now); i < recent; i++) {
            n += frame[index(i)] ? 1 : 0;
        }
        return n * 1e9 / WINDOW;
    }

    /** @return the share of the second up to {@code now} spent painting, 0 to 1 */
    public synchronized double busyFraction(long now) {
        long sum = 0;
        for (int i = 0, recent = recent(now); i < recent; i++) {
            int k = index(i);
            sum += Math.min(busy[k], WINDOW - (now - ends[k])); // only the part inside the window
        }
        return Math.min(1.0, (double) sum / WINDOW);
    }

    /** @return where the {@code i}-th most recent paint is kept */
    private int index(int i) {
        return Math.floorMod(next - 1 - i, CAPACITY);
    }

    /** @return how many of the most recent paints ended within the window up to {@code now} */
    private int recent(long now) {
        int n = 0;
        while (n < size && now - ends[index(n)] < WINDOW) {
            n++;
        }
        return n;
    }
}
