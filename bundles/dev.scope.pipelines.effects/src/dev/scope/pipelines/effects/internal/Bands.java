package dev.scope.pipelines.effects.internal;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Rows of a picture split into bands that run in parallel on the common fork-join pool. The
 * number of bands is fixed for a given size, so a pipeline can keep scratch arrays per band
 * across calls: one band is run by one thread at a time.
 */
final class Bands {

    /** Below this many pixels the work stays on the calling thread. */
    private static final long PARALLEL_PIXELS = 1 << 15;

    /** The work of the rows {@code from} (inclusive) to {@code to} (exclusive) of a band. */
    @FunctionalInterface
    interface Body {
        void rows(int band, int from, int to);
    }

    private final int rows;
    private final int count;

    /**
     * @param rows the number of rows, at least 1
     * @param pixelsPerRow the work a row stands for, to keep small pictures on one thread
     */
    Bands(int rows, int pixelsPerRow) {
        this.rows = rows;
        int workers = ForkJoinPool.getCommonPoolParallelism() + 1;
        count = (long) rows * pixelsPerRow < PARALLEL_PIXELS || workers == 1 ? 1 : Math.min(rows, 4 * workers);
    }

    /** @return the number of bands: the length of per-band scratch arrays */
    int count() {
        return count;
    }

    /** Runs the body over every band and returns when all are done. */
    void run(Body body) {
        if (count == 1) {
            body.rows(0, 0, rows);
            return;
        }
        IntStream.range(0, count).parallel()
                .forEach(b -> body.rows(b, (int) ((long) rows * b / count), (int) ((long) rows * (b + 1) / count)));
    }
}
