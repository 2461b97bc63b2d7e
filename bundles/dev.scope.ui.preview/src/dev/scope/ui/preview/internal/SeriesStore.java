package dev.scope.ui.preview.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.scope.ui.preview.TimeSeriesPlot.Sample;

/**
 * The samples of named series within a time window ending at the clock's now: older ones are let
 * go when samples are added and when the series are read. Thread-safe.
 */
public final class SeriesStore {

    /** The most samples one series keeps (two minutes at 60 a second); the oldest go first. */
    public static final int MAX_SAMPLES = 7200;

    private final long window;
    private final Map<String, List<Sample>> series = new LinkedHashMap<>();

    /** @param windowNanos how far back samples are kept, in nanoseconds */
    public SeriesStore(long windowNanos) {
        this.window = windowNanos;
    }

    /**
     * Adds a sample in time order (a late one is put where it belongs); one already outside the
     * window is ignored.
     *
     * @return whether it was kept
     */
    public synchronized boolean add(String name, long nanoTime, double value, long now) {
        if (now - nanoTime > window) {
            return false;
        }
        List<Sample> list = series.computeIfAbsent(name, k -> new ArrayList<>());
        int at = list.size();
        while (at > 0 && list.get(at - 1).nanoTime() > nanoTime) {
            at--;
        }
        list.add(at, new Sample(nanoTime, value));
        if (list.size() > MAX_SAMPLES) {
            list.subList(0, list.size() - MAX_SAMPLES).clear();
        }
        trim(list, now);
        return true;
    }

    /** @return every series with its samples inside the window ending at {@code now}, in the order first added */
    public synchronized Map<String, List<Sample>> snapshot(long now) {
        Map<String, List<Sample>> copy = new LinkedHashMap<>();
        series.forEach((name, list) -> {
            trim(list, now);
            copy.put(name, List.copyOf(list));
        });
        return copy;
    }

    /** Forgets every series. */
    public synchronized void clear() {
        series.clear();
    }

    private void trim(List<Sample> list, long now) {
        int old = 0;
        while (old < list.size() && now - list.get(old).nanoTime() > window) {
            old++;
        }
        list.subList(0, old).clear();
    }
}
