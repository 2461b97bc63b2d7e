package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Pipeline;
import dev.scope.pipelines.effects.internal.EdgesConfig.Mode;
import dev.scope.pipelines.effects.internal.KaleidoscopeConfig.Edge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A typed parameter change reaches {@link Pipeline#configure} at the frame boundary, and the next
 * call works with the new values: a stage that ran with {@code a} and then gets {@code b} gives
 * what a stage that had {@code b} from the start gives, and not what {@code a} gives.
 */
class ParameterChangeTest {

    private final TestFrames frames = new TestFrames();

    @AfterEach
    void everyFrameReleased() {
        frames.close();
    }

    private <C extends BasePipelineConfig> void changeReachesTheNextCall(String what, Supplier<Pipeline<C>> make, C a,
            C b) throws Exception {
        Frame first = frames.colourful(96, 64, 0, 0);
        Frame second = frames.colourful(96, 64, 5, 3);
        try (Stage<C> changed = new Stage<>(make.get(), frames); Stage<C> withA = new Stage<>(make.get(), frames);
                Stage<C> withB = new Stage<>(make.get(), frames)) {
            changed.call(a, first);
            withA.call(a, first);
            withB.call(b, first);
            List<Frame> out = changed.call(b, second);
            List<Frame> expected = withB.call(b, second);
            List<Frame> old = withA.call(a, second);
            assertEquals(expected.size(), out.size(), what);
            for (int i = 0; i < out.size(); i++) {
                assertEquals(0, Patterns.maxDiff(expected.get(i), out.get(i)),
                        what + ": output " + i + " has the new values");
            }
            assertTrue(Patterns.maxDiff(old.get(0), out.get(0)) > 0, what + ": the old values gave another picture");
        }
    }

    @Test
    void blur() throws Exception {
        changeReachesTheNextCall("blur", BlurPipeline::new, BlurTest.sigma(1), BlurTest.sigma(4));
    }

    @Test
    void colorGrade() throws Exception {
        changeReachesTheNextCall("color-grade", ColorGradePipeline::new, ColorGradeTest.grade(0, 1, 1, 0),
                ColorGradeTest.grade(0.1, 1.2, 0.5, 40));
        changeReachesTheNextCall("color-grade back to the identity", ColorGradePipeline::new,
                ColorGradeTest.grade(0.1, 1.2, 0.5, 40), ColorGradeTest.grade(0, 1, 1, 0));
    }

    @Test
    void kaleidoscope() throws Exception {
        changeReachesTheNextCall("kaleidoscope", KaleidoscopePipeline::new,
                new KaleidoscopeTest.Settings(6, 0, 1, true, Edge.MIRROR).config(),
                new KaleidoscopeTest.Settings(9, 30, 1.5, false, Edge.WRAP).config());
    }

    @Test
    void edges() throws Exception {
        changeReachesTheNextCall("edges", EdgesPipeline::new, EdgesTest.edges(Mode.SOBEL, 1, 0.1, false),
                EdgesTest.edges(Mode.LINEART, 2, 0, true));
        changeReachesTheNextCall("edges strength", EdgesPipeline::new, EdgesTest.edges(Mode.SOBEL, 1, 0.1, false),
                EdgesTest.edges(Mode.SOBEL, 3, 0.1, false));
    }

    @Test
    void interpolate() throws Exception {
        changeReachesTheNextCall("interpolate", InterpolatePipeline::new, InterpolateTest.config("motion", 16),
                InterpolateTest.config("blend", 16));
    }
}
