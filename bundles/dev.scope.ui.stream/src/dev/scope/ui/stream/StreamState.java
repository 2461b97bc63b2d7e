package dev.scope.ui.stream;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import dev.scope.engine.api.ChainSpec;

/**
 * A snapshot of the stream, as a UI shows it.
 *
 * @param status where the stream is
 * @param source the source it runs (or will run on the next start)
 * @param chain the chain it runs (or will run), with every stage's current parameter values
 * @param bypass per stage in chain order, whether it is bypassed on request
 * @param error why the last start failed or the stream ended early, one readable line; {@code null}
 *        when it did not
 * @param recording the MP4 being recorded, or {@code null}
 */
public record StreamState(StreamStatus status, SourceSpec source, ChainSpec chain, List<Boolean> bypass,
        String error, Path recording) {

    /** Checks and copies. */
    public StreamState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(chain, "chain");
        bypass = List.copyOf(bypass);
    }

    /** @return whether a session exists: streaming or paused */
    public boolean running() {
        return status == StreamStatus.STREAMING || status == StreamStatus.PAUSED;
    }
}
