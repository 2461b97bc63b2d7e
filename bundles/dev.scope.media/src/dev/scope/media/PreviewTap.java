package dev.scope.media;

import java.util.Optional;

import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.TimedFrame;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A sink that holds the latest output frame for a preview, by a reference of its own (no copy).
 * {@link #latest()} may be called from any thread. {@link #close()} lets the frame go.
 */
@ProviderType
public interface PreviewTap extends FrameSink {

    /**
     * @return a new read-only handle to the latest frame, owned by the caller, who releases it
     *         (see {@link dev.scope.pipeline.api.Frame}); empty before the first frame and after
     *         {@link #close()}
     */
    Optional<TimedFrame> latest();
}
