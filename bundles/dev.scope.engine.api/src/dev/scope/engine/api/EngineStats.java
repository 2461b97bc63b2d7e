package dev.scope.engine.api;

import java.util.List;

/**
 * The engine's own counters, as a snapshot.
 *
 * @param framesInUse host frames of the engine's pool held by at least one handle
 * @param frameBytesInUse their memory, in bytes
 * @param pooledBytes free frame memory the pool keeps for reuse (bounded)
 * @param abandonedCalls calls of a stage that did not return within the deadline, whose threads
 *        were abandoned
 * @param possiblyLeaking the plugins (bundle symbolic names) that had a call abandoned: a thread
 *        inside their code may keep their class loader alive until the process ends
 * @since 3.0
 */
public record EngineStats(long framesInUse, long frameBytesInUse, long pooledBytes, long abandonedCalls,
        List<String> possiblyLeaking) {

    /** Copies the list. */
    public EngineStats {
        possiblyLeaking = List.copyOf(possiblyLeaking);
    }
}
