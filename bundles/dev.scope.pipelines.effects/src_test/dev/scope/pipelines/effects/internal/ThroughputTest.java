package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.scope.gpu.api.Gpu;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Params;
import dev.scope.pipeline.api.Pipeline;

import org.junit.jupiter.api.Test;

/**
 * Measures and prints the input frames per second of every effect on this machine (from the
 * median time of a call, which includes allocating the output frames; the time of
 * {@link Frame#allocate} alone is printed too, as it depends on the JVM and the machine more than
 * on the effect); asserts only that each produced its frames. Speed goals belong to benchmarks,
 * not to tests.
 */
class ThroughputTest {

    /** One effect with its settings, and how many frames a call returns. */
    record Case(String name, Function<Supplier<Gpu>, Pipeline> pipeline, Params params, int outputs) {
    }

    static final List<Case> CASES = List.of(
            new Case("blur sigma 2", BlurPipeline::new, Patterns.params("sigma", 2.0), 1),
            new Case("blur sigma 8", BlurPipeline::new, Patterns.params("sigma", 8.0), 1),
            new Case("color-grade", ColorGradePipeline::new,
                    Patterns.params("brightness", 0.05, "contrast", 1.2, "saturation", 1.3, "hue", 20.0), 1),
            new Case("kaleidoscope", KaleidoscopePipeline::new, Patterns.params("segments", 6, "spin", 0.5), 1),
            new Case("edges sobel", EdgesPipeline::new, Patterns.params("mode", "sobel"), 1),
            new Case("edges lineart", EdgesPipeline::new, Patterns.params("mode", "lineart"), 1),
            new Case("interpolate motion", InterpolatePipeline::new, Patterns.params("method", "motion"), 2),
            new Case("interpolate blend", InterpolatePipeline::new, Patterns.params("method", "blend"), 2));

    /** @return the median time of allocating one output frame, in ms: part of every effect's time */
    private static double allocation(int w, int h) {
        List<Long> times = new ArrayList<>();
        long begin = System.nanoTime();
        while (System.nanoTime() - begin < 500_000_000L) {
            long t0 = System.nanoTime();
            Frame f = Frame.allocate(w, h);
            times.add(System.nanoTime() - t0);
            assertEquals(w, f.width());
        }
        java.util.Collections.sort(times);
        return times.get(times.size() / 2) / 1e6;
    }

    @Test
    void printsFramesPerSecond() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int[] size : new int[][] {{1920, 1080}, {512, 512}}) {
            lines.add(String.format(Locale.ROOT, "%-20s %4dx%-4d          (median %6.1f ms)", "Frame.allocate alone",
                    size[0], size[1], allocation(size[0], size[1])));
            Frame[] inputs = new Frame[4];
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = Patterns.colourful(size[0], size[1], 5 * i, 3 * i);
            }
            for (Case c : CASES) {
                try (Pipeline p = c.pipeline().apply(() -> null)) {
                    p.call(List.of(inputs[0]), c.params().with("init_cache", true));
                    List<Long> times = new ArrayList<>();
                    // warm up for 0.5 s, then time single calls for 1 s
                    long begin = System.nanoTime();
                    for (int i = 1; System.nanoTime() - begin < 1_500_000_000L; i++) {
                        long t0 = System.nanoTime();
                        int n = p.call(List.of(inputs[i % inputs.length]), c.params().with("init_cache", false)).size();
                        long t1 = System.nanoTime();
                        assertEquals(c.outputs(), n, c.name());
                        if (t0 - begin >= 500_000_000L) {
                            times.add(t1 - t0);
                        }
                    }
                    java.util.Collections.sort(times);
                    double median = times.get(times.size() / 2) / 1e6;
                    double best = times.get(0) / 1e6;
                    lines.add(String.format(Locale.ROOT, "%-20s %4dx%-4d %7.1f fps (median %6.1f ms, best %6.1f ms, %d calls)",
                            c.name(), size[0], size[1], 1000 / median, median, best, times.size()));
                }
            }
        }
        System.out.println("Effects throughput, " + Runtime.getRuntime().availableProcessors() + " cores:");
        lines.forEach(l -> System.out.println("  " + l));
    }
}
