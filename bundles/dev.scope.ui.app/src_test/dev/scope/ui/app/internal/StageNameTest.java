package dev.scope.ui.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.IntStream;

import dev.scope.engine.api.StageMetrics;

import org.junit.jupiter.api.Test;

/** The Performance view's series names: one series per stage, also when a pipeline runs twice. */
class StageNameTest {

    private static StageMetrics stage(int index, String id) {
        return new StageMetrics(index, id, 1, 1, 0, 1, 1, 0, 0, "java");
    }

    @Test
    void aPipelineInTheChainTwiceGetsTwoSeriesNumberedByPosition() {
        List<StageMetrics> chain = List.of(stage(0, "blur"), stage(1, "kaleidoscope"), stage(2, "blur"));
        assertEquals(List.of("blur #1", "kaleidoscope", "blur #3"),
                IntStream.range(0, chain.size()).mapToObj(i -> PerformancePart.stageName(chain, i)).toList());
    }
}
