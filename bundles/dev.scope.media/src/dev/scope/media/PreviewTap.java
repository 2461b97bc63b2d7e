package dev.scope.media;

import java.util.Optional;

import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.TimedFrame;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A sink that holds the latest output frame (a copy) for a preview. {@link #latest()} may be
 * called from any thread.
 */
@ProviderType
public interface PreviewTap extends FrameSink {

    /** @return the latest frame, owned by the tap (read-only for callers), if any arrived */
    Optional<TimedFrame> latest();
}
