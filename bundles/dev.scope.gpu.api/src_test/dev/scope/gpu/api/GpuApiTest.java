package dev.scope.gpu.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The API's own behaviour: stats intervals and build exceptions. */
class GpuApiTest {

    @Test
    void sinceSubtractsCountsAndKeepsTheGauge() {
        GpuStats earlier = new GpuStats(1, 100, 2, 200, 3, 1, 0, 4, 2, 5, 7, 0);
        GpuStats later = new GpuStats(4, 400, 3, 300, 10, 2, 1, 9, 2, 8, 3, 1);
        assertEquals(new GpuStats(3, 300, 1, 100, 7, 1, 1, 5, 0, 3, 3, 1), later.since(earlier));
        assertEquals(later, later.since(GpuStats.NONE));
    }

    @Test
    void aBuildExceptionKeepsTheLog() {
        GpuBuildException e = new GpuBuildException("kernel build failed: <source>:3:5: error: x", null);
        assertEquals("", e.buildLog());
        assertNull(e.getCause());
        assertEquals("log", new GpuBuildException("m", "log").buildLog());
    }
}
