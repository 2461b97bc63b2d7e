package dev.scope.engine.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import dev.scope.pipeline.api.Frame;

/**
 * The frames a stage collects until it has a batch: handles the stage owns, in arrival order.
 * Not thread-safe: used by the thread that drives the chain.
 */
final class Batcher {

    /**
     * One batch taken from the pending frames.
     *
     * @param frames what the call gets: {@code n} frames, the last one repeated when padded
     * @param taken the distinct handles taken out of the pending frames (the stage is done with them
     *        after the call, unless it fails and passes them on)
     * @param skipped handles skipped by sampling: the stage is done with them now
     * @param held how many real frames the batch holds (fewer than {@code n} when padded)
     */
    record Batch(List<Frame> frames, List<Frame> taken, List<Frame> skipped, int held) {
    }

    private final List<Frame> pending = new ArrayList<>();

    void add(List<Frame> handles) {
        pending.addAll(handles);
    }

    int size() {
        return pending.size();
    }

    /** @return the newest pending frame, or {@code null} */
    Frame newest() {
        return pending.isEmpty() ? null : pending.get(pending.size() - 1);
    }

    /**
     * Takes a batch of {@code n}. The chain's first stage samples {@code n} evenly from all that is
     * pending, keeping the newest, and skips the rest (Scope's catch-up with real time); a later
     * stage takes the oldest {@code n} (every frame an earlier stage made is wanted). On a flush a
     * short batch is padded with its last frame.
     *
     * @return the batch, or {@code null} when fewer than {@code n} are pending and this is no flush
     */
    Batch take(int n, boolean sample, boolean flush) {
        int m = pending.size();
        if (m == 0 || m < n && !flush) {
            return null;
        }
        if (m < n) {
            List<Frame> frames = new ArrayList<>(pending);
            while (frames.size() < n) {
                frames.add(pending.get(m - 1));
            }
            Batch b = new Batch(frames, List.copyOf(pending), List.of(), m);
            pending.clear();
            return b;
        }
        if (sample) {
            List<Frame> picked = sample(pending, n);
            Set<Frame> chosen = Collections.newSetFromMap(new IdentityHashMap<>());
            chosen.addAll(picked);
            List<Frame> skipped = new ArrayList<>();
            for (Frame f : pending) {
                if (!chosen.contains(f)) {
                    skipped.add(f);
                }
            }
            pending.clear();
            return new Batch(picked, picked, skipped, n);
        }
        List<Frame> first = List.copyOf(pending.subList(0, n));
        pending.subList(0, n).clear();
        return new Batch(first, first, List.of(), n);
    }

    /** @return and forget every pending handle (a bypass passes them on, a reset or close releases them) */
    List<Frame> drain() {
        List<Frame> all = List.copyOf(pending);
        pending.clear();
        return all;
    }

    /**
     * Picks {@code n} frames spread evenly over {@code frames}, always including the newest, so a
     * slow stage sees the latest input and skips the excess.
     */
    static List<Frame> sample(List<Frame> frames, int n) {
        int m = frames.size();
        if (m == n) {
            return List.copyOf(frames);
        }
        List<Frame> picked = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int at = n == 1 ? m - 1 : (int) Math.round((double) i * (m - 1) / (n - 1));
            picked.add(frames.get(at));
        }
        return picked;
    }
}
