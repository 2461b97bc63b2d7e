package dev.scope.media;

import java.io.IOException;

import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.FrameSource;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens video sources and sinks by name, as the command line and the UI name them.
 *
 * <p>Thread-safe; every source and sink it returns is used by one thread at a time.
 */
@ProviderType
public interface MediaService {

    /**
     * Opens a source.
     *
     * @param spec a video file ({@code .mp4 .mov .mkv .webm}), an image file ({@code .png .jpg
     *        .jpeg}), {@code testsrc:WIDTHxHEIGHT@FPS} (the moving {@link TestPattern}), or
     *        {@code webcam} / {@code webcam:/dev/videoN} (V4L2)
     * @param loop for video files: start again at the end instead of ending; images and the test
     *        pattern never end
     * @return the open source, owned by the caller
     * @throws IOException naming the spec and what was expected: a missing or unreadable file, an
     *         unknown format, no webcam, a malformed testsrc spec
     */
    FrameSource openSource(String spec, boolean loop) throws IOException;

    /**
     * Opens a sink.
     *
     * @param target a path ending in {@code .mp4} (an H.264 recording with the best encoder
     *        available) or a directory (a PNG sequence {@code frame_00000.png ...})
     * @return the open sink, owned by the caller
     * @throws IOException when the target cannot be written
     */
    FrameSink openSink(String target) throws IOException;

    /** @return a new sink that keeps only the latest frame, for previews */
    PreviewTap previewTap();
}
