package dev.scope.ui.testing.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

import dev.scope.pipeline.api.Frame;
import dev.scope.ui.stream.FrameListener;

/**
 * Samples the stream's input and output frames on a grid, so that a scenario can check what an
 * output frame shows against the input frame it was made from (paired by presentation time, for
 * chains that keep it: one output per input). Keeps the last {@value #KEEP} of each.
 */
final class FrameTap implements FrameListener {

    /** How many samples of each side are kept. */
    static final int KEEP = 240;
    private static final int GRID_X = 32;
    private static final int GRID_Y = 18;

    /** One output frame's samples with the input's, and when it arrived. */
    record Pair(long ptsMicros, long arrivedNanos, int[] in, int[] out) {

        /**
         * @param expected the output each input channel value should give
         * @param tolerance how far a channel may be off
         * @return the fraction of sampled channels within the tolerance
         */
        double matching(IntUnaryOperator expected, int tolerance) {
            int ok = 0;
            for (int i = 0; i < in.length; i++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    int want = expected.applyAsInt((in[i] >>> shift) & 0xFF);
                    int got = (out[i] >>> shift) & 0xFF;
                    if (Math.abs(want - got) <= tolerance) {
                        ok++;
                    }
                }
            }
            return ok / (3.0 * in.length);
        }
    }

    private final Map<Long, int[]> inputs = new LinkedHashMap<>();
    private final List<Pair> pairs = new ArrayList<>();

    @Override
    public void inputFrame(Frame frame, long ptsMicros) {
        try {
            int[] s = sample(frame);
            synchronized (this) {
                inputs.put(ptsMicros, s);
                if (inputs.size() > KEEP) {
                    inputs.remove(inputs.keySet().iterator().next());
                }
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void outputFrame(Frame frame, long ptsMicros) {
        try {
            int[] s = sample(frame);
            long now = System.nanoTime();
            synchronized (this) {
                int[] in = inputs.get(ptsMicros);
                if (in != null) {
                    pairs.add(new Pair(ptsMicros, now, in, s));
                    if (pairs.size() > KEEP) {
                        pairs.remove(0);
                    }
                }
            }
        } finally {
            frame.release();
        }
    }

    /** @return the pairs whose output arrived after a time, oldest first */
    synchronized List<Pair> after(long nanos) {
        return pairs.stream().filter(p -> p.arrivedNanos() - nanos > 0).toList();
    }

    private static int[] sample(Frame frame) {
        int w = frame.width();
        int h = frame.height();
        int[] row = new int[w];
        int[] s = new int[GRID_X * GRID_Y];
        for (int gy = 0; gy < GRID_Y; gy++) {
            int y = (gy * h + h / 2) / GRID_Y;
            frame.readRows(y, 1, row, 0);
            for (int gx = 0; gx < GRID_X; gx++) {
                s[gy * GRID_X + gx] = row[(gx * w + w / 2) / GRID_X];
            }
        }
        return s;
    }
}
