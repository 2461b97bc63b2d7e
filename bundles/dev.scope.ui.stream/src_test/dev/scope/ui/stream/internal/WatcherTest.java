package dev.scope.ui.stream.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import dev.scope.engine.api.StageStatus;
import dev.scope.engine.api.StageStatus.State;

import org.junit.jupiter.api.Test;

/** What makes the watcher tell the views: a stage's state, reason or path; not its counts. */
class WatcherTest {

    private static StageStatus stage(State state, String reason, long calls, String backend) {
        return new StageStatus(0, "blur", "main", state, reason, calls, calls, backend);
    }

    @Test
    void aStageMovedToAnotherPathIsAChangeMoreCallsAreNot() {
        List<List<Object>> running = Watcher.look(List.of(stage(State.OK, null, 3, "java")));
        assertEquals(running, Watcher.look(List.of(stage(State.OK, null, 40, "java"))), "calls alone");
        assertNotEquals(running, Watcher.look(List.of(stage(State.OK, null, 40, "opencl"))), "placed on OpenCL");
        assertNotEquals(running, Watcher.look(List.of(stage(State.FAILED, "boom", 40, "java"))), "failed");
    }
}
