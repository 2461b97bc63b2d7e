package dev.scope.pipeline.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@link Pipeline#call} produced: the Java form of Scope's output dict.
 *
 * <p>{@link #frames()} holds 8-bit frames, or {@link #floatFrames()} float frames in {@code [0, 1]},
 * which the engine converts once, rounding. {@link #extras()} holds further named values; the
 * engine forwards them to later stages of the chain (as Scope forwards keys that are not output
 * ports), where they appear in {@link CallContext#upstream()} under the same names.
 *
 * <p>Immutable. The frames' handles pass to the engine (see {@link Frame}).
 */
public final class Output {

    private static final Output IDLE = new Output(List.of(), List.of(), Map.of());

    private final List<Frame> frames;
    private final List<FloatFrame> floatFrames;
    private final Map<String, Object> extras;

    private Output(List<Frame> frames, List<FloatFrame> floatFrames, Map<String, Object> extras) {
        this.frames = frames;
        this.floatFrames = floatFrames;
        this.extras = extras;
    }

    /**
     * @param frames 8-bit frames, in time order
     * @return an output of these frames
     */
    public static Output of(Frame... frames) {
        return of(List.of(frames));
    }

    /**
     * @param frames 8-bit frames, in time order, none {@code null}
     * @return an output of these frames
     */
    public static Output of(List<Frame> frames) {
        return new Output(List.copyOf(frames), List.of(), Map.of());
    }

    /**
     * @param frames float frames in {@code [0, 1]}, in time order, none {@code null}
     * @return an output of these frames
     */
    public static Output ofFloat(List<FloatFrame> frames) {
        return new Output(List.of(), List.copyOf(frames), Map.of());
    }

    /** @return the output that produced nothing (Scope's empty dict) */
    public static Output idle() {
        return IDLE;
    }

    /**
     * Adds an extra named output, forwarded to later stages.
     *
     * @param name the name later stages read in {@link CallContext#upstream()}, not {@code "video"}
     * @param value the value: a number, boolean, string, list, map or any object later stages
     *        of the same chain understand
     * @return a new output with the value added
     */
    public Output with(String name, Object value) {
        Objects.requireNonNull(name, "name");
        if (name.equals("video")) {
            throw new IllegalArgumentException("'video' is the frame output, not an extra output");
        }
        Map<String, Object> copy = new LinkedHashMap<>(extras);
        copy.put(name, value);
        return new Output(frames, floatFrames, Collections.unmodifiableMap(copy));
    }

    /** @return the 8-bit frames as returned; empty when the output holds float frames */
    public List<Frame> frames() {
        return frames;
    }

    /** @return the float frames as returned; empty when the output holds 8-bit frames */
    public List<FloatFrame> floatFrames() {
        return floatFrames;
    }

    /** @return the number of frames, 8-bit or float */
    public int size() {
        return frames.size() + floatFrames.size();
    }

    /** @return whether no frame was produced */
    public boolean isEmpty() {
        return size() == 0;
    }

    /** @return the extra outputs, in insertion order, unmodifiable */
    public Map<String, Object> extras() {
        return extras;
    }
}
